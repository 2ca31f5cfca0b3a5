"""Signing in to the staff console over HTTP, as a browser would: cookie jar and CSRF token."""
import html, re, urllib.parse

from harness import eq, ok


def single_use_page(path, fields):
    """The page whose single-use form posts these fields to path, None for another form: the
    registration of a paper request, a new review or suit (not a change or deletion of one)."""
    if "form_token" in fields:
        return None
    if path == "requests/new":
        return path
    if path.endswith("/reviews") and "review" not in fields and fields.get("action") != "delete":
        return path[:-len("/reviews")]
    return None


class Staff:
    def __init__(self, s, site, login, password="xxgk-demo"):
        self.s, self.site, self.cookie = s, site, None
        r = s.post(f"/xxgk/{site}/admin/login", fields={"login": login, "password": password})
        self.login_response = r
        m = re.search(r"xxgk_session=([0-9a-f]{64})", r.header("Set-Cookie") or "")
        if m:
            self.cookie = m.group(1)

    @property
    def signed_in(self):
        return self.cookie is not None

    def headers(self):
        return {"Cookie": f"xxgk_session={self.cookie}"} if self.cookie else {}

    def get(self, path):
        return self.s.get(f"/xxgk/{self.site}/admin/{path}", headers=self.headers())

    def csrf(self):
        r = self.get("")
        m = re.search(r'name="csrf" value="([0-9a-f]{64})"', r.text)
        ok(m, "CSRF token on the console page")
        return m.group(1)

    def form_token(self, page):
        """The one-time token of the single-use form on page (a registration's, a new review's)."""
        m = re.search(r'name="form_token" value="([^"]+)"', self.get(page).text)
        ok(m, f"a one-time form token on {page}")
        return html.unescape(m.group(1))

    def post(self, path, fields, token=True):
        """As the browser sends the form: with the page's CSRF token and, for a single-use form,
        a fresh one-time token from its page (unless the fields carry one)."""
        fields = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if token:
            fields.append(("csrf", self.csrf()))
            page = single_use_page(path, dict(fields))
            if page is not None:
                fields.append(("form_token", self.form_token(page)))
        return self.s.request("POST", f"/xxgk/{self.site}/admin/{path}", body=urllib.parse.urlencode(fields),
                              headers={**self.headers(), "Content-Type": "application/x-www-form-urlencoded"})
