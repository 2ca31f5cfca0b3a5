"""Browser scenarios (tests/browser/*.mjs) in Debian's headless Chromium against the test stack."""
import os, subprocess

from harness import TOP, ok

BROWSER = os.path.join(TOP, "tests", "browser")


def run_scenario(s, name):
    r = subprocess.run(["node", os.path.join(BROWSER, "scenario.mjs"), f"http://127.0.0.1:{s.port}", f"./{name}.mjs",
                        s.var], cwd=BROWSER, capture_output=True, text=True, timeout=180)
    ok(r.returncode == 0 and r.stdout.strip().endswith("ok"), f"{name}: {r.stdout[-1500:]}{r.stderr[-1500:]}")


def test_browser_public_pages(s):
    run_scenario(s, "public_pages")


def test_browser_console_publish(s):
    run_scenario(s, "console_publish")
