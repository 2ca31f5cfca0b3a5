"""The request form without traps, over real HTTP: 证件类型 starts at 居民身份证 (a person who fills
in the form as it comes is not refused for a choice left at 请选择), an organisation's form with
that default and no number files without a stray document type, the minimum fill time is one
second by default (autofill takes a person longer), the address takes the whole-address
autocomplete token on an element that may carry it, and the receipt shows citizens no digest.
On a site of the module's own."""
import hashlib, html, html.parser, re

from harness import eq, fixture, new_site, ok
from test_ysqgk import PDF, organization, person, post_form, receipt_values


def site(s):
    return fixture(s, "ysqgk-form.site", lambda s: new_site(s, "yancheng", "ysqgk-form"))


def base(s):
    return f"/xxgk/{site(s)}/"


class _Form(html.parser.HTMLParser):
    """What a browser would send for the form as it comes: each field's initial value."""

    def __init__(self):
        super().__init__()
        self.values, self.selects, self.autocomplete = {}, {}, {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "autocomplete" in a and "name" in a:
            self.autocomplete[a["name"]] = (tag, a["autocomplete"])
        if tag == "select":
            self._select = a["name"]
            self.selects[self._select] = []
        elif tag == "option" and self._select:
            self.selects[self._select].append(a.get("value"))
            if "selected" in a or self._select not in self.values:
                self.values[self._select] = a.get("value")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def form_as_it_comes(s):
    r = s.get(base(s) + "ysqgk/")
    eq(r.status, 200, "form")
    p = _Form()
    p.feed(r.text)
    return p


def test_the_document_type_starts_at_the_resident_id(s):
    f = form_as_it_comes(s)
    eq(f.values.get("id_type"), "resident-id", "居民身份证 is chosen to begin with")
    ok("" not in f.selects["id_type"], f"no empty 请选择 to send by mistake: {f.selects['id_type']}")
    ok("" in f.selects["org_kind"], "a choice with no common default still asks")
    # a person fills in the fields and leaves the select as it came: filed the first time
    fields = person(id_type=f.values["id_type"])
    r = post_form(s, fields, site_base=base(s))
    eq(r.status, 200, f"filed at the first attempt: {r.text[-400:]}")
    receipt_values(r.text)


def test_an_organisation_with_the_default_type_and_no_number_files_without_one(s):
    f = form_as_it_comes(s)
    org = organization(id_type=f.values["id_type"], name="盐城某某科技有限公司")
    r = post_form(s, org, site_base=base(s))
    eq(r.status, 200, f"filed: {r.text[-400:]}")
    tracking, _ = receipt_values(r.text)
    eq(s.sql(f"SELECT COALESCE(id_type, ''), COALESCE(id_number, '') FROM requests WHERE tracking_no = '{tracking}'"),
       [["", ""]], "no document type stored without a number")


def test_minimum_fill_time_is_one_second_by_default(s):
    keys = s.ctl("config", "keys").stdout
    ok(re.search(r"^\[ysqgk\] min_fill_seconds = 1$", keys, re.M), "the default is 1 s")


def test_autocomplete_tokens_are_valid_where_they_stand(s):
    f = form_as_it_comes(s)
    eq(f.autocomplete.get("address"), ("textarea", "street-address"), "a whole address: a textarea may carry it")
    for name, (tag, token) in f.autocomplete.items():
        ok(not (tag == "input" and token == "street-address"), f"{name}: street-address on a one-line input")


def test_the_receipt_shows_citizens_no_digest(s):
    r = post_form(s, person(), files=[("attachments", "身份证明.pdf", "application/pdf", PDF)], site_base=base(s))
    eq(r.status, 200, "filed")
    ok("身份证明.pdf" in r.text, "the attachment is named")
    ok(hashlib.sha256(PDF).hexdigest() not in r.text and "SHA-256" not in r.text, "no digest")
    ok("重新发放" in r.text and "无法找回" not in r.text, "a lost code can be reissued, and the receipt says how")


def help_box(text):
    m = re.search(r'<aside class="help".*?</aside>', text, re.S)
    ok(m, "the form has its help box")
    return html.unescape(m.group(0))


def test_the_help_box_says_where_and_when_to_apply_on_every_demo_site(s):
    """Apply in person, by letter or fax: the help box names the receiving body with its address,
    telephone, fax and hours, as its record has them."""
    rows = s.sql("SELECT s.site_key, b.name, b.address, b.postcode, b.phone, b.fax, b.hours FROM bodies b "
                 "JOIN sites s ON s.id = b.site_id WHERE b.receives = 1 "
                 "AND s.site_key IN ('lincang', 'yancheng', 'qinghai', 'zhejiang', 'shanwei')")
    eq(len(rows), 5, "five demo sites")
    for key, *fields in rows:
        box = help_box(s.get(f"/xxgk/{key}/ysqgk/").text)
        for v in fields:
            ok(v and v in box, f"{key}: {v!r} in the help box")


def test_a_changed_record_is_what_the_help_box_and_the_receipt_give(s):
    key = new_site(s, "qinghai", "ysqgk-help")
    office = f"测试站{key}政府信息公开办公室"
    s.ctl("body", "set", office, "--site", key, "--fax", "010-69990000", "--hours", "周一至周五8:30—12:00")
    b = f"/xxgk/{key}/"
    box = help_box(s.get(b + "ysqgk/").text)
    for v in (office, "某市某区测试路1号", "010-60000000", "010-69990000", "周一至周五8:30—12:00"):
        ok(v in box, f"{v} in the help box")
    ok('href="tel:01060000000"' in box, "the telephone number can be called from a phone")
    r = post_form(s, person(), site_base=b)
    eq(r.status, 200, "filed")
    ok("010-69990000" in r.text and "周一至周五8:30—12:00" in r.text, "the receipt gives the same contacts")
