"""The staff console over HTTP: strangers refused, sign-in (its limits: test_login_limits), CSRF,
body scoping, the editor's completeness and lateness checks, publishing with a reason, the audit
trail. On sites of the module's own, through nginx and through Apache (each_front_end)."""
import datetime, re

from console import Staff
from harness import each_front_end, eq, fixture, import_notices, new_site, ok
from hostile import multipart


def make_site(s):
    """A Lincang-variant site, its three accounts (staff serve the finance bureau) and a published
    notice of the finance bureau, one of the land bureau and one to attach files to."""
    site = new_site(s, "lincang", "console", users=("admin", "approver", "staff"),
                    bodies=("临沧市财政局", "临沧市公共资源交易中心"))
    notice = {"formed_on": "2026-03-02", "published_at": "2026-03-10 09:00:00", "category": "D04.C01", "body": "正文"}
    ids = import_notices(s, site, [dict(notice, external_id="mine", title="财政局的公告", issuer="临沧市财政局"),
                                   dict(notice, external_id="other", title="自然资源局的公告", issuer="临沧市自然资源局"),
                                   dict(notice, external_id="upload", title="附件测试公告", issuer="临沧市财政局")])
    return site, ids


def site(s):
    return fixture(s, "console.site", make_site)[0]


def notice_id(s, ext):
    return fixture(s, "console.site", make_site)[1][ext]


@each_front_end
def test_console_refuses_strangers(s):
    key = site(s)
    r = s.get(f"/xxgk/{key}/admin/notices")
    eq(r.status, 303, "redirect to sign-in")
    ok(f"/xxgk/{key}/admin/login?next=" in r.header("Location"), r.header("Location"))
    eq(s.post(f"/xxgk/{key}/admin/notices", fields={"title": "x"}).status, 403, "a stranger's POST")
    eq(s.get(f"/xxgk/{key}/admin/audit", headers={"Cookie": "xxgk_session=" + "0" * 64}).status, 303, "forged cookie")


@each_front_end
def test_wrong_password_does_not_sign_in(s):
    st = Staff(s, site(s), "approver", "wrong-password")
    ok(not st.signed_in, "no session")
    eq(st.login_response.status, 403, "status")
    ok("用户名或密码不正确" in st.login_response.text, "message")
    unknown = Staff(s, site(s), "nobody", "whatever1")
    ok(not unknown.signed_in and "用户名或密码不正确" in unknown.login_response.text, "same answer for an unknown login")


@each_front_end
def test_sign_in_and_out(s):
    st = Staff(s, site(s), "admin")
    ok(st.signed_in, "signed in")
    cookie = st.login_response.header("Set-Cookie")
    ok("HttpOnly" in cookie and "SameSite=Strict" in cookie and f"Path=/xxgk/{site(s)}/admin/" in cookie, cookie)
    eq(st.get("").status, 200, "dashboard")
    ok("<svg" in st.get("").text, "dashboard chart")
    # the session is stored hashed, never as the cookie's value
    eq(s.sql(f"SELECT COUNT(*) FROM sessions WHERE id_hash = '{st.cookie}'"), [["0"]], "cookie not stored")
    r = st.post("logout", {})
    eq(r.status, 303, "logout")
    eq(st.get("").status, 303, "session gone")
    # a session of one site does not open another site's console
    st2 = Staff(s, site(s), "staff")
    eq(s.get("/xxgk/yancheng/admin/", headers=st2.headers()).status, 303, "other site")


@each_front_end
def test_post_without_token_is_403_and_changes_nothing(s):
    st = Staff(s, site(s), "admin")
    before = s.sql("SELECT COUNT(*) FROM notices")
    r = st.post("notices", {"category": "D04.C01", "title": "无令牌", "issuer": "临沧市财政局",
                            "formed_on": "2026-11-02", "body": "x", "action": "save"}, token=False)
    eq(r.status, 403, "no token")
    r = st.post("notices", [("category", "D04.C01"), ("title", "错令牌"), ("csrf", "f" * 64)], token=False)
    eq(r.status, 403, "wrong token")
    eq(s.sql("SELECT COUNT(*) FROM notices"), before, "nothing stored")


@each_front_end
def test_staff_see_only_their_bodies(s):
    st = Staff(s, site(s), "staff")
    mine, other = notice_id(s, "mine"), notice_id(s, "other")
    eq(st.get(f"notices/{mine}").status, 200, "own body's notice")
    eq(st.get(f"notices/{other}").status, 404, "another body's notice")
    listing = st.get("notices").text
    ok("临沧市自然资源局" not in listing, "list shows only own bodies")
    r = st.post(f"notices/{other}", {"action": "withdraw"})
    eq(r.status, 404, "cannot act on another body's notice")
    # approvers see every body
    eq(Staff(s, site(s), "approver").get(f"notices/{other}").status, 200, "approver sees all")


@each_front_end
def test_a_withdrawal_reason_is_bounded_and_kept_in_the_audit_log(s):
    key = site(s)
    nid = import_notices(s, key, [{"external_id": f"withdraw-{s.front}", "title": "撤回原因测试",
                                   "issuer": "临沧市财政局", "formed_on": "2026-03-02",
                                   "published_at": "2026-03-10 09:00:00", "category": "D04.C01",
                                   "body": "正文"}])[f"withdraw-{s.front}"]
    st = Staff(s, key, "staff")
    r = st.post(f"notices/{nid}", {"action": "withdraw", "reason": "撤" * 1001})
    eq(r.status, 400, f"a reason of 1,001 characters is refused ({r.text[:120]})")
    ok("撤回原因" in r.text, "the error names the field")
    eq(s.sql(f"SELECT status FROM notices WHERE id = {nid}")[0][0], "published", "and the notice stays published")
    r = st.post(f"notices/{nid}", {"action": "withdraw", "reason": "回" * 1000})
    eq(r.status, 303, "1,000 characters are taken")
    eq(s.sql(f"SELECT status FROM notices WHERE id = {nid}")[0][0], "withdrawn", "withdrawn")
    eq(s.sql(f"SELECT note FROM audit_log WHERE action = 'notice.withdraw' AND subject_id = {nid}")[0][0],
       "回" * 1000, "the reason in the audit log, whole")


@each_front_end
def test_a_refused_field_keeps_what_was_typed(s):
    key = site(s)
    st = Staff(s, key, "staff")
    form = st.get("notices/new?category=D04.C01").text
    codes = re.findall(r'name="item\.([^"]+)"', form)
    fields = {"category": "D04.C01", "title": "   ", "issuer": "临沧市财政局", "doc_number": "临财采〔2026〕9号",
              "formed_on": datetime.date.today().isoformat(), "body": "正文第一段。\n第二段。", "action": "save",
              f"item.{codes[0]}": "第一项的值", "reason": "先行公开的原因"}
    r = st.post("notices", fields)
    eq(r.status, 400, "an empty title is refused")
    ok("标题" in r.text and "必须填写" in r.text, "the title named")
    eq(re.findall(r'name="item\.([^"]+)"', r.text), codes, "the category's item fields are back")
    for typed in ("临财采〔2026〕9号", "正文第一段。\n第二段。", "第一项的值", 'name="category" value="D04.C01"',
                  "先行公开的原因"):
        ok(typed in r.text, f"kept: {typed}")
    r = st.post("notices", dict(fields, title="留住所填内容的测试"))
    eq(r.status, 303, f"and with the title it is saved ({r.text[:200]})")


@each_front_end
def test_a_file_too_many_comes_back_at_its_field_with_what_was_typed(s):
    """The editor's files over the count ([limits] uploads_max, 5) answered a bare 413 page and the
    typed notice was lost; the form now comes back with the error at the files and the rest kept."""
    st = Staff(s, site(s), "staff")
    fields = [("category", "D04.C01"), ("title", "六个附件的公告"), ("issuer", "临沧市财政局"),
              ("formed_on", datetime.date.today().isoformat()), ("body", "正文不丢。"), ("action", "save"),
              ("csrf", st.csrf())]
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    body, ctype = multipart(fields, [("attachments", f"{k}.pdf", "application/pdf", pdf) for k in range(6)])
    r = s.request("POST", f"/xxgk/{site(s)}/admin/notices", body=body, headers={**st.headers(), "Content-Type": ctype})
    eq(r.status, 400, f"refused at its field ({r.text[:200]})")
    ok("一次最多上传5个文件" in r.text and 'href="#f-attachments"' in r.text, "the files named, with the count")
    ok("六个附件的公告" in r.text and "正文不丢。" in r.text, "what was typed is back")
    eq(s.sql("SELECT COUNT(*) FROM notices WHERE title = '六个附件的公告'"), [["0"]], "nothing stored")
    body, ctype = multipart(fields, [("attachments", "空.pdf", "application/pdf", b"")])
    r = s.request("POST", f"/xxgk/{site(s)}/admin/notices", body=body, headers={**st.headers(), "Content-Type": ctype})
    eq(r.status, 400, "an empty file is refused")
    ok("“空.pdf”是空文件" in r.text and "六个附件的公告" in r.text, "called empty, not of a wrong type, the rest kept")


def test_a_notice_is_held_to_its_own_kind_stage_and_case(s):
    """The seeds' 7 days are for licensing and penalty decisions, not for everything filed beside
    them (a 考核结果 in 监督处罚信息); a notice of one stage (出让公告) needs no item of a later one
    (成交公示, 供应结果); an item required only in some case (协议供货's 入围价格) is not missing
    from a notice of another case."""
    def publish(variant, cat, formed, fill=None, **extra):
        key = new_site(s, variant, "kinds", users=("staff",), bodies=("测试局",))
        st = Staff(s, key, "staff")
        form = st.get(f"notices/new?category={cat}").text
        codes = re.findall(r'name="item\.([^"]+)"', form)
        fields = {"category": cat, "title": f"{cat}的公告", "issuer": "测试局", "formed_on": formed.isoformat(),
                  "body": "正文。", "action": "publish", **extra}
        for code in (codes if fill is None else [c for c in codes if c in fill]):
            fields[f"item.{code}"] = "已填写"
        return st.post("notices", fields)

    today = datetime.date.today()
    three_weeks = today - datetime.timedelta(days=21)  # 8 to 15 working days, whatever the holidays
    r = publish("shanwei", "D02.C02.C02", three_weeks, decision_kind="general")
    eq(r.status, 303, f"a 考核结果 three weeks old is within its 20 days ({r.text[:300]})")
    r = publish("shanwei", "D02.C02.C01", three_weeks, decision_kind="licensing-penalty")
    eq(r.status, 409, "a penalty decision of the same age is late")
    ok("成文后7个工作日" in r.text, "by its 7 days")
    r = publish("yancheng", "D03.C02", today, fill={"D03.C02.I01"})
    eq(r.status, 303, f"a 出让公告 alone is whole ({r.text[:300]})")
    r = publish("yancheng", "D03.C02", today, fill={"D03.C02.I02"})
    eq(r.status, 303, "as is a 成交公示 alone")
    r = publish("lincang", "D04.C05", today, fill={f"D04.C05.I0{k}" for k in range(1, 8)})
    eq(r.status, 303, f"a result that is not 协议供货 needs no 入围价格 ({r.text[:300]})")
    r = publish("lincang", "D04.C05", today, fill={f"D04.C05.I0{k}" for k in range(1, 7)})
    eq(r.status, 409, "but it needs its own items")
    ok("缺少1项" in r.text, "one missing")


@each_front_end
def test_editor_warns_and_publishes_with_reason(s):
    key = new_site(s, "qinghai", "console", users=("admin", "staff"), bodies=("青海省财政局",))
    st = Staff(s, key, "staff")
    # a category with items; its form shows them as fields in the variant's wording
    cat = "D01.C01.C01"
    form = st.get(f"notices/new?category={cat}").text
    labels = re.findall(r'<label for="f-item-[^"]+">([^<]+)', form)
    ok(len(labels) >= 2, f"items as fields: {labels}")
    fields = {"category": cat, "title": "西宁市保障房规划信息（测试）", "issuer": "青海省财政局",
              "formed_on": "2026-01-05", "body": "正文第一段\n第二段", "action": "publish"}
    codes = re.findall(r'name="item\.([^"]+)"', form)
    fields[f"item.{codes[0]}"] = "已填写的第一项"
    r = st.post("notices", fields)
    eq(r.status, 409, "publishing incomplete and late needs a reason")
    ok("缺少" in r.text and "已超过公开时限" in r.text, "warnings shown")
    for label in labels[1:]:
        ok(label in r.text, f"missing item {label} listed")
    fields["reason"] = "补充材料尚在收集，先行公开"
    r = st.post("notices", fields)
    eq(r.status, 303, "published")
    nid = re.search(r"/admin/notices/(\d+)", r.header("Location")).group(1)
    eq(s.sql(f"SELECT status, publish_note FROM notices WHERE id={nid}"), [["published", "补充材料尚在收集，先行公开"]], "stored")
    page = s.get(f"/xxgk/{key}/n/{nid}")
    eq(page.status, 200, "on the public page")
    ok("西宁市保障房规划信息（测试）" in page.text, "title public")
    audit = s.sql(f"SELECT actor, action, note FROM audit_log WHERE subject='notice' AND subject_id={nid}")
    eq(audit[-1][0:2], ["staff", "notice.publish"], "audit entry")
    ok("补充材料尚在收集" in audit[-1][2] and "缺少" in audit[-1][2], "audit note records the reason and the gap")
    admin = Staff(s, key, "admin")
    ok(f"公开信息 {nid}" in admin.get("audit?subject=notice").text, "audit entry in the console")
    csv = admin.get("audit.csv?subject=notice")
    eq(csv.header("Content-Type"), "text/csv; charset=utf-8", "CSV export")
    ok("notice.publish" in csv.text, "CSV content")
    versions = st.get(f"notices/{nid}/versions")
    ok("第1版" in versions.text, "version history")


@each_front_end
def test_approval_required_makes_it_pending(s):
    key = new_site(s, "zhejiang", "console", users=("approver", "staff"), bodies=("浙江省财政局",))
    # no command or page sets it (yet): the site's row, by hand
    s.sql(f"UPDATE sites SET require_approval = 1 WHERE site_key = '{key}'")
    st = Staff(s, key, "staff")
    r = st.post("notices", {"category": "D04.C01", "title": "需审核的公告", "issuer": "浙江省财政局",
                            "formed_on": "2025-01-06", "body": "x", "action": "publish", "reason": "迟报说明"})
    eq(r.status, 303, "submitted")
    nid = re.search(r"/admin/notices/(\d+)", r.header("Location")).group(1)
    eq(s.sql(f"SELECT status FROM notices WHERE id={nid}"), [["pending"]], "pending, not public")
    eq(s.get(f"/xxgk/{key}/n/{nid}").status, 404, "not public yet")
    ap = Staff(s, key, "approver")
    form = ap.get(f"notices/{nid}").text
    fields = dict(re.findall(r'<input id="f-[^"]+" name="([^"]+)" type="text" value="([^"]*)"', form))
    fields.update({"category": "D04.C01", "issuer": "浙江省财政局", "formed_on": "2025-01-06", "body": "x",
                   "action": "publish", "reason": "同意发布"})
    eq(ap.post(f"notices/{nid}", fields).status, 303, "approver publishes")
    eq(s.sql(f"SELECT status FROM notices WHERE id={nid}"), [["published"]], "published")
    ok(f"/n/{nid}\"" in s.get(f"/xxgk/{key}/c/D04.C01").text, "listed once published")
    # An edit of the published notice that needs approval takes it out of view, lists included:
    # the unapproved title is nowhere public until the approver publishes it.
    form = st.get(f"notices/{nid}").text
    fields = dict(re.findall(r'<input id="f-[^"]+" name="([^"]+)" type="text" value="([^"]*)"', form))
    fields.update({"category": "D04.C01", "issuer": "浙江省财政局", "formed_on": "2025-01-06", "body": "x",
                   "title": "需审核的公告（未审核的更正）", "action": "publish", "reason": "更正标题"})
    eq(st.post(f"notices/{nid}", fields).status, 303, "edit submitted")
    eq(s.sql(f"SELECT status FROM notices WHERE id={nid}"), [["pending"]], "pending again")
    column = s.get(f"/xxgk/{key}/c/D04.C01").text
    ok("未审核的更正" not in column and f"/n/{nid}\"" not in column, "not in the column list while pending")
    eq(s.get(f"/xxgk/{key}/n/{nid}").status, 404, "nor its page")
    fields["reason"] = "同意更正"
    eq(ap.post(f"notices/{nid}", fields).status, 303, "approver publishes the edit")
    ok("需审核的公告（未审核的更正）" in s.get(f"/xxgk/{key}/c/D04.C01").text, "listed with the new title")


def test_a_save_from_an_older_page_is_refused_and_keeps_what_was_typed(s):
    """Two staff with one notice open: the second save put back the first's changes unseen, and
    发布 on a page opened before a withdrawal put the notice back online."""
    key = new_site(s, "qinghai", "stale", users=("admin", "approver"), bodies=("青海省财政局",))
    a, b = Staff(s, key, "admin"), Staff(s, key, "approver")
    cat = "D01.C01.C01"
    codes = re.findall(r'name="item\.([^"]+)"', a.get(f"notices/new?category={cat}").text)
    full = {"category": cat, "title": "两人同时修改的公告", "issuer": "青海省财政局",
            "formed_on": datetime.date.today().isoformat(), "body": "第一版正文", "action": "publish",
            **{f"item.{c}": "已填写" for c in codes}}
    nid = re.search(r"/admin/notices/(\d+)", a.post("notices", full).header("Location")).group(1)

    def page_version(st):
        return re.search(r'name="version" value="(\d+)"', st.get(f"notices/{nid}").text).group(1)

    old = page_version(b)  # the approver opens the page
    eq(a.post(f"notices/{nid}", dict(full, body="管理员改过的正文", action="save", version=page_version(a))).status, 303,
       "the admin saves first")
    r = b.post(f"notices/{nid}", dict(full, doc_number="青财〔2026〕1号", action="save", version=old))
    eq(r.status, 409, "the approver's page is older than the notice")
    ok("已被他人修改、发布或撤回" in r.text and "您的修改没有保存" in r.text, "said so")
    ok("青财〔2026〕1号" in r.text, "what was typed, kept on the page")
    ok(f'name="version" value="{old}"' in r.text, "the page stays old until it is reloaded")
    eq(s.sql(f"SELECT body FROM notices WHERE id = {nid}"), [["管理员改过的正文"]], "the admin's change stands")
    # withdrawn since the page was opened: 发布 on it does not put the notice back
    old = page_version(b)
    eq(a.post(f"notices/{nid}", {"action": "withdraw", "reason": "含有个人信息", "version": page_version(a)}).status,
       303, "withdrawn")
    r = b.post(f"notices/{nid}", dict(full, reason="重新发布", version=old))
    eq(r.status, 409, "publish from a page opened before the withdrawal")
    eq(s.sql(f"SELECT status FROM notices WHERE id = {nid}"), [["withdrawn"]], "still withdrawn")
    eq(s.get(f"/xxgk/{key}/n/{nid}").status, 404, "and not online")
    ok(s.sql(f"SELECT COUNT(*) FROM notice_versions WHERE notice_id = {nid} AND snapshot LIKE '%withdrawn%'")[0][0]
       == "1", "the withdrawal is a version of its own")


def test_a_new_notice_form_sent_twice_makes_one_notice(s):
    """A double-click on 发布 made two notices with two 索引号."""
    import threading
    key = new_site(s, "qinghai", "once", users=("admin",), bodies=("青海省财政局",))
    st = Staff(s, key, "admin")
    cat = "D01.C01.C01"
    page = st.get(f"notices/new?category={cat}").text
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    codes = re.findall(r'name="item\.([^"]+)"', page)
    form = {"category": cat, "title": "双击发布的公告", "issuer": "青海省财政局",
            "formed_on": datetime.date.today().isoformat(), "body": "正文", "action": "publish",
            "form_token": token, **{f"item.{c}": "已填写" for c in codes}}
    csrf = st.csrf()
    answers = []

    def send():
        answers.append(st.post("notices", dict(form, csrf=csrf), token=False))
    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    eq(sorted(r.status for r in answers), [303, 303], "both land on the notice")
    eq(s.sql(f"SELECT COUNT(*) FROM notices n JOIN sites t ON t.id = n.site_id WHERE t.site_key = '{key}' "
             "AND n.title = '双击发布的公告'"), [["1"]], "one notice")
    eq(len({r.header("Location").split("?")[0] for r in answers}), 1, "the same one")
    later = st.post("notices", dict(form, csrf=csrf), token=False)
    ok(later.status == 303 and "done=notice.once" in later.header("Location"), "sent again later: the same notice")
    ok("这份表单已经提交过" in st.get(later.header("Location").split("/admin/", 1)[1]).text, "said so")
    bad = st.post("notices", dict(form, csrf=csrf, form_token="1.2.3"), token=False)
    eq(bad.status, 400, "a token not of this site")
    ok("表单已失效" in bad.text and "双击发布的公告" in bad.text, "said, with what was typed")


def test_saving_a_published_notice_is_checked_as_publishing_it(s):
    """A save of a published notice puts the changed text on its public page at once: it is a
    publication, with the reason an incomplete one needs and, where the site requires it, the
    approver's consent. The live page stays as it was until then. A draft's save is unchanged."""
    key = new_site(s, "qinghai", "console", users=("approver", "staff"), bodies=("青海省财政局",))
    s.sql(f"UPDATE sites SET require_approval = 1 WHERE site_key = '{key}'")
    st, ap = Staff(s, key, "staff"), Staff(s, key, "approver")
    cat = "D01.C01.C01"
    codes = re.findall(r'name="item\.([^"]+)"', st.get(f"notices/new?category={cat}").text)
    ok(len(codes) >= 2, f"the category has items: {codes}")
    full = {"category": cat, "title": "已发布后修改的公告", "issuer": "青海省财政局",
            "formed_on": datetime.date.today().isoformat(), "body": "原来的正文", "action": "publish",
            **{f"item.{c}": "已填写" for c in codes}}
    r = st.post("notices", full)
    eq(r.status, 303, f"complete and on time: published without approval ({r.text[:300]})")
    nid = re.search(r"/admin/notices/(\d+)", r.header("Location")).group(1)
    eq(s.sql(f"SELECT status FROM notices WHERE id={nid}"), [["published"]], "published")
    emptied = dict(full, body="未经审核的正文", **{f"item.{c}": "" for c in codes})

    def unchanged(what):
        eq(s.sql(f"SELECT status, body FROM notices WHERE id={nid}"), [["published", "原来的正文"]], what)
        page = s.get(f"/xxgk/{key}/n/{nid}")
        ok(page.status == 200 and "原来的正文" in page.text and "未经审核的正文" not in page.text,
           f"{what}: the public page as it was")
        eq(s.sql(f"SELECT COUNT(*) FROM audit_log WHERE subject='notice' AND subject_id={nid} "
                 "AND action='notice.update'"), [["0"]], f"{what}: nothing written")

    # Publishing the incomplete change asks for a reason (as before); saving it asked for nothing.
    eq(st.post(f"notices/{nid}", emptied).status, 409, "publishing it asks for a reason")
    r = st.post(f"notices/{nid}", dict(emptied, action="save"))
    eq(r.status, 409, "saving it is a publication of the incomplete change")
    ok("须经审核人同意" in r.text and "提交审核" in r.text, "staff are told to submit it for approval")
    unchanged("refused without a reason")
    r = st.post(f"notices/{nid}", dict(emptied, action="save", reason="先改正文"))
    eq(r.status, 409, "a reason is not an approval")
    ok("提交审核" in r.text and "先改正文" in r.text, "said again, with what was typed")
    unchanged("refused with a reason")
    # A complete change goes live on a save, as before.
    r = st.post(f"notices/{nid}", dict(full, body="改正后的正文", action="save"))
    eq(r.status, 303, f"a complete change is saved ({r.text[:300]})")
    eq(s.sql(f"SELECT status, body FROM notices WHERE id={nid}"), [["published", "改正后的正文"]], "live at once")
    # The approver may publish the incomplete change by saving it, with the reason publishing needs.
    r = ap.post(f"notices/{nid}", dict(emptied, action="save"))
    eq(r.status, 409, "the approver is asked for the reason")
    ok("须填写原因" in r.text, "the reason asked for")
    r = ap.post(f"notices/{nid}", dict(emptied, action="save", reason="审核同意先行公开"))
    eq(r.status, 303, f"the approver's save with a reason ({r.text[:300]})")
    eq(s.sql(f"SELECT status, body, publish_note FROM notices WHERE id={nid}"),
       [["published", "未经审核的正文", "审核同意先行公开"]], "published with its reason")
    audit = s.sql(f"SELECT actor, action, note FROM audit_log WHERE subject='notice' AND subject_id={nid} "
                  "ORDER BY id DESC LIMIT 1")[0]
    eq(audit[:2], ["approver", "notice.update"], "audited")
    ok(f"缺少{len(codes)}项必填内容" in audit[2] and "审核同意先行公开" in audit[2], f"with the gap and the reason: {audit[2]}")
    # Without approval required, staff publish an incomplete change by saving it with a reason.
    s.sql(f"UPDATE sites SET require_approval = 0 WHERE site_key = '{key}'")
    again = dict(emptied, body="员工再次修改的正文", action="save")
    r = st.post(f"notices/{nid}", again)
    ok(r.status == 409 and "须填写原因" in r.text, "staff asked for the reason")
    eq(st.post(f"notices/{nid}", dict(again, reason="补充材料在收集")).status, 303, "saved with a reason")
    eq(s.sql(f"SELECT status, body FROM notices WHERE id={nid}"), [["published", "员工再次修改的正文"]], "live")
    # A draft's save publishes nothing and asks for nothing.
    s.sql(f"UPDATE sites SET require_approval = 1 WHERE site_key = '{key}'")
    r = st.post("notices", dict(emptied, title="草稿", action="save"))
    eq(r.status, 303, "a draft saved incomplete")
    did = re.search(r"/admin/notices/(\d+)", r.header("Location")).group(1)
    eq(st.post(f"notices/{did}", dict(emptied, title="草稿", body="草稿再改", action="save")).status, 303, "and again")
    eq(s.sql(f"SELECT status, body FROM notices WHERE id={did}"), [["draft", "草稿再改"]], "still a draft")


@each_front_end
def test_upload_checks_type_by_content(s):
    st = Staff(s, site(s), "admin")
    key, nid = site(s), notice_id(s, "upload")
    token = st.csrf()

    def upload(name, data):
        b = "----xxgkboundary"
        body = (f"--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
                f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: application/pdf\r\n\r\n").encode() + data + f"\r\n--{b}--\r\n".encode()
        return s.request("POST", f"/xxgk/{key}/admin/notices/{nid}/attachments", body=body,
                         headers={**st.headers(), "Content-Type": f"multipart/form-data; boundary={b}"})

    r = upload("fake.pdf", b"<html>not a pdf</html>")
    eq(r.status, 415, "HTML named .pdf refused")
    ok('href="#f-file"' in r.text and "类型不受支持" in r.text and "<h2 id=\"att-h\">附件</h2>" in r.text,
       "said at the file input, on the notice's page (it was a bare error page)")
    before = s.sql(f"SELECT COUNT(*) FROM attachments WHERE notice_id={nid}")
    r = upload("空.pdf", b"")
    ok(r.status == 400 and "“空.pdf”是空文件" in r.text and 'href="#f-file"' in r.text, "an empty one too")
    eq(s.sql(f"SELECT COUNT(*) FROM attachments WHERE notice_id={nid}"), before, "nothing attached")
    pdf = b"%PDF-1.4\n%" + s.front.encode() + bytes(range(256)) + b"\n"  # every byte value, through each server
    r = upload("合同.pdf", pdf)
    eq(r.status, 303, "a real PDF")
    row = s.sql(f"SELECT filename, mime, size, sha256, id FROM attachments WHERE notice_id={nid} ORDER BY id DESC LIMIT 1")
    eq(row[0][:3], ["合同.pdf", "application/pdf", str(len(pdf))], "stored")
    import hashlib
    eq(row[0][3], hashlib.sha256(pdf).hexdigest(), "SHA-256 of the content")
    page = s.get(f"/xxgk/{key}/n/{nid}")
    aid = row[0][4]
    ok(f'/xxgk/{key}/a/{aid}">合同.pdf' in page.text, "linked from the notice page")
    dl = s.get(f"/xxgk/{key}/a/{aid}")
    eq(dl.body, pdf, "download")
    ok("filename*=UTF-8''%E5%90%88%E5%90%8C.pdf" in dl.header("Content-Disposition"), dl.header("Content-Disposition"))
    # a PDF sent as .html was downloaded as 公告.html, which a reader's browser opens as a page
    r = upload("公告.html", b"%PDF-<html><script>alert(1)</script></html>")
    eq(r.status, 303, "a PDF, whatever its name says")
    row = s.sql(f"SELECT filename, mime FROM attachments WHERE notice_id={nid} ORDER BY id DESC LIMIT 1")
    eq(row, [["公告.html.pdf", "application/pdf"]], "kept under a name that ends as its content is")
    r = upload("报价.JPEG", b"\xff\xd8\xff\xe0" + bytes(64))
    eq(s.sql(f"SELECT filename FROM attachments WHERE notice_id={nid} ORDER BY id DESC LIMIT 1"), [["报价.JPEG"]],
       "a name that already says what it is stays")


@each_front_end
def test_dashboard_figures_and_reports(s):
    st = Staff(s, site(s), "admin")
    page = st.get("").text
    for text in ["按时公开率", "件今年收到的申请", "件申请办理中", "件即将到期", "件已逾期", "<svg", "<title id=\"chart-month-t\">"]:
        ok(text in page, f"dashboard shows {text}")
    r = st.get("reports/timeliness?month=2026-10")
    eq(r.status, 200, "timeliness page")
    ok("主动公开时效报告" in r.text, "timeliness report")
    eq(st.get("reports/timeliness?month=2026-10&format=csv").header("Content-Type"), "text/csv; charset=utf-8", "CSV")
    eq(st.get("reports/timeliness?month=bad").status, 400, "bad month")
