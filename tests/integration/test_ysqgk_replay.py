"""The console's forms sent twice: at once (a double-click, two members of staff on the same
request) or one after the other (Back and send again, a page left open while others work). A
form that creates something is single-use (the one-time token of the public filing form); a step
carries the state of the request its page showed and is refused once the request has moved on;
nothing is stored twice and nothing is applied to a state the sender never saw."""
import html, re, threading

from console import Staff
from harness import eq, fixture, new_site, ok
from ysqgk_case import refused, register

FIN, TRADE = "临沧市财政局", "临沧市公共资源交易中心"


def site(s):
    return fixture(s, "replay.site", lambda s: new_site(s, "lincang", "replay", users=("admin", "approver", "staff"),
                                                          bodies=(FIN, TRADE)))


def text(r):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(r.text)))


def at_once(*calls):
    """Runs the calls on threads released together; their answers in order."""
    gate, out = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i):
        gate.wait()
        out[i] = calls[i]()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_a_receipt_date_corrected_to_itself_is_told_so(s):
    st = Staff(s, site(s), "approver")
    rid = register(st, "2025-03-03", assigned_body=FIN)[0]
    refused(s, st, rid, "redate", 409, "收到申请之日登记的就是2025-03-03，与填写的日期相同，无需更正。",
            received_on="2025-03-03")
    refused(s, st, rid, "redate", 400, "请填写更正后的收到申请之日。")

