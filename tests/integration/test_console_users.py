"""Accounts managed in the console by a site's admins, under the rules of `xxgkctl user`: add
with a role, bodies and a password; change the role and bodies; disable (the sessions end at
once) and enable; a new password; each change audited, a refusal keeping what was typed. Staff
may not open the page. Each user sets their own mail address and the reminder."""
import html, os, subprocess

from console import Staff
from harness import BIN, eq, fixture, new_site, ok

FINANCE, CENTRE = "临沧市财政局", "临沧市公共资源交易中心"


def site(s):
    return fixture(s, "console_users.site",
                   lambda s: new_site(s, "lincang", "cusers", users=("admin", "staff"), bodies=(FINANCE, CENTRE)))


def user(s, login):
    return s.sql(f"SELECT u.id, u.role, u.disabled, u.email, COALESCE((SELECT GROUP_CONCAT(b.body ORDER BY b.body) "
                 f"FROM user_bodies b WHERE b.user_id = u.id), '') FROM users u JOIN sites st ON st.id = u.site_id "
                 f"WHERE st.site_key = '{site(s)}' AND u.login = '{login}'")


def audited(s, uid, action):
    return s.sql(f"SELECT COUNT(*) FROM audit_log WHERE subject = 'user' AND subject_id = {uid} AND action = '{action}'")[0][0]


def test_admin_adds_changes_disables_and_resets(s):
    ad = Staff(s, site(s), "admin")
    r = ad.post("users", [("login", "zhang"), ("name", "张工"), ("role", "staff"), ("email", "zhang@example.gov.cn"),
                          ("body", FINANCE), ("password", "zhang-pass-1")])
    eq(r.status, 303, r.text[:300])
    uid, role, disabled, email, bodies = user(s, "zhang")[0]
    eq([role, disabled, email, bodies], ["staff", "0", "zhang@example.gov.cn", FINANCE], "added")
    eq(audited(s, uid, "user.add"), "1", "audited")
    zhang = Staff(s, site(s), "zhang", "zhang-pass-1")
    ok(zhang.signed_in, "the new account signs in")
    # role and bodies changed
    r = ad.post(f"users/{uid}", [("action", "save"), ("name", "张工"), ("role", "approver"), ("body", CENTRE)])
    eq(r.status, 303, r.text[:300])
    eq(user(s, "zhang")[0][1:], ["approver", "0", "", CENTRE], "changed")
    eq(audited(s, uid, "user.set"), "1", "audited")
    # disabled: the session ends at once
    eq(ad.post(f"users/{uid}", {"action": "disable"}).status, 303, "disabled")
    eq(user(s, "zhang")[0][2], "1", "stored")
    eq(zhang.get("").status, 303, "signed out at once")
    ok(not Staff(s, site(s), "zhang", "zhang-pass-1").signed_in, "no sign-in while disabled")
    eq(ad.post(f"users/{uid}", {"action": "enable"}).status, 303, "enabled")
    # a new password: whoever signed in with the old one is signed out (they kept working)
    before = Staff(s, site(s), "zhang", "zhang-pass-1")
    eq(before.get("").status, 200, "signed in with the old password")
    eq(ad.post(f"users/{uid}", {"action": "passwd", "password": "new-pass-22"}).status, 303, "new password")
    eq(before.get("").status, 303, "that session ended with it")
    eq(ad.get("").status, 200, "the admin who changed it stays signed in")
    ok(Staff(s, site(s), "zhang", "new-pass-22").signed_in, "the new password signs in")
    ok(not Staff(s, site(s), "zhang", "zhang-pass-1").signed_in, "the old one does not")
    again = Staff(s, site(s), "zhang", "new-pass-22")
    r = subprocess.run([os.path.join(BIN, "xxgkctl"), "-c", os.path.join(s.var, "xxgk.conf"), "user", "passwd", "zhang",
                        "--site", site(s)], input="newer-pass-33\n", env=s.env, capture_output=True, text=True)
    eq(r.returncode, 0, r.stderr)
    eq(again.get("").status, 303, "xxgkctl user passwd ends the sessions too")
    for action in ("user.disable", "user.enable", "user.passwd"):
        eq(audited(s, uid, action), "1", action)
    ok("new-pass-22" not in str(s.sql(f"SELECT before_json, after_json, note FROM audit_log WHERE subject_id = {uid} "
                                     f"AND subject = 'user'")), "no password in the log")


def test_refusals_keep_what_was_typed_and_change_nothing(s):
    ad = Staff(s, site(s), "admin")
    before = s.sql("SELECT COUNT(*) FROM users")
    r = ad.post("users", [("login", "li"), ("name", "李工"), ("role", "staff"), ("body", FINANCE), ("password", "short")])
    eq(r.status, 400, "a short password")
    text = html.unescape(r.text)
    ok("密码至少8个字符" in text and 'value="李工"' in text and 'value="li"' in text, "why, and what was typed")
    eq(ad.post("users", [("login", "li"), ("role", "chief"), ("password", "long-enough")]).status, 400, "role")
    r = ad.post("users", [("login", "li"), ("role", "staff"), ("body", "不存在的机关"), ("password", "long-enough")])
    eq(r.status, 400, "a body not of the site")
    ok("本站没有" in html.unescape(r.text), "why")
    r = ad.post("users", [("login", "admin"), ("role", "staff"), ("password", "long-enough")])
    eq(r.status, 409, "a login taken")
    eq(s.sql("SELECT COUNT(*) FROM users"), before, "nothing stored")
    me = user(s, "admin")[0][0]
    eq(ad.post(f"users/{me}", {"action": "disable"}).status, 400, "not oneself")


def test_staff_may_not_manage_accounts(s):
    st = Staff(s, site(s), "staff")
    eq(st.get("users").status, 403, "the list")
    uid = user(s, "staff")[0][0]
    eq(st.post(f"users/{uid}", {"action": "passwd", "password": "taken-over-1"}).status, 403, "a change")
    ok("账号" not in st.get("").text.split("</nav>")[0].split('aria-label="管理功能"')[-1], "no link to the page")


def test_own_reminder_settings(s):
    st = Staff(s, site(s), "staff")
    r = st.post("account", {"email": "not-an-address"})
    eq(r.status, 400, "a bad address")
    ok('value="not-an-address"' in r.text, "what was typed kept")
    eq(st.post("account", {"email": "staff@example.gov.cn", "remind": "1"}).status, 303, "saved")
    uid = user(s, "staff")[0][0]
    eq(s.sql(f"SELECT email, remind FROM users WHERE id = {uid}"), [["staff@example.gov.cn", "1"]], "stored")
    eq(st.post("account", {"email": "staff@example.gov.cn"}).status, 303, "reminder off")
    eq(s.sql(f"SELECT remind FROM users WHERE id = {uid}"), [["0"]], "off")
    eq(audited(s, uid, "user.settings"), "2", "audited")
