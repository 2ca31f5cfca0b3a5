"""Disclosure requests in headless Chromium, each on a site of its own: the public form (filing
with a mistake and then right, the receipt, the tracking page; tests/browser/ysqgk_file.mjs) and
the staff side (the queue, correction, extension and reply; tests/browser/ysqgk_staff_workflow.mjs)."""
from harness import eq, new_site
from test_browser import run_scenario


def test_browser_ysqgk_file_and_track(s):
    key = new_site(s, "lincang", "browser-ysqgk")
    run_scenario(s, "ysqgk_file", key)
    # Chromium wrote the quote in the file's name as %22, which was stored and shown as sent
    eq(s.sql(f"SELECT a.filename FROM request_attachments a JOIN requests r ON r.id = a.request_id "
             f"JOIN sites t ON t.id = r.site_id WHERE t.site_key = '{key}'"), [['身份证明"正本".pdf']], "stored")


def test_browser_ysqgk_staff_workflow(s):
    run_scenario(s, "ysqgk_staff_workflow", new_site(s, "shanwei", "browser-ysqgk", users=("approver",)))
