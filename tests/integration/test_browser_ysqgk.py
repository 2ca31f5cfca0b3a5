"""Disclosure requests in headless Chromium, each on a site of its own: the public form (filing
with a mistake and then right, the receipt, the tracking page; tests/browser/ysqgk_file.mjs) and
the staff side (the queue, correction, extension and reply; tests/browser/ysqgk_staff_workflow.mjs)."""
from harness import new_site
from test_browser import run_scenario


def test_browser_ysqgk_file_and_track(s):
    run_scenario(s, "ysqgk_file", new_site(s, "lincang", "browser-ysqgk"))


def test_browser_ysqgk_staff_workflow(s):
    run_scenario(s, "ysqgk_staff_workflow", new_site(s, "shanwei", "browser-ysqgk", users=("approver",)))
