"""Accessibility faults that checkers do not find by themselves, each held by a test: the focus
indicator's contrast against every background it sits on (WCAG 1.4.11), pages that must not
scroll sideways at 320 px (1.4.10), in the browser (tests/browser/accessibility.mjs); the text
size buttons' state (4.1.2); one banner and one contentinfo under the CMS's header and footer
(1.3.1). On a site of the module's own, and the demo's Lincang site for the CMS's frame."""
import json, os, subprocess

from console import Staff
from harness import TOP, each_front_end, eq, fixture, import_notices, new_site, ok
from test_ysqgk_workflow import register

FINANCE = "临沧市财政局"


def made(s):
    key = new_site(s, "lincang", "a11y", users=("admin", "staff"), bodies=(FINANCE,))
    ids = import_notices(s, key, [{"external_id": "n", "title": "无障碍检查用公告", "issuer": FINANCE, "category": "D04.C01",
                                   "formed_on": "2026-03-02", "published_at": "2026-03-10 09:00:00", "body": "正文"}])
    ad = Staff(s, key, "admin")
    org = {"applicant_type": "organization", "org_code": "91530900MA6K000009", "legal_rep": "王强", "contact": "李明",
           "org_kind": "commercial", "name": "临沧市某某建设工程有限责任公司第一分公司"}
    rid, _ = register(ad, "2026-11-02", assigned_body=FINANCE, **org)
    pid, _ = register(ad, "2026-11-03", assigned_body=FINANCE,
                      email="a-very-long-mailbox-name-for-checking-wrapping@subdomain.example.com")
    return {"site": key, "notice": ids["n"], "request": rid, "person_request": pid}


def site(s):
    return fixture(s, "accessibility.site", made)


def browser(s, check, **extra):
    """Runs one check of tests/browser/accessibility.mjs; prints the figures it reports."""
    m = site(s)
    made = dict(m, check=check, login="admin", password="xxgk-demo", **extra)
    r = subprocess.run(["node", "scenario.mjs", f"http://127.0.0.1:{s.port}", "./accessibility.mjs", s.var, m["site"],
                        json.dumps(made, ensure_ascii=False)], cwd=os.path.join(TOP, "tests", "browser"),
                       capture_output=True, text=True, timeout=300)
    ok(r.returncode == 0 and r.stdout.strip().endswith("ok"), f"{check}: {r.stdout[-3000:]}{r.stderr[-1500:]}")
    for line in r.stdout.strip().splitlines()[:-1]:
        print(f"     {check}: {line}")


def test_the_focus_ring_stands_out_from_every_background(s):
    browser(s, "focus")


def test_public_pages_fit_320_px_in_both_text_sizes(s):
    browser(s, "narrow-public")


def test_the_console_pages_of_a_request_fit_320_px(s):
    browser(s, "narrow-console")


def test_the_text_size_buttons_are_a_group_that_says_which_size_is_on(s):
    m = site(s)
    page = s.get(f"/xxgk/{m['site']}/n/{m['notice']}").text
    ok('<div class="text-size-group" role="group" aria-labelledby="text-size-label"><span class="text-size-label" '
       'id="text-size-label">字号</span>' in page, "the buttons grouped under 字号")
    ok('src="/xxgk-static/text-size.js" defer' in page, "the script that marks the size in force, from a file")
    eq(s.get(f"/xxgk/{m['site']}/n/{m['notice']}", headers={"Cookie": "xxgk_text=large"}).body, s.get(
        f"/xxgk/{m['site']}/n/{m['notice']}").body, "the page still the same for every reader")
    ok("--xxgk-text:large" in s.get(f"/xxgk/{m['site']}/text-size.css", headers={"Cookie": "xxgk_text=large"}).text,
       "the sheet names the size")
    browser(s, "text-size")


def landmarks(html):
    """The banner and contentinfo landmarks of a page: <header> and <footer> outside an article or
    section (the catalog's quotations carry a <footer> of their own), and the roles."""
    import re
    body = re.sub(r"<(article|section|blockquote)\b.*?</\1>", "", html, flags=re.S)
    return (len(re.findall(r'<header\b|role="banner"', body)), len(re.findall(r'<footer\b|role="contentinfo"', body)))


@each_front_end
def test_a_site_in_the_cms_frame_has_one_banner_and_one_contentinfo(s):
    # the demo's Lincang site wears the demo CMS's header and footer by SSI (tools/stack.sh)
    for path in ["", "c/D04", "ysqgk/", "n/999999999"]:
        r = s.get(f"/xxgk/lincang/{path}")
        ok("临沧市人民政府门户网站" in r.text, f"{path}: the CMS's header is there")
        eq(landmarks(r.text), (1, 1), f"{path}: banner and contentinfo landmarks")
    m = site(s)  # a site of its own, without the CMS's frame: its own header and footer
    eq(landmarks(s.get(f"/xxgk/{m['site']}/").text), (1, 1), "a site without the CMS's frame")
    ok('<header class="site-header">' in s.get(f"/xxgk/{m['site']}/").text, "its own header, a banner")


def refused_field(html):
    """The error box's link to the field and that field's start tag (None when either is missing)."""
    import re
    box = re.search(r'<div class="form-error" id="step-error" tabindex="-1">(.*?)</div>', html, re.S)
    link = box and re.search(r'<a href="#([^"]+)">转到出错的项目</a>', box.group(1))
    tag = link and re.search(r'<(?:input|select|textarea) id="%s"[^>]*>' % re.escape(link.group(1)), html)
    return (link.group(1), tag.group(0)) if tag else (link and link.group(1), None)


def test_a_refused_step_marks_its_field_and_links_to_it(s):
    m = site(s)
    ad = Staff(s, m["site"], "admin")
    rid = m["person_request"]
    for action, fields, target in [("correction", {"days": "abc", "what": "请补充"}, "days-correction"),
                                   ("fee_notice", {"fee_method": "by-volume", "pages": "-3"}, "pages-fee_notice"),
                                   ("consult", {"third_party": ""}, "tp-consult")]:
        r = ad.post(f"requests/{rid}", dict(action=action, **fields))
        eq(r.status, 400, f"{action}: refused")
        link, tag = refused_field(r.text)
        ok(link is not None and link.startswith(target), f"{action}: the error box links to the field: {link}")
        ok(tag is not None and 'aria-invalid="true"' in tag and 'aria-describedby="step-error"' in tag,
           f"{action}: the field is marked and described by the error: {tag}")
        eq(r.text.count('aria-invalid="true"'), 1, f"{action}: only that field")
        # said in the first screen too, after the heading: the box under 办理 could be far below
        head = r.text[r.text.index("<h1>"):r.text.index('id="dl-h"')]
        ok('role="alert" id="step-refused"' in head and 'href="#step-error"' in head, f"{action}: said at the top")
    # a step's date against the date rules marks the date
    r = ad.post(f"requests/{rid}", {"action": "accept", "on": "2099-01-01"})
    eq(r.status, 400, "a date after today")
    link, tag = refused_field(r.text)
    ok(link is not None and link.startswith("on-accept") and 'aria-invalid="true"' in (tag or ""), f"the date: {link}")


def refusals_mark(s, ad, cases, requests):
    """Each (request, action, fields, status, field id) is refused with status as before, its field
    marked and linked from the error box, said at the top, what was typed kept, nothing stored."""
    import html
    ids = ", ".join(requests)
    before = s.sql(f"SELECT status, fee_state, version FROM requests WHERE id IN ({ids}) ORDER BY id")
    for request, action, fields, status, target in cases:
        note = f"核对{len(fields)}{target}"
        r = ad.post(f"requests/{request}", dict(action=action, note=note, **fields))
        eq(r.status, status, f"{target}: refused as before")
        link, tag = refused_field(r.text)
        ok(link == target, f"{target}: the error box links to the field: {link}")
        ok(tag is not None and 'aria-invalid="true"' in tag and 'aria-describedby="step-error"' in tag,
           f"{target}: the field is marked and described by the error: {tag}")
        eq(r.text.count('aria-invalid="true"'), 1, f"{target}: only that field")
        head = r.text[r.text.index("<h1>"):r.text.index('id="dl-h"')]
        ok('role="alert" id="step-refused"' in head and 'href="#step-error"' in head, f"{target}: said at the top")
        for name, value in dict(fields, note=note).items():  # what was typed, kept in the form
            if value and name != "on":
                ok(html.escape(value, quote=name != "letter") in r.text, f"{target}: {name} kept")
    eq(s.sql(f"SELECT status, fee_state, version FROM requests WHERE id IN ({ids}) ORDER BY id"), before,
       "nothing changed")
    eq(s.sql(f"SELECT COUNT(*) FROM request_letters WHERE request_id IN ({ids})"), [["0"]], "nothing sent")


def test_a_placeholder_left_in_a_letter_marks_the_field_that_fills_it(s):
    """需要补正的事项 left empty, no reasons for a partial answer, no way to get what was published, a
    placeholder left in the staff's own text: the refusal said what was missing, but no field was
    marked and the error box had no link to one."""
    import html, re
    m = site(s)
    ad = Staff(s, m["site"], "admin")
    rid, _ = register(ad, "2025-08-04", assigned_body=FINANCE)
    draft = html.unescape(re.search(r'<textarea id="letter-answer" name="letter"[^>]*>([^<]*)</textarea>',
                                    ad.get(f"requests/{rid}?outcome=partly-disclosed:").text).group(1))
    ok("（请填写理由）" in draft, "the draft to edit holds the placeholder")
    answer = {"on": "2025-08-11", "outcome": "partly-disclosed:", "letter": "", "reasons": "", "where": "",
              "right_body": "", "regime": ""}
    refusals_mark(s, ad, [
        (rid, "correction", {"on": "2025-08-05", "what": "", "days": "10"}, 400, "what-correction"),
        (rid, "answer", answer, 400, "reasons-answer"),
        (rid, "answer", dict(answer, outcome="disclosed::published", reasons="不涉及"), 400, "where-answer"),
        # the staff's own text is sent, not the template's fields: the text is what to mend
        (rid, "answer", dict(answer, letter=draft, reasons="写在理由栏，告知书却是自己写的"), 400, "letter-answer")],
        [rid])


def test_in_the_browser_a_letter_left_unfilled_leads_to_its_field(s):
    browser(s, "refused-letter")


def test_a_fee_not_charged_marks_the_method_or_the_pages(s):
    """The fee notice's refusals for a fee the method does not charge (per request within the
    month's first 10, 30 pages or fewer, pages missing, by volume for reading on site) named no
    field: the method is marked where the method is what cannot charge, else the pages."""
    m = site(s)
    ad = Staff(s, m["site"], "admin")
    rid, _ = register(ad, "2025-08-04", assigned_body=FINANCE)
    onsite, _ = register(ad, "2025-08-04", assigned_body=FINANCE, form="paper", delivery="onsite")
    fee = {"on": "2025-08-11"}
    refusals_mark(s, ad, [
        (rid, "fee_notice", dict(fee, fee_method="per-request", pages="120"), 409, "fm-fee_notice"),
        (rid, "fee_notice", dict(fee, fee_method="by-volume", pages="30"), 409, "pages-fee_notice"),
        (rid, "fee_notice", dict(fee, fee_method="by-volume", pages=""), 400, "pages-fee_notice"),
        (onsite, "fee_notice", dict(fee, fee_method="by-volume", pages="300"), 409, "fm-fee_notice")],
        [rid, onsite])
    # the fee form has no date: a fee notice after the reply deadline is refused for the day it is
    # sent, and the box links to no date field that is not there
    r = ad.post(f"requests/{rid}", {"action": "fee_notice", "fee_method": "by-volume", "pages": "120"})
    eq(r.status, 409, "after the reply deadline")
    ok("收费通知应在答复期限届满前发出" in r.text and 'id="step-refused"' in r.text, "said, at the top too")
    eq(refused_field(r.text), (None, None), "no link to a field")
    ok("aria-invalid" not in r.text, "nothing marked")


def test_the_idle_warning_leaves_the_person_where_they_were(s):
    """The warning took the focus from the field being typed in, scrolled the page to the top,
    and came while typing; a space then pressed its button (2.2.1 Timing Adjustable)."""
    browser(s, "idle-warning")


def test_a_form_left_open_past_the_idle_limit_is_sent_after_signing_in_again(s):
    """The warning said to copy what was typed and reload, and the form, once the person had
    signed in again in another tab, was refused: its CSRF token was the ended session's."""
    rid, _ = register(Staff(s, site(s)["site"], "admin"), "2026-11-04", assigned_body=FINANCE)
    browser(s, "signed-in-again", again_request=rid)
    eq(s.sql(f"SELECT status FROM requests WHERE id = {rid}"), [["in_progress"]], "the step was taken")
