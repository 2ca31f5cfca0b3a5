"""Typed input over real HTTP: a body or query string that cannot be parsed is answered with the
parser's reason, and the staff notice list's filters are checked against their declared table."""
import socket

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


def test_a_body_over_the_web_server_s_limit_gets_xxgk_s_own_page(s):
    """Over nginx's client_max_body_size (60 MB) a filing was answered with nginx's bare English 413
    and the form was gone; nginx now hands it to xxgk, which answers from the Content-Length alone."""
    with socket.create_connection(("127.0.0.1", s.port), timeout=30) as c:
        c.sendall(b"POST /xxgk/lincang/ysqgk/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                  b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 70000000\r\n\r\n--x\r\n")
        answer = b""
        while chunk := c.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    ok(head.startswith(b"HTTP/1.1 413"), head[:200])
    text = body.decode("utf-8", "replace")
    ok("提交的内容超过了允许的大小" in text and "<html" in text.lower(), f"xxgk's own page: {text[:300]}")
