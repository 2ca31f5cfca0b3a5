"""A form open in one tab of the console when the session ends (the idle limit, the age limit),
sent after the same person signed in again in another tab of the same browser: it is accepted
under the new session, and refused (403, as before) when it was opened under another account,
before a sign-out, before a new password, before the account was disabled, or under a session
signed in more than [auth] max_hours ago. Single-use forms stay single-use. The ends of a session
are made by moving its clock back in the database, as the idle limit's own test does."""
import hashlib, re, urllib.parse

from console import Staff
from harness import STAFF_PASSWORD, eq, fixture, new_site, ok

FINANCE = "临沧市财政局"
PERSON = {"applicant_type": "person", "name": "会话测试人", "id_type": "resident-id",
          "id_number": "11010519491231002X", "phone": "13800001234", "email": "applicant@example.com",
          "address": "云南省临沧市临翔区测试路1号", "postcode": "677000",
          "description": "2025年度某项目的招标文件", "form": "electronic", "delivery": "email",
          "channel": "in-person", "received_on": "2025-03-03"}


def site(s):
    return fixture(s, "console_sessions.site",
                   lambda s: new_site(s, "lincang", "csess", users=("admin", "approver"), bodies=(FINANCE,)))


def session_hash(cookie):
    return hashlib.sha256(cookie.encode()).hexdigest()


def idle(s, cookie, minutes=31, hours=0):
    """The session has seen no request for minutes (over the idle limit of 30) and, with hours,
    was signed in that long ago."""
    s.sql(f"UPDATE sessions SET last_seen = NOW() - INTERVAL {minutes} MINUTE, "
          f"created_at = NOW() - INTERVAL {hours * 60 + minutes} MINUTE WHERE id_hash = '{session_hash(cookie)}'")


def sign_in_again(s, st, login=None, password=STAFF_PASSWORD):
    """The sign-in form sent from another tab of st's browser, which still holds st's cookie:
    st goes on with the new session's cookie."""
    r = s.request("POST", f"/xxgk/{st.site}/admin/login",
                  body=urllib.parse.urlencode({"login": login or st.login_name, "password": password}),
                  headers={**st.headers(), "Content-Type": "application/x-www-form-urlencoded"})
    eq(r.status, 303, r.text[:300])
    st.cookie = re.search(r"xxgk_session=([0-9a-f]{64})", r.header("Set-Cookie")).group(1)
    return st


def staff(s, login):
    st = Staff(s, site(s), login)
    st.login_name = login
    return st


def registered(st):
    r = st.post("requests/new", PERSON)
    eq(r.status, 200, r.text[:300])
    return re.search(r'/admin/requests/(\d+)"', r.text).group(1)


def accept(st, rid, csrf):
    """The step form of the request's page, opened when csrf was the page's token."""
    return st.post(f"requests/{rid}", {"action": "accept", "on": "2025-03-04", "csrf": csrf}, token=False)


def state(s, rid):
    return s.sql(f"SELECT status FROM requests WHERE id = {rid}")[0][0]


def test_a_form_opened_before_the_idle_limit_is_sent_after_signing_in_again(s):
    st = staff(s, "approver")
    rid = registered(st)
    old = st.csrf()
    idle(s, st.cookie)
    eq(accept(st, rid, old).status, 403, "sent before signing in again: the sign-in page, as before")
    sign_in_again(s, st)
    r = accept(st, rid, old)
    eq(r.status, 303, f"the form of the first tab goes through with the new session: {r.text[:300]}")
    eq(state(s, rid), "in_progress", "the step was taken")
    ok(st.csrf() != old, "the new session's pages carry a token of their own")


def test_forms_of_sessions_ended_twice_in_a_row_still_go_through(s):
    st = staff(s, "approver")
    first_rid, second_rid = registered(st), registered(st)
    first = st.csrf()
    idle(s, st.cookie)
    sign_in_again(s, st)
    second = st.csrf()
    idle(s, st.cookie)
    sign_in_again(s, st)
    eq(accept(st, first_rid, first).status, 303, "the first session's form")
    eq(accept(st, second_rid, second).status, 303, "the second session's form")
    eq([state(s, first_rid), state(s, second_rid)], ["in_progress", "in_progress"], "both steps taken")


def test_a_single_use_form_from_the_ended_session_is_still_single_use(s):
    st = staff(s, "approver")
    csrf, nonce = st.csrf(), st.form_token("requests/new")
    form = dict(PERSON, name="会话单次登记人", csrf=csrf, form_token=nonce)
    idle(s, st.cookie)
    sign_in_again(s, st)
    eq(st.post("requests/new", form, token=False).status, 200, "registered under the new session")
    eq(st.post("requests/new", form, token=False).status, 409, "the same form sent again")
    eq(len(s.sql("SELECT id FROM requests WHERE name = '会话单次登记人'")), 1, "one request")


def test_another_accounts_form_is_refused(s):
    st = staff(s, "approver")
    rid = registered(st)
    old = st.csrf()
    idle(s, st.cookie)
    sign_in_again(s, st, login="admin")
    r = accept(st, rid, old)
    eq(r.status, 403, "the approver's form under the admin's session")
    ok("表单已过期或来源不明" in r.text, r.text[:300])
    eq(state(s, rid), "registered", "nothing done")


def test_a_form_opened_before_a_sign_out_is_refused(s):
    """A sign-out ends the forms of the session signed out and of the earlier ones it continued:
    the person said their work here is over (a shared office computer, a lost token)."""
    st = staff(s, "approver")
    rid, earlier_rid = registered(st), registered(st)
    earlier, earlier_cookie = st.csrf(), st.cookie
    idle(s, st.cookie)
    sign_in_again(s, st)
    old, cookie = st.csrf(), st.cookie
    eq(st.post("logout", {}).status, 303, "signed out")
    eq(s.sql(f"SELECT COUNT(*) FROM sessions WHERE id_hash IN ('{session_hash(earlier_cookie)}', "
             f"'{session_hash(cookie)}')"), [["0"]], "both sessions of the tab's line are gone")
    for c in (cookie, earlier_cookie):  # even were a cookie still sent
        st.cookie = c
        sign_in_again(s, st)
        eq(accept(st, rid, old).status, 403, "the form from before the sign-out")
        eq(accept(st, earlier_rid, earlier).status, 403, "the form from the session before it")
    eq([state(s, rid), state(s, earlier_rid)], ["registered", "registered"], "nothing done")


def test_a_sign_out_after_the_idle_limit_ends_the_forms_too(s):
    st = staff(s, "approver")
    rid = registered(st)
    old, cookie = st.csrf(), st.cookie
    idle(s, st.cookie)
    r = st.post("logout", {"csrf": old}, token=False)
    eq(r.status, 303, "an expired sign-out goes to the sign-in page")
    ok("Max-Age=0" in (r.header("Set-Cookie") or ""), "and clears the cookie")
    st.cookie = cookie
    sign_in_again(s, st)
    eq(accept(st, rid, old).status, 403, "the form from before the sign-out")


def approver_id(s, key):
    return s.sql(f"SELECT u.id FROM users u JOIN sites t ON t.id = u.site_id WHERE t.site_key = '{key}' "
                 f"AND u.login = 'approver'")[0][0]


def test_a_form_opened_before_a_new_password_is_refused(s):
    key = new_site(s, "lincang", "csess", users=("admin", "approver"))  # its password changes
    ad, st = Staff(s, key, "admin"), Staff(s, key, "approver")
    st.login_name = "approver"
    rid = registered(st)
    old = st.csrf()
    idle(s, st.cookie)
    eq(ad.post(f"users/{approver_id(s, key)}", {"action": "passwd", "password": "new-pass-22"}).status, 303,
       "a new password")
    sign_in_again(s, st, password="new-pass-22")
    eq(accept(st, rid, old).status, 403, "the form from before the new password")
    eq(state(s, rid), "registered", "nothing done")


def test_a_form_opened_before_the_account_was_disabled_is_refused(s):
    key = new_site(s, "lincang", "csess", users=("admin", "approver"))  # its account is disabled
    ad, st = Staff(s, key, "admin"), Staff(s, key, "approver")
    st.login_name = "approver"
    rid = registered(st)
    old = st.csrf()
    eq(ad.post(f"users/{approver_id(s, key)}", {"action": "disable"}).status, 303, "disabled")
    eq(ad.post(f"users/{approver_id(s, key)}", {"action": "enable"}).status, 303, "enabled again")
    sign_in_again(s, st)
    eq(accept(st, rid, old).status, 403, "the form from before the account was disabled")
    eq(state(s, rid), "registered", "nothing done")


def test_a_form_of_a_session_signed_in_over_max_hours_ago_is_refused(s):
    st = staff(s, "approver")
    rid = registered(st)
    old = st.csrf()
    idle(s, st.cookie, hours=12)
    sign_in_again(s, st)
    eq(accept(st, rid, old).status, 403, "past the 12 hours a session may last")
    eq(state(s, rid), "registered", "nothing done")
