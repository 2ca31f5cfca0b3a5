"""The push API over real HTTP: tokens per site (stored hashed, revocable), authentication,
validation with the rules of `xxgkctl import`, all-or-nothing batches, create then update by
external_id, the notice on its public page at the next request, the audit trail. On sites of the
module's own."""
import datetime, hashlib, html, json, re

from console import Staff
from harness import each_front_end, eq, fixture, new_site, ok

TOKENS = {}
# the organisation code of the demo's Lincang, which the 索引号 below is checked against
ORG_CODES = {"lincang": "11530900015118547K"}


def site(s, variant):
    """The module's own site of a catalog variant."""
    return fixture(s, f"push.{variant}",
                   lambda s: new_site(s, variant, "push", org_code=ORG_CODES.get(variant, "XXGKTEST")))


def token(s, site, name=None):
    """A fresh token for site (cached per test run), made the documented way."""
    key = (s.var, site, name)
    if key not in TOKENS:
        args = ["token", "add", "--site", site] + (["--name", name] if name else [])
        r = s.ctl(*args)
        t = r.stdout.strip()
        ok(re.fullmatch(r"[0-9a-f]{64}", t), f"a 256-bit token on stdout: {r.stdout!r}")
        ok("shown only this once" in r.stderr, r.stderr)
        TOKENS[key] = t
    return TOKENS[key]


def push(s, site, body, tok=None, content_type="application/json", raw=None):
    headers = {"Content-Type": content_type}
    if tok is not None:
        headers["Authorization"] = tok if tok.startswith(("Bearer", "Basic", "bearer")) else "Bearer " + tok
    data = raw if raw is not None else json.dumps(body, ensure_ascii=False).encode()
    return s.request("POST", f"/xxgk/{site}/api/push", body=data, headers=headers)


def notice(ext, **kw):
    n = {"external_id": ext, "title": "推送测试公告", "issuer": "临沧市财政局", "doc_number": "临财采〔2026〕7号",
         "formed_on": "2026-03-02", "category": "D04.C05", "body": "第一段\n第二段",
         "items": {"D04.C05.I03": "临沧市华宇医疗器械有限公司，地址：临翔区南塘街1号", "D04.C05.I04": "人民币386.5万元"}}
    n.update(kw)
    return n


def sql_json(text):
    """A JSON column as `mariadb -B` prints it (backslashes doubled)."""
    return json.loads(text.replace("\\\\", "\\"))


def counts(s):
    return (s.sql("SELECT COUNT(*) FROM notices")[0][0], s.sql("SELECT COUNT(*) FROM notice_items")[0][0],
            s.sql("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'notice.%'")[0][0])


def is_json_error(r, status, field):
    eq(r.status, status, f"status ({r.text[:200]})")
    eq(r.header("Content-Type"), "application/json; charset=utf-8", "JSON")
    d = r.json()
    ok(isinstance(d["error"], str) and d["error"], "a message")
    eq(d["field"], field, "field")
    return d


def test_push_refuses_without_this_sites_token(s):
    lincang = site(s, "lincang")
    qinghai = site(s, "qinghai")
    own, other = token(s, lincang, "CMS"), token(s, qinghai)
    before = counts(s)
    body = notice("auth-1")
    for label, tok in [("no header", None), ("empty bearer", "Bearer "), ("not bearer", "Basic YTpi"),
                       ("malformed", "Bearer xyz"), ("wrong token", "0" * 64), ("upper-case copy", own.upper()),
                       ("another site's token", other)]:
        r = push(s, lincang, body, tok)
        is_json_error(r, 401, None)
        eq(r.header("WWW-Authenticate"), 'Bearer realm="xxgk"', f"{label}: challenge")
    eq(counts(s), before, "nothing stored, nothing audited")
    eq(s.sql("SELECT COUNT(*) FROM notices WHERE external_id = 'auth-1'"), [["0"]], "no such notice")
    # the token is kept as its SHA-256 only
    eq(s.sql(f"SELECT COUNT(*) FROM push_tokens WHERE token_hash = '{hashlib.sha256(own.encode()).hexdigest()}'"),
       [["1"]], "hash stored")
    eq(s.sql(f"SELECT COUNT(*) FROM push_tokens WHERE token_hash = '{own}' OR name = '{own}'"), [["0"]],
       "the token itself is not")


@each_front_end
def test_the_token_reaches_xxgk_through_either_web_server(s):
    """Apache passes no Authorization header to FastCGI unless told to (CGIPassAuth): behind the
    shipped configuration every push answered 401."""
    lincang = site(s, "lincang")
    tok = token(s, lincang, "CMS")
    ext = f"front-{s.front}"
    r = push(s, lincang, notice(ext), tok)
    eq(r.status, 201, f"{s.front}: created ({r.text[:200]})")
    r = push(s, lincang, notice(ext, title="推送测试公告（更正）"), tok)
    eq((r.status, r.json()["updated"]), (200, 1), f"{s.front}: updated")
    is_json_error(push(s, lincang, notice(ext), "0" * 64), 401, None)


def test_push_validation_stores_nothing(s):
    lincang = site(s, "lincang")
    qinghai = site(s, "qinghai")
    tok = token(s, lincang, "CMS")
    before = counts(s)
    cases = [
        ({"category": "D99.C01"}, "category"),
        ({"category": "D04"}, "category"),                       # a domain, not a category
        ({"formed_on": "2026-02-30"}, "formed_on"),
        ({"formed_on": None}, "formed_on"),
        ({"published_at": "2026-03-10 25:00:00"}, "published_at"),
        # the feeds, the API and OCDS count seconds from 1970 to 2038; a future date would head every list
        ({"published_at": "2099-01-01 00:00:00"}, "published_at"),
        ({"published_at": "2038-01-19 11:14:07"}, "published_at"),
        ({"published_at": (datetime.date.today() + datetime.timedelta(days=2)).isoformat()}, "published_at"),
        ({"published_at": "1969-12-31"}, "published_at"),
        ({"published_at": "1970-01-01 12:00:00"}, "published_at"),
        # a document is formed before it is published, and not in the future
        ({"formed_on": (datetime.date.today() + datetime.timedelta(days=2)).isoformat()}, "formed_on"),
        ({"formed_on": "2026-03-11", "published_at": "2026-03-10 09:00:00"}, "formed_on"),
        ({"formed_on": "1900-01-01"}, "formed_on"),
        ({"title": ""}, "title"),
        # spaces only: an invisible link in every list and the feed
        ({"title": "\u3000\u3000"}, "title"),
        ({"title": "   "}, "title"),
        ({"issuer": " "}, "issuer"),
        ({"body": "\n \n"}, "body"),
        # a right-to-left override turns the title around in every list
        ({"title": "采购公告\u202e告公标中"}, "title"),
        ({"title": "两行\n标题"}, "title"),
        ({"title": 42}, "title"),
        ({"status": "deleted"}, "status"),
        ({"items": {"D04.C01.I01": "another category's item"}}, "D04.C01.I01"),
    ]
    for change, field in cases:
        r = push(s, lincang, notice("val-1", **change), tok)
        is_json_error(r, 400, field)
    # a batch is all or nothing: the second notice is bad, the first is not stored either
    r = push(s, lincang, {"notices": [notice("val-2"), notice("val-3", formed_on="2026-13-01")]}, tok)
    d = is_json_error(r, 400, "formed_on")
    eq(d["index"], 1, "which notice")
    r = push(s, lincang, {"notices": [notice("val-4"), notice("val-4")]}, tok)
    eq(is_json_error(r, 400, "external_id")["index"], 1, "a duplicate in one push")
    r = push(s, lincang, {"site": qinghai, "notices": [notice("val-5")]}, tok)
    is_json_error(r, 400, "site")
    r = push(s, lincang, {"notices": []}, tok)
    is_json_error(r, 400, "notices")
    r = push(s, lincang, {"notices": {"a": 1}}, tok)
    is_json_error(r, 400, "notices")
    r = push(s, lincang, None, tok, raw=b'{"title": "x",\n "body": }')
    d = is_json_error(r, 400, None)
    eq(d["line"], 2, "the line of the JSON error")
    r = push(s, lincang, None, tok, raw=b'{"title": "a", "title": "b"}')
    eq(is_json_error(r, 400, None)["error"], "JSON 格式有误：同一个对象中有重复的键", "in Chinese")
    # jansson's own words were English: "unable to decode byte 0xd7 near '\"'"
    d = is_json_error(push(s, lincang, None, tok, raw='{"title": "采购"}'.encode("gbk")), 400, None)
    eq(d["error"], "JSON 格式有误：不是有效的 UTF-8 文本（请以 UTF-8 编码发送）", "GBK bytes")
    d = is_json_error(push(s, lincang, None, tok, raw=b'{"title": "a"'), 400, None)
    eq(d["error"], "JSON 格式有误：内容不完整，在结束之前中断", "cut short")
    r = push(s, lincang, notice("val-6"), tok, content_type="application/x-www-form-urlencoded")
    is_json_error(r, 415, None)
    r = push(s, lincang, None, tok, raw=b"")
    is_json_error(r, 400, None)
    # a byte-order mark before the JSON, as some CMSs write it, is no part of it (a title too long
    # shows the JSON was read: refused at its field, not as malformed JSON)
    r = push(s, lincang, None, tok, raw=b"\xef\xbb\xbf" + json.dumps(notice("val-8", title="长" * 501)).encode())
    is_json_error(r, 400, "title")
    # larger than the server accepts: refused before it is read (the test stack allows 1 MiB)
    big = notice("val-7", body="很长的正文" * 150000)
    r = push(s, lincang, big, tok)
    eq(r.status, 413, "oversized body")
    eq(counts(s), before, "nothing stored, nothing audited")
    eq(s.sql("SELECT COUNT(*) FROM notices WHERE external_id LIKE 'val-%'"), [["0"]], "no val- notice")


def test_push_creates_then_updates(s):
    lincang = site(s, "lincang")
    tok = token(s, lincang, "CMS")
    n = notice("wcm-1", title="推送的中标公告<b>一</b>", published_at="2026-03-10 09:00:00")
    r = push(s, lincang, n, tok)
    eq(r.status, 201, f"created ({r.text[:300]})")
    d = r.json()
    eq((d["created"], d["updated"]), (1, 0), "counts")
    got = d["notices"][0]
    nid = got["id"]
    eq(got["result"], "created", "result")
    eq(got["status"], "published", "published")
    ok(re.fullmatch(r"11530900015118547K/2026-\d{5}", got["index_no"]), f"索引号 {got['index_no']}")
    ok(r.header("Location").endswith(f"/xxgk/{lincang}/n/{nid}"), "Location of the new notice")
    row = s.sql(f"SELECT external_id, title, index_no, status, category_code, DATE_FORMAT(published_at, '%Y-%m-%d %H:%i:%s') "
                f"FROM notices WHERE id = {nid}")[0]
    eq(row, ["wcm-1", "推送的中标公告<b>一</b>", got["index_no"], "published", "D04.C05", "2026-03-10 09:00:00"], "stored")
    eq(s.sql(f"SELECT item_code, value FROM notice_items WHERE notice_id = {nid} ORDER BY item_code"),
       [["D04.C05.I03", "临沧市华宇医疗器械有限公司，地址：临翔区南塘街1号"], ["D04.C05.I04", "人民币386.5万元"]], "items")
    page = s.get(f"/xxgk/{lincang}/n/{nid}")
    eq(page.status, 200, "public page")
    ok(html.escape("推送的中标公告<b>一</b>", quote=False) in page.text, "title on the page, escaped")
    ok(got["index_no"] in page.text, "索引号 on the page")
    # The items in the variant's wording, in code order (the page reads the notice's own copy).
    text = page.text.replace('<span class="bp"></span>', "")  # a label's break points (xxgk.css)
    items_on_page = re.findall(r"<th[^>]*>([^<]*)</th>\s*<td[^>]*>([^<]*)</td>", text)
    ok(("中标和成交金额", "人民币386.5万元") in items_on_page, f"the items on the page: {items_on_page}")
    ok(page.text.index("临沧市华宇医疗器械有限公司") < page.text.index("人民币386.5万元"), "in code order")
    ok(f"/n/{nid}\"" in s.get(f"/xxgk/{lincang}/c/D04.C05").text, "in its column list")
    # the same external_id again: an update in place, same id and 索引号, visible at the next request
    n2 = dict(n, title="推送的中标公告（更正）", items={"D04.C05.I04": "人民币390万元"})
    r = push(s, lincang, n2, tok)
    eq(r.status, 200, "updated")
    d = r.json()
    eq((d["created"], d["updated"], d["notices"][0]["id"], d["notices"][0]["result"], d["notices"][0]["index_no"]),
       (0, 1, nid, "updated", got["index_no"]), "same notice, same 索引号")
    eq(r.header("Location"), None, "no Location for an update")
    eq(s.sql("SELECT COUNT(*) FROM notices WHERE external_id = 'wcm-1'"), [["1"]], "not duplicated")
    page = s.get(f"/xxgk/{lincang}/n/{nid}")
    ok("推送的中标公告（更正）" in page.text and "推送的中标公告<b>" not in page.text, "the page shows the update")
    ok("人民币390万元" in page.text and "人民币386.5万元" not in page.text and "华宇医疗器械" not in page.text,
       "and its items as replaced")
    # The lists carry their own copy of the title (notice_columns.title): it follows the update.
    old = html.escape("推送的中标公告<b>一</b>", quote=False)
    for url in (f"/xxgk/{lincang}/c/D04.C05", f"/xxgk/{lincang}/c/D04", f"/xxgk/{lincang}/fragment/D04.C05.html"):
        text = s.get(url).text
        ok("推送的中标公告（更正）" in text and old not in text, f"{url} lists the new title only")
    eq(s.get(f"/xxgk/{lincang}/api/notices/{nid}").json()["items"],
       [{"code": "D04.C05.I04", "label": "中标和成交金额", "value": "人民币390万元"}], "items replaced")
    ok(f":{lincang}/n/{nid}</id>" in s.get(f"/xxgk/{lincang}/c/D04.C05/feed.atom").text, "in the column's feed")
    # the audit trail: who, what, before and after, in the same transaction as the change
    audit = s.sql(f"SELECT actor, action, subject, before_json IS NULL, after_json, note FROM audit_log "
                  f"WHERE subject = 'notice' AND subject_id = {nid} ORDER BY id")
    eq([a[:4] for a in audit], [["api:CMS", "notice.create", "notice", "1"], ["api:CMS", "notice.update", "notice", "0"]],
       "one entry per push")
    after = sql_json(audit[1][4])
    eq((after["title"], after["index_no"], after["status"]), ("推送的中标公告（更正）", got["index_no"], "published"), "after")
    ok(audit[1][5].startswith("push API, token "), "which token")
    before = sql_json(s.sql(f"SELECT before_json FROM audit_log WHERE subject_id = {nid} AND action = 'notice.update'")[0][0])
    eq(before["title"], "推送的中标公告<b>一</b>", "before")
    ok(s.sql("SELECT last_used_at IS NOT NULL FROM push_tokens WHERE name = 'CMS'")[0][0] == "1", "token last used")
    # Pushed again as a draft, the notice is saved without being published again and stays
    # public: the lists follow its title all the same.
    r = push(s, lincang, dict(n2, title="推送的中标公告（再次更正）", status="draft"), tok)
    eq(r.status, 200, f"updated as a draft ({r.text[:200]})")
    ok("推送的中标公告（再次更正）" in s.get(f"/xxgk/{lincang}/n/{nid}").text, "the page shows it")
    ok("推送的中标公告（再次更正）" in s.get(f"/xxgk/{lincang}/c/D04.C05").text, "and so does the column list")


def test_push_batch_and_drafts(s):
    lincang = site(s, "lincang")
    qinghai = site(s, "qinghai")
    tok = token(s, lincang, "CMS")
    batch = {"site": lincang, "notices": [notice("wcm-b1", title="批量推送一"),
                                            notice("wcm-b2", title="批量推送二", status="draft", category="D04.C01",
                                                   items={})]}
    r = push(s, lincang, batch, tok)
    eq(r.status, 201, r.text[:300])
    d = r.json()
    eq((d["created"], d["updated"]), (2, 0), "two created")
    first, second = d["notices"]
    eq((first["status"], second["status"]), ("published", "draft"), "statuses")
    eq(second["index_no"], None, "a draft has no 索引号 yet")
    eq(second["url"], None, "nor a public page")
    eq(s.get(f"/xxgk/{lincang}/n/{second['id']}").status, 404, "draft not public")
    eq(s.get(f"/xxgk/{lincang}/n/{first['id']}").status, 200, "published one is")
    eq(r.header("Location"), None, "no single Location for a batch")
    # a notice pushed to one site cannot be updated through another site's address
    qtok = token(s, qinghai)
    r = push(s, qinghai, notice("wcm-b1", category="D04.C03", items={}), qtok)
    eq(r.status, 201, "a separate notice on qinghai")
    eq(s.sql("SELECT COUNT(*) FROM notices WHERE external_id = 'wcm-b1'"), [["2"]], "one per site")
    eq(s.sql(f"SELECT title FROM notices WHERE id = {first['id']}"), [["批量推送一"]], "lincang's untouched")


def test_token_list_and_revoke(s):
    yancheng = site(s, "yancheng")
    tok = token(s, yancheng, "to-revoke")
    r = s.ctl("token", "list", "--site", yancheng)
    line = [l for l in r.stdout.splitlines() if l.endswith("to-revoke")]
    eq(len(line), 1, r.stdout)
    ok(" active " in line[0] and tok not in r.stdout, "listed, without the token")
    tid = line[0].split()[0]
    ok(push(s, yancheng, notice("rev-1", category="D05.C02", items={}, issuer="盐城市财政局"), tok).status in (200, 201),
       "works before")
    r = s.ctl("token", "revoke", tid)
    ok(f"token {tid} revoked" in r.stdout, r.stdout)
    r = push(s, yancheng, notice("rev-2", category="D05.C02", items={}, issuer="盐城市财政局"), tok)
    is_json_error(r, 401, None)
    eq(s.sql("SELECT COUNT(*) FROM notices WHERE external_id = 'rev-2'"), [["0"]], "nothing after revocation")
    listed = s.ctl("token", "list").stdout.splitlines()
    revoked = [l for l in listed if l.endswith("to-revoke")][0]
    ok("revoked" in revoked, "shown revoked")
    eq(revoked.index("to-revoke"), listed[0].index("NAME"), "its name under NAME (the date pushed it right)")
    eq(s.ctl("token", "revoke", tid, check=False).returncode, 1, "revoking twice")
    eq(s.sql(f"SELECT action FROM audit_log WHERE subject = 'token' AND subject_id = {tid} ORDER BY id"),
       [["token.add"], ["token.revoke"]], "audited")
    eq(s.ctl("token", "add", "--site", "nosuch", check=False).returncode, 1, "unknown site")
    eq(s.ctl("token", "add", check=False).returncode, 2, "no site")
    ok(s.ctl("token", "--help").stdout.startswith("usage: xxgkctl token"), "help")


def test_a_withdrawn_notice_stays_withdrawn_when_pushed_again(s):
    """A notice staff withdrew in the console is not brought back by the CMS pushing it again (it
    was published again, 200 "updated", "status": "published"): it is left as it is, text and
    all, kept for the record of what was withdrawn; the answer says so; only the console
    publishes it again. One at a time and through the bulk writer alike."""
    key = fixture(s, "push.withdrawn", lambda s: new_site(s, "lincang", "pushwd", users=("admin",)))
    tok = token(s, key, "CMS")
    staff = Staff(s, key, "admin")
    for ext, size in (("wd-one", 1), ("wd-bulk", 60)):
        r = push(s, key, notice(ext, title="将被撤回的公告", published_at="2026-03-10 09:00:00"), tok)
        eq(r.status, 201, r.text[:300])
        nid = r.json()["notices"][0]["id"]
        r = staff.post(f"notices/{nid}", {"action": "withdraw", "reason": "内容有误"})
        eq(r.status, 303, f"withdrawn in the console ({r.text[:200]})")
        stored = s.sql(f"SELECT status, title, body, index_no, published_at, items_json FROM notices WHERE id = {nid}")
        audits = s.sql(f"SELECT COUNT(*) FROM audit_log WHERE subject = 'notice' AND subject_id = {nid}")
        again = notice(ext, title="CMS 再次推送的公告", body="新的正文", status="published",
                       items={"D04.C05.I04": "人民币1万元"})
        others = [notice(f"{ext}-{k}", title=f"同批推送{k}") for k in range(size - 1)]
        r = push(s, key, {"notices": [again] + others} if others else again, tok)
        eq(r.status, 201 if others else 200, f"{ext}: {r.text[:300]}")
        d = r.json()
        eq((d["created"], d["updated"], d["not_applied"], d["unchanged"]), (size - 1, 0, 1, 1), f"{ext}: counts")
        got = d["notices"][0]
        # "unchanged" read as if the pushed text had been the stored one
        eq((got["id"], got["result"], got["reason"], got["status"], got["url"]),
           (nid, "not_applied", "withdrawn", "withdrawn", None), f"{ext}: the answer says the text was not applied")
        ok("已在后台撤回" in got["message"] and "没有采用" in got["message"], got["message"])
        ok(all("reason" not in n and "message" not in n for n in d["notices"][1:]), f"{ext}: only where not applied")
        eq(s.sql(f"SELECT status, title, body, index_no, published_at, items_json FROM notices WHERE id = {nid}"),
           stored, f"{ext}: left as it was withdrawn")
        eq(s.sql(f"SELECT COUNT(*) FROM audit_log WHERE subject = 'notice' AND subject_id = {nid}"), audits,
           f"{ext}: no change, nothing to audit")
        eq(s.get(f"/xxgk/{key}/n/{nid}").status, 404, f"{ext}: not public")
        ok(f"/n/{nid}\"" not in s.get(f"/xxgk/{key}/c/D04.C05").text, f"{ext}: not listed")
        # pushed as a draft, the same
        r = push(s, key, dict(again, status="draft"), tok)
        eq((r.status, r.json()["notices"][0]["status"]), (200, "withdrawn"), f"{ext}: as a draft")
        eq(s.sql(f"SELECT status, title FROM notices WHERE id = {nid}"), [stored[0][:2]], f"{ext}: still as it was")


def test_a_notice_awaiting_approval_is_not_published_by_a_push(s):
    """Staff submitted a change for approval (pending: off the site until an approver agrees);
    the CMS's next push published it past the approval."""
    key = new_site(s, "lincang", "pushpend", users=("staff",), bodies=("临沧市财政局",))
    s.sql(f"UPDATE sites SET require_approval = 1 WHERE site_key = '{key}'")
    tok = token(s, key, "CMS")
    r = push(s, key, notice("pend-1", published_at="2026-03-10 09:00:00"), tok)
    nid = r.json()["notices"][0]["id"]
    st = Staff(s, key, "staff")
    r = st.post(f"notices/{nid}", {"category": "D04.C05", "title": "推送测试公告（更正）", "issuer": "临沧市财政局",
                                   "formed_on": "2026-03-02", "body": "改正后的正文", "action": "publish",
                                   "reason": "更正正文"})
    eq(r.status, 303, r.text[:300])
    eq(s.sql(f"SELECT status FROM notices WHERE id = {nid}"), [["pending"]], "submitted for approval")
    r = push(s, key, notice("pend-1", title="CMS 再次推送的公告"), tok)
    got = r.json()["notices"][0]
    eq((r.status, got["result"], got["reason"], got["status"]), (200, "not_applied", "awaiting_approval", "pending"),
       "left to the approver, and the answer says the text was not applied")
    ok("等待审核" in got["message"] and "没有采用" in got["message"], got["message"])
    eq((r.json()["not_applied"], r.json()["updated"]), (1, 0), "counted as not applied")
    eq(s.sql(f"SELECT status, title FROM notices WHERE id = {nid}"), [["pending", "推送测试公告（更正）"]], "as submitted")
    eq(s.get(f"/xxgk/{key}/n/{nid}").status, 404, "not public")


def test_a_console_save_from_a_page_older_than_a_push_is_refused(s):
    """A push changed the notice without a console version: a save from an editor page opened
    before it wrote the pushed text over unseen."""
    import time
    key = fixture(s, "push.withdrawn", lambda s: new_site(s, "lincang", "pushwd", users=("admin",)))
    tok = token(s, key, "CMS")
    nid = push(s, key, notice("stale-push", title="推送的第一版"), tok).json()["notices"][0]["id"]
    staff = Staff(s, key, "admin")
    page = staff.get(f"notices/{nid}").text
    shown = {k: re.search(rf'name="{k}" value="(\d+)"', page).group(1) for k in ("version", "stamp")}
    time.sleep(1.1)  # the page's stamp is the last change's second
    eq(push(s, key, notice("stale-push", title="推送的第二版"), tok).json()["notices"][0]["result"], "updated", "pushed")
    r = staff.post(f"notices/{nid}", {"category": "D04.C05", "title": "控制台旧页面的标题", "issuer": "临沧市财政局",
                                      "formed_on": "2026-03-02", "body": "旧正文", "action": "save",
                                      "reason": "测试", **shown})
    eq(r.status, 409, r.text[:300])
    ok("已被他人修改、发布或撤回" in r.text and "控制台旧页面的标题" in r.text, "said, with what was typed")
    eq(s.sql(f"SELECT title FROM notices WHERE id = {nid}"), [["推送的第二版"]], "the pushed text stands")


def test_push_refuses_unknown_fields_and_an_empty_external_id(s):
    """A misspelt field was ignored (a "publishedAt" published the notice "now"), "attachments"
    were dropped without a word, and "external_id": "" created a new notice on every push: each is
    refused with 400 naming it. A draft's answer had an api_url that answers 404: null now."""
    lincang = site(s, "lincang")
    tok = token(s, lincang, "CMS")
    before = counts(s)
    for change, field in [({"publishedAt": "2026-03-10 09:00:00"}, "publishedAt"),
                          ({"attachments": ["招标文件.pdf"]}, "attachments"),
                          ({"external_id": ""}, "external_id")]:
        r = push(s, lincang, notice("unk-1", **change), tok)
        is_json_error(r, 400, field)
        r = push(s, lincang, {"notices": [notice("unk-2"), notice("unk-3", **change)]}, tok)
        eq(is_json_error(r, 400, field)["index"], 1, f"{field}: the notice at fault")
    eq(counts(s), before, "nothing stored, nothing audited")
    # null is "not given", as before
    r = push(s, lincang, notice(None, title="没有编号的公告", status="draft"), tok)
    eq(r.status, 201, r.text[:300])
    got = r.json()["notices"][0]
    eq((got["external_id"], got["status"], got["url"], got["api_url"]), (None, "draft", None, None),
       "a draft has neither page nor API address")
    eq(s.get(f"/xxgk/{lincang}/api/notices/{got['id']}").status, 404, "(its API address answers 404)")
    r = push(s, lincang, notice("unk-4"), tok)
    got = r.json()["notices"][0]
    ok(got["api_url"].endswith(f"/xxgk/{lincang}/api/notices/{got['id']}"), "a published one has its API address")
    eq(s.get(f"/xxgk/{lincang}/api/notices/{got['id']}").status, 200, "which answers")
