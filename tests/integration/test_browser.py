"""Browser scenarios (tests/browser/*.mjs) in Debian's headless Chromium against the test stack."""
import json, os, subprocess

from harness import TOP, new_site, ok

BROWSER = os.path.join(TOP, "tests", "browser")


def run_scenario(s, name, site=None, made=None):
    """Runs tests/browser/NAME.mjs; site: the site it works on (else the demo site it reads);
    made: what else the test made for it (t.made, as JSON)."""
    extra = ([site] if site else []) + ([json.dumps(made, ensure_ascii=False)] if made is not None else [])
    r = subprocess.run(["node", os.path.join(BROWSER, "scenario.mjs"), f"http://127.0.0.1:{s.port}", f"./{name}.mjs",
                        s.var] + extra, cwd=BROWSER, capture_output=True, text=True, timeout=300)
    ok(r.returncode == 0 and r.stdout.strip().endswith("ok"), f"{name}: {r.stdout[-1500:]}{r.stderr[-1500:]}")


def test_browser_public_pages(s):
    run_scenario(s, "public_pages")


def test_browser_console_publish(s):
    run_scenario(s, "console_publish", new_site(s, "yancheng", "browser", users=("admin",)))
