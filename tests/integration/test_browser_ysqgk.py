"""The disclosure-request form in headless Chromium: filing with a mistake and then right, the
receipt, the tracking page (tests/browser/ysqgk_file.mjs)."""
from test_browser import run_scenario


def test_browser_ysqgk_file_and_track(s):
    run_scenario(s, "ysqgk_file")
