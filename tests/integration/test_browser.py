"""Browser scenarios (tests/browser/*.mjs) in Debian's headless Chromium against the test stack."""
import os, subprocess

from harness import TOP, new_site, ok

BROWSER = os.path.join(TOP, "tests", "browser")


def run_scenario(s, name, site=None):
    """Runs tests/browser/NAME.mjs; site: the site it works on (else the demo site it reads)."""
    r = subprocess.run(["node", os.path.join(BROWSER, "scenario.mjs"), f"http://127.0.0.1:{s.port}", f"./{name}.mjs",
                        s.var] + ([site] if site else []), cwd=BROWSER, capture_output=True, text=True, timeout=180)
    ok(r.returncode == 0 and r.stdout.strip().endswith("ok"), f"{name}: {r.stdout[-1500:]}{r.stderr[-1500:]}")


def test_browser_public_pages(s):
    run_scenario(s, "public_pages")


def test_browser_console_publish(s):
    run_scenario(s, "console_publish", new_site(s, "yancheng", "browser", users=("admin",)))
