"""Signing in to the staff console over HTTP, as a browser would: cookie jar and CSRF token."""
import re, urllib.parse

from harness import eq, ok


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

    def post(self, path, fields, token=True):
        fields = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if token:
            fields.append(("csrf", self.csrf()))
        return self.s.request("POST", f"/xxgk/{self.site}/admin/{path}", body=urllib.parse.urlencode(fields),
                              headers={**self.headers(), "Content-Type": "application/x-www-form-urlencoded"})
