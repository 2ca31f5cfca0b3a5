"""Every console page type against the checkers: the Nu HTML Checker (vnu.jar from npm, run with
Debian's Java 17) finds no error in the bytes the server sends, and in headless Chromium no page
is wider than the viewport at 390 px and 1366 px and axe-core finds no violation, and the queue
keeps its tracking numbers and dates on one line at 1366 px without overflowing
(tests/browser/console_checks.mjs, which also saves the queue's screenshots in build/screenshots/).
The pages: sign-in, dashboard, queue (plain and searched), a request's page, a letter, the
register form and its receipt, notices, the notice editor (new and existing), accounts (list
and one), bodies, audit, login limits, the reports and one's own account. On a site of the
module's own."""
import json, os, re, subprocess

from console import Staff
from harness import TOP, eq, fixture, import_notices, new_site, ok
from test_ysqgk_workflow import act, register

VNU = os.path.join(TOP, "tests", "browser", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
BROWSER = os.path.join(TOP, "tests", "browser")
FINANCE = "临沧市财政局"


def made(s):
    key = new_site(s, "lincang", "cchecks", users=("admin", "staff"), bodies=(FINANCE, "临沧市公共资源交易中心"))
    ids = import_notices(s, key, [{"external_id": "n", "title": "控制台检查用公告", "issuer": FINANCE, "category": "D04.C01",
                                   "formed_on": "2026-03-02", "published_at": "2026-03-10 09:00:00", "body": "正文"}])
    ad = Staff(s, key, "admin")
    rid, _ = register(ad, "2026-11-02", assigned_body=FINANCE)
    register(ad, "2026-11-20", channel="fax", name="第二位申请人", description="另一项所需信息，描述较长以检查换行和窄屏下的显示效果")
    # a description long enough to squeeze the queue's other columns at 1366 px
    register(ad, "2026-11-23", name="第三位申请人", description="请公开" + "、".join(
        f"{n}号标段的招标文件、评标报告、中标候选人公示及合同文本" for n in range(1, 9)))
    act(ad, rid, "answer", on="2026-11-18", outcome="disclosed:")
    lid = s.sql(f"SELECT id FROM request_letters WHERE request_id = {rid} ORDER BY id LIMIT 1")[0][0]
    uid = s.sql(f"SELECT u.id FROM users u JOIN sites st ON st.id = u.site_id WHERE st.site_key = '{key}' "
                f"AND u.login = 'staff'")[0][0]
    body = s.sql(f"SELECT b.id FROM bodies b JOIN sites st ON st.id = b.site_id WHERE st.site_key = '{key}' LIMIT 1")[0][0]
    pages = [("dashboard", ""), ("queue", "requests"), ("queue searched", "requests?q=%E7%AC%AC%E4%BA%8C&scope=all"),
             ("request", f"requests/{rid}"), ("letter", f"requests/{rid}/letters/{lid}"), ("register", "requests/new"),
             ("notices", "notices"), ("notice editor", f"notices/{ids['n']}"), ("new notice", "notices/new"),
             ("users", "users"), ("user", f"users/{uid}"), ("bodies", "bodies"), ("body", f"bodies/{body}"),
             ("audit", "audit"), ("login limits", "login-limits"), ("timeliness report", "reports/timeliness?month=2026-03"),
             ("compliance report", "reports/compliance"), ("annual report", "reports/annual?year=2026"),
             ("account", "account")]
    return key, pages


def test_the_nu_html_checker_finds_no_error_on_any_console_page(s):
    ok(os.path.exists(VNU), f"vnu.jar is installed by make test-deps ({VNU})")
    key, pages = fixture(s, "console_checks.site", made)
    ad = Staff(s, key, "admin")
    answers = [(label, ad.get(path)) for label, path in pages]
    answers.append(("sign-in", s.get(f"/xxgk/{key}/admin/login")))
    receipt = ad.post("requests/new", {
        "applicant_type": "person", "name": "回执检查", "id_type": "resident-id", "id_number": "11010519491231002X",
        "phone": "13800001234", "address": "云南省临沧市临翔区测试路1号", "postcode": "677000",
        "description": "回执页面检查", "form": "paper", "delivery": "post", "channel": "in-person",
        "received_on": "2026-12-01"})
    answers.append(("receipt", receipt))
    folder = os.path.join(s.var, "vnu-console")
    os.makedirs(folder, exist_ok=True)
    files = {}
    for i, (label, r) in enumerate(answers):
        eq(r.status, 200, f"{label}: {r.text[:200] if r.status != 200 else ''}")
        path = os.path.join(folder, f"page{i}.html")
        with open(path, "wb") as f:
            f.write(r.body)
        files[path] = label
    ok("class=\"receipt\"" in receipt.text, "the receipt page")
    out = subprocess.run(["java", "-jar", VNU, "--errors-only", "--format", "json", *files], capture_output=True,
                         text=True, timeout=300)
    messages = json.loads(out.stderr or out.stdout or '{"messages": []}')["messages"]
    eq([f"{files.get(m.get('url', '').replace('file:', ''), m.get('url'))}: {m.get('message')} "
        f"({m.get('extract', '').strip()[:80]})" for m in messages], [], f"Nu HTML Checker errors on {len(files)} pages")


def test_every_console_page_fits_both_widths_and_passes_axe(s):
    key, pages = fixture(s, "console_checks.site", made)
    with open(os.path.join(s.var, "console_checks.json"), "w", encoding="utf-8") as f:
        json.dump({"pages": pages, "login": "admin", "password": "xxgk-demo"}, f, ensure_ascii=False)
    shots = [os.path.join(TOP, "build", "screenshots", f"queue-{w}.png") for w in (390, 1366)]
    for shot in shots:
        if os.path.exists(shot):
            os.unlink(shot)
    r = subprocess.run(["node", os.path.join(BROWSER, "scenario.mjs"), f"http://127.0.0.1:{s.port}", "./console_checks.mjs",
                        s.var, key], cwd=BROWSER, capture_output=True, text=True, timeout=600)
    ok(r.returncode == 0 and r.stdout.strip().endswith("ok"), f"console_checks: {r.stdout[-4000:]}{r.stderr[-1500:]}")
    for shot in shots:
        ok(os.path.getsize(shot) > 10000, f"the queue's screenshot: {shot}")
