"""Typed input over real HTTP: a body or query string that cannot be parsed is answered with the
parser's reason, and the staff notice list's filters are checked against their declared table."""
from console import Staff
from harness import eq, ok


def test_unparsable_input_says_why(s):
    r = s.get("/xxgk/lincang/c/D01?a=%zz")
    eq(r.status, 400, "malformed query")
    ok("网址参数格式有误：百分号编码有误" in r.text, "the query's error names the bad escape")
    r = s.request("POST", "/xxgk/lincang/admin/login", body=b"login=%ff%fe&password=x",
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    eq(r.status, 400, "a body that is not UTF-8")
    ok("提交的内容格式有误：字段不是有效的 UTF-8 文本" in r.text, "the body's error names the bad text")
    r = s.request("POST", "/xxgk/lincang/admin/login", body=b"login=x",
                  headers={"Content-Type": "multipart/form-data"})
    eq(r.status, 400, "multipart without a boundary")
    ok("multipart 请求体缺少有效的分隔符" in r.text, "the body's error names the missing boundary")
    r = s.request("POST", "/xxgk/lincang/admin/login", body="&".join(f"f{i}=1" for i in range(300)),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    eq(r.status, 413, "too many fields")
    ok("提交的内容超出限制：字段过多" in r.text, "the body's error names the limit")


def test_staff_notice_list_filters_are_declared(s):
    st = Staff(s, "lincang", "admin")
    ok(st.signed_in, "signed in")
    eq(st.get("notices?status=draft&q=%E5%85%AC&before=100000").status, 200, "declared filters")
    for bad in ("status=bogus", "before=0", "before=abc", "q=a%0Ab", "status=draft&status=published"):
        eq(st.get(f"notices?{bad}").status, 400, bad)
