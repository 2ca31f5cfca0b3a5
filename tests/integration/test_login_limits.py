"""Sign-in limits that a stranger cannot turn against an account's owner, over HTTP: failures from
an address block that address; failures on an account make further attempts wait (429 with a
growing Retry-After, answered at once, never slept on) except the right password from an address
that has not failed on it; admins see the limits in force and end them, audited.

The stack believes X-Forwarded-For from loopback ([ysqgk] trusted_proxies in harness.py), so each
test acts from addresses of its own (documentation ranges) on accounts of its own; the limits are
the defaults of [auth]: 20 failures block an address for 15 minutes, an account waits 2 s after
its 3 free failures, doubled with each further one."""
import re, time, urllib.parse
from concurrent.futures import ThreadPoolExecutor

from console import Staff
from harness import eq, ok

SITE = "shanwei"
ADDRESS_FAILURES, FREE_FAILURES, FIRST_DELAY = 20, 3, 2  # [auth] defaults


def add_user(s, login, role="staff", password="right-password-1"):
    args = ["user", "add", login, "--role", role, "--site", SITE]
    if role == "staff":
        args += ["--body", "汕尾市财政局"]
    s.ctl(*args, input=password + "\n")
    return password


def sign_in(s, login, password, addr):
    return s.post(f"/xxgk/{SITE}/admin/login", fields={"login": login, "password": password},
                  headers={"X-Forwarded-For": addr})


def signed_in(r):
    return r.status == 303 and "xxgk_session=" in (r.header("Set-Cookie") or "")


def retry_after(r):
    v = r.header("Retry-After")
    ok(v is not None and v.isdigit() and int(v) > 0, f"Retry-After on a {r.status}: {v!r}")
    return int(v)


def limits_page(admin):
    return admin.get("login-limits").text


def clear(admin, kind, subject):
    return admin.post("login-limits", {"kind": kind, "subject": subject})


def test_a_strangers_failures_do_not_stop_the_owner(s):
    password = add_user(s, "ll-boss", role="admin")  # an admin account: the one most worth locking
    guess = lambda i: sign_in(s, "ll-boss", "guess-%d" % i, f"198.51.100.{i + 1}")
    first = [guess(i) for i in range(FREE_FAILURES)]
    with ThreadPoolExecutor(4) as pool:  # the rest at once, as a botnet would (and in less time)
        rest = list(pool.map(guess, range(FREE_FAILURES, 50)))
    ok(not any(signed_in(r) for r in first + rest), "a wrong password never signs in")
    eq([r.status for r in first], [403] * FREE_FAILURES, "the free failures")
    eq({r.status for r in rest}, {429}, "then each attempt is told to wait")
    # The owner, from an address that has not failed on the account: the right password works.
    r = sign_in(s, "ll-boss", password, "203.0.113.10")
    ok(signed_in(r), f"the owner signs in despite 50 failures: {r.status} {r.text[:300]}")
    # and that ended the run: the next wrong password is a plain 403 again
    eq(sign_in(s, "ll-boss", "guess-again", "198.51.100.1").status, 403, "the run ended with the sign-in")


def test_a_brute_force_from_one_address_is_stopped(s):
    password = add_user(s, "ll-clerk")
    addr = "198.51.100.201"
    # Guesses spread over accounts (none waits): the address is blocked at the 20th failure.
    for i in range(ADDRESS_FAILURES - 1):
        eq(sign_in(s, "ll-guess-%d" % i, "guess", addr).status, 403, f"failure {i + 1}")
    r = sign_in(s, "ll-guess-last", "guess", addr)
    eq(r.status, 429, "the failure that blocks the address")
    ok(retry_after(r) > 14 * 60, "blocked for the window")
    r = sign_in(s, "ll-clerk", password, addr)
    eq(r.status, 429, "even the right password, from the blocked address")
    ok("该网络地址" in r.text and retry_after(r) > 14 * 60, "the page says why and for how long")
    ok('value="ll-clerk"' in r.text, "the login typed is kept")
    # The account itself is not locked: from another address it signs in.
    ok(signed_in(sign_in(s, "ll-clerk", password, "203.0.113.20")), "the same account from another address")
    # An admin sees the block and ends it; the end is audited; the address may sign in again.
    admin = Staff(s, SITE, "admin")
    page = limits_page(admin)
    row = re.search(r"<tr><td>地址</td><td>%s</td>.*?</tr>" % re.escape(addr), page, re.S)
    ok(row and "暂停登录至" in row.group(0), "the block is listed for the admin")
    eq(Staff(s, SITE, "staff").get("login-limits").status, 403, "staff may not see the limits")
    r = clear(admin, "address", addr)
    eq(r.status, 303, "ended")
    audit = s.sql(f"SELECT actor, note FROM audit_log WHERE action = 'auth.limit_clear' AND note LIKE '%{addr}'")
    eq(audit, [["admin", f"解除登录限制：地址 {addr}"]], "audited")
    ok(signed_in(sign_in(s, "ll-clerk", password, addr)), "the address signs in again")


def test_a_brute_force_from_many_addresses_is_slowed(s):
    password = add_user(s, "ll-typist")
    waits = []
    for i in range(8):
        t0 = time.time()
        r = sign_in(s, "ll-typist", "guess-%d" % i, f"198.51.100.{101 + i}")
        if i < FREE_FAILURES:
            eq(r.status, 403, f"free failure {i + 1}")
            continue
        eq(r.status, 429, f"failure {i + 1} from a new address: checked, counted, told to wait")
        waits.append(retry_after(r))
        ok(time.time() - t0 < waits[-1], "answered at once, not slept on")
    ok(all(a < b for a, b in zip(waits, waits[1:])), f"the wait grows: {waits}")
    ok(waits[0] <= FIRST_DELAY and waits[-1] >= FIRST_DELAY * 2 ** 4 - 1, f"from the first delay, doubled: {waits}")
    # An address that failed waits, whatever it sends: its right password is not even checked.
    r = sign_in(s, "ll-typist", password, "198.51.100.101")
    eq(r.status, 429, "an address that failed waits, right password or not")
    ok(0 < retry_after(r) <= waits[-1], "for what is left of the wait")
    ok("该账号登录失败次数较多" in r.text, "the page says why")
    # An admin sees the wait and ends it (audited): the failed address is heard again.
    admin = Staff(s, SITE, "admin")
    row = re.search(r"<tr><td>账号</td><td>ll-typist</td>.*?</tr>", limits_page(admin), re.S)
    ok(row and "须等待至" in row.group(0) and "<td>8</td>" in row.group(0), "the wait is listed with its 8 failures")
    eq(clear(admin, "account", "ll-typist").status, 303, "ended")
    eq(s.sql("SELECT note FROM audit_log WHERE action = 'auth.limit_clear' AND note LIKE '%ll-typist'"),
       [["解除登录限制：账号 ll-typist"]], "audited")
    ok(signed_in(sign_in(s, "ll-typist", password, "198.51.100.101")), "signed in once the wait was ended")


def test_unknown_logins_wait_alike(s):
    # A login that does not exist is answered as one that does, waits included: none can be probed.
    for i in range(FREE_FAILURES + 1):
        r = sign_in(s, "ll-nobody", "guess", f"198.51.100.{150 + i}")
    eq(r.status, 429, "the unknown login waits after the same failures")
    ok("该账号登录失败次数较多" in r.text, "with the same words")


def test_clearing_needs_the_token_and_a_known_limit(s):
    admin = Staff(s, SITE, "admin")
    r = s.request("POST", f"/xxgk/{SITE}/admin/login-limits", body=urllib.parse.urlencode(
        {"kind": "address", "subject": "198.51.100.1"}),
        headers={**admin.headers(), "Content-Type": "application/x-www-form-urlencoded"})
    eq(r.status, 403, "no CSRF token")
    eq(clear(admin, "address", "192.0.2.254").status, 404, "no such limit")
    eq(clear(admin, "door", "x").status, 400, "no such kind")
