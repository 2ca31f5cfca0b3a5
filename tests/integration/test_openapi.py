"""The OpenAPI 3.1 description of the JSON API (cms-integration/openapi.json), served for each site
at /xxgk/{site}/api/openapi.json: it describes every JSON route of the route table, it is well
formed (every $ref resolves, every schema is a JSON Schema 2020-12 schema, every operation
answers JSON), and real answers of every operation, successes and errors, are valid against the
schema and headers it gives for their status (jsonschema's Draft 2020-12 validator)."""
import io, itertools, json, os, random, re

from jsonschema import Draft202012Validator

from console import Staff
from harness import TOP, eq, fixture, new_site, ok

SPEC_FILE = os.path.join(TOP, "cms-integration", "openapi.json")
FILE_LIMIT, QUERY_LIMIT = 5, 20  # harness.py
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
_addr = itertools.count(random.randrange(60000))


def spec():
    with open(SPEC_FILE, encoding="utf-8") as f:
        return json.load(f)


def pointer(*parts):
    return "#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def node_ref_parts(ref):
    return [p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/")]


def deref(doc, node):
    """node, or what its $ref names in doc (components/responses, components/schemas)."""
    while isinstance(node, dict) and "$ref" in node:
        target = doc
        for part in node_ref_parts(node["$ref"]):
            target = target[part]
        node = target
    return node


def schema_errors(doc, at, instance):
    """Errors of instance against the schema at JSON pointer `at` of doc: the whole description
    is the root, so that its #/components/schemas/... references resolve without a resolver."""
    root = dict(doc)
    root["$ref"] = at
    return sorted(Draft202012Validator(root).iter_errors(instance), key=lambda e: list(e.absolute_path))


def check(s, doc, path, method, r, seen):
    """r against what doc says `method path` answers with r.status; notes the status in seen."""
    what = f"{method.upper()} {path} → {r.status}"
    responses = doc["paths"][path][method]["responses"]
    ok(str(r.status) in responses, f"{what}: the status is not described ({r.text[:300]})")
    resp = deref(doc, responses[str(r.status)])
    ctype = (r.header("Content-Type") or "").split(";")[0].strip()
    eq(ctype, "application/json", f"{what}: Content-Type")
    ref = responses[str(r.status)].get("$ref")
    at = (ref + "/content/application~1json/schema") if ref else \
        pointer("paths", path, method, "responses", r.status, "content", "application/json", "schema")
    errors = schema_errors(doc, at, r.json())
    ok(not errors, f"{what}: {errors[0].message if errors else ''} at {list(errors[0].absolute_path) if errors else ''}"
                   f" in {r.text[:400]}")
    for name, h in resp.get("headers", {}).items():
        value = r.header(name)
        if h.get("required"):
            ok(value is not None, f"{what}: header {name}")
        if value is not None:
            hs = h["schema"]
            v = int(value) if hs.get("type") == "integer" else value
            herr = list(Draft202012Validator(hs).iter_errors(v))
            ok(not herr, f"{what}: header {name}: {value!r}: {herr[0].message if herr else ''}")
    seen.add(r.status)
    return r.json()


def covered(seen, what):
    """Each operation's test shows at least one success and one error."""
    ok(any(200 <= c < 300 for c in seen) and any(400 <= c < 500 for c in seen), f"{what}: answers seen {sorted(seen)}")


def new_addr():
    n = next(_addr)
    return f"192.168.{n // 250 % 250}.{n % 250 + 1}"


# --- the description itself ---

def walk_schemas(node, found, at=()):
    """Every schema object in the description: components.schemas and each "schema" member."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "schema" or (at[-2:] == ("components", "schemas")):
                found.append((at + (k,), v))
            walk_schemas(v, found, at + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk_schemas(v, found, at + (i,))


def refs(node, out):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            out.append(node["$ref"])
        for v in node.values():
            refs(v, out)
    elif isinstance(node, list):
        for v in node:
            refs(v, out)


def test_the_description_is_well_formed(s):
    doc = spec()
    eq(doc["openapi"], "3.1.0", "OpenAPI 3.1")
    ok(doc["info"].get("title") and doc["info"].get("version"), "info: title and version")
    found = []
    refs(doc, found)
    for ref in found:
        ok(ref.startswith("#/"), f"{ref}: a reference inside the description")
        try:
            deref(doc, {"$ref": ref})
        except (KeyError, IndexError) as e:
            ok(False, f"{ref} does not resolve ({e})")
    schemas = []
    walk_schemas(doc, schemas)
    ok(len(schemas) > 30, f"schemas found: {len(schemas)}")
    for at, schema in schemas:
        Draft202012Validator.check_schema(schema)
    ids = []
    for path, item in doc["paths"].items():
        names = re.findall(r"{([^}]+)}", path)
        for method, op in item.items():
            ids.append(op["operationId"])
            declared = [p["name"] for p in op.get("parameters", []) if p["in"] == "path"]
            eq(sorted(declared), sorted(names), f"{method} {path}: the path's parameters are declared")
            for status, resp in op["responses"].items():
                resp = deref(doc, resp)
                eq(list(resp.get("content", {})), ["application/json"], f"{method} {path} {status}: JSON")
    eq(len(ids), len(set(ids)), "operationIds are unique")


def test_every_json_route_is_described(s):
    """The route table's R_JSON routes are the description's operations, one for one."""
    with open(os.path.join(TOP, "fcgi", "server", "routes.c"), encoding="utf-8") as f:
        table = f.read()
    routes = set()
    for pattern, flags in re.findall(r'\{"(api/[^"]*)", ([^,]+),', table):
        if "R_JSON" in flags:
            for method in ("get", "post"):
                if f"R_{method.upper()}" in flags:
                    routes.add((method, "/" + pattern[len("api/"):]))
    described = {(m, re.sub(r"{[^}]+}", "*", p)) for p, item in spec()["paths"].items() for m in item}
    eq(sorted(described), sorted(routes), "operations of the description and JSON routes of routes.c")


def test_the_description_is_served_for_each_site(s):
    doc, seen = spec(), set()
    for site in ("lincang", "shanwei"):
        served = check(s, doc, "/openapi.json", "get", s.get(f"/xxgk/{site}/api/openapi.json"), seen)
        servers = served.pop("servers")
        eq(len(servers), 1, "one server")
        ok(re.fullmatch(rf"http://[A-Za-z0-9.:-]+/xxgk/{site}/api", servers[0]["url"]),
           f"the server is the site's API: {servers}")
        eq(served, {k: v for k, v in doc.items() if k != "servers"}, f"{site}: the rest is cms-integration/openapi.json")
        # the request's host and port where [server] allowed_hosts names it; any other Host header
        # is not believed: the site's own domain
        r = s.get(f"/xxgk/{site}/api/openapi.json", headers={"Host": "localhost:8443"})
        eq(r.json()["servers"][0]["url"], f"http://localhost:8443/xxgk/{site}/api", "an allowed host, its port kept")
        domain = s.sql(f"SELECT domain FROM sites WHERE site_key = '{site}'")[0][0]
        r = s.get(f"/xxgk/{site}/api/openapi.json", headers={"Host": "www.example.gov.cn"})
        eq(r.json()["servers"][0]["url"], f"http://{domain}/xxgk/{site}/api", "a host not allowed: the site's domain")
    check(s, doc, "/openapi.json", "get", s.get("/xxgk/no-such-site/api/openapi.json"), seen)
    covered(seen, "openapi.json")


# --- each operation, answered for real ---

def test_list_notices(s):
    doc, seen = spec(), set()
    page = check(s, doc, "/notices", "get", s.get("/xxgk/lincang/api/notices?column=D04&limit=2"), seen)
    ok(len(page["notices"]) == 2 and page["next"], "a page of the demo's notices with a next page")
    nxt = page["next"][page["next"].index("/xxgk/"):]
    check(s, doc, "/notices", "get", s.get(nxt), seen)
    for site in ("yancheng", "qinghai", "zhejiang", "shanwei"):
        check(s, doc, "/notices", "get", s.get(f"/xxgk/{site}/api/notices?limit=100"), seen)
    for bad in ("limit=0", "limit=x", "before=2026", "column=D04%3Cx"):
        eq(check(s, doc, "/notices", "get", s.get(f"/xxgk/lincang/api/notices?{bad}"), seen)["field"] is not None,
           True, f"{bad}: the field named")
    check(s, doc, "/notices", "get", s.get("/xxgk/lincang/api/notices?column=Z99"), seen)
    check(s, doc, "/notices", "get", s.get("/xxgk/no-such-site/api/notices"), seen)
    eq(seen >= {200, 400, 404}, True, f"answers seen {sorted(seen)}")
    covered(seen, "notices")


def test_get_notice(s):
    doc, seen = spec(), set()
    for site in ("lincang", "yancheng", "qinghai", "zhejiang", "shanwei"):
        for n in s.get(f"/xxgk/{site}/api/notices?limit=5").json()["notices"]:
            check(s, doc, "/notices/{id}", "get", s.get(f"/xxgk/{site}/api/notices/{n['id']}"), seen)
    for bad in ("999999999", "abc", "0"):
        check(s, doc, "/notices/{id}", "get", s.get(f"/xxgk/lincang/api/notices/{bad}"), seen)
    covered(seen, "notices/{id}")


def notice_with_attachment(s):
    """A notice with an attachment and items, imported on a site of the module's own."""
    def make(s):
        site = new_site(s, "lincang", "openapi")
        d = os.path.join(s.var, "openapi-import")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "招标文件.pdf"), "wb") as f:
            f.write(PDF)
        n = {"external_id": "OA-1", "title": "医疗设备采购项目中标公告", "issuer": "临沧市财政局", "formed_on": "2026-03-02",
             "category": "D04.C05", "body": "第一段\n第二段",
             "items": {"D04.C05.I03": "临沧市华宇医疗器械有限公司，地址：临翔区南塘街1号", "D04.C05.I04": "人民币386.5万元"},
             "attachments": ["招标文件.pdf"]}
        path = os.path.join(d, "n.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"site": site, "notices": [n]}, f, ensure_ascii=False)
        s.ctl("import", path, "--publish-incomplete")
        return site
    return fixture(s, "openapi.site", make)


def test_get_notice_with_items_and_attachments(s):
    doc, seen = spec(), set()
    site = notice_with_attachment(s)
    nid = s.get(f"/xxgk/{site}/api/notices").json()["notices"][0]["id"]
    n = check(s, doc, "/notices/{id}", "get", s.get(f"/xxgk/{site}/api/notices/{nid}"), seen)
    ok(n["items"] and n["attachments"], "items and attachments validated")
    check(s, doc, "/notices/{id}", "get", s.get(f"/xxgk/{site}/api/notices/{nid + 100000}"), seen)
    covered(seen, "notices/{id} with items")


def test_ocds_export(s):
    doc, seen = spec(), set()
    releases = 0
    for site in ("lincang", "yancheng", "qinghai", "zhejiang", "shanwei"):
        p = check(s, doc, "/ocds.json", "get", s.get(f"/xxgk/{site}/api/ocds.json?limit=1000"), seen)
        releases += len(p["releases"])
    site = notice_with_attachment(s)
    p = check(s, doc, "/ocds.json", "get", s.get(f"/xxgk/{site}/api/ocds.json"), seen)
    ok(any("awards" in rel for rel in p["releases"]), "an award with its value and supplier")
    p = check(s, doc, "/ocds.json", "get", s.get("/xxgk/lincang/api/ocds.json?limit=1"), seen)
    ok("links" in p, "a next page")
    ok(releases > 10, f"releases validated: {releases}")
    for bad in ("from=2026-02-30", "from=2026-03-01&to=2026-01-01", "limit=1001", "after=x"):
        check(s, doc, "/ocds.json", "get", s.get(f"/xxgk/lincang/api/ocds.json?{bad}"), seen)
    covered(seen, "ocds.json")


def push_notice(ext, **kw):
    n = {"external_id": ext, "title": "推送测试公告", "issuer": "临沧市财政局", "formed_on": "2026-03-02",
         "category": "D04.C05", "body": "正文", "items": {"D04.C05.I04": "人民币386.5万元"}}
    n.update(kw)
    return n


def test_push(s):
    doc, seen = spec(), set()
    site = new_site(s, "lincang", "openapi-push")
    token = s.ctl("token", "add", "--site", site).stdout.strip()

    def push(body, tok=token, ctype="application/json", raw=None):
        h = {"Content-Type": ctype}
        if tok:
            h["Authorization"] = "Bearer " + tok
        data = raw if raw is not None else json.dumps(body, ensure_ascii=False).encode()
        return check(s, doc, "/push", "post", s.request("POST", f"/xxgk/{site}/api/push", body=data, headers=h), seen)

    eq(push(push_notice("P-1"))["created"], 1, "created")
    eq(push({"notices": [push_notice("P-1"), push_notice("P-2", status="draft")]})["created"], 1, "a batch")
    eq(push([push_notice("P-1")])["updated"], 1, "an update")
    eq(seen, {200, 201}, "201 and 200")
    eq(push(None, raw=b'{"title": ')["line"], 1, "not JSON: where")
    eq(push({"notices": [push_notice("P-3"), push_notice("P-4", category="Z99")]})["index"], 1, "the notice at fault")
    push(push_notice("P-5"), tok=None)
    push(push_notice("P-5"), tok="0" * 64)
    push(push_notice("P-5"), ctype="text/plain")
    push(None, raw=b"[" + b" " * (2 << 20) + b"]")
    eq(seen >= {400, 401, 413, 415}, True, f"answers seen {sorted(seen)}")
    covered(seen, "push")


def requests_site(s):
    return fixture(s, "openapi.requests", lambda s: new_site(s, "lincang", "openapi-req", users=("approver",)))


PERSON = {"applicant_type": "person", "name": "接口测试申请人", "id_type": "resident-id", "id_number": "11010519491231002X",
          "phone": "13800001234", "email": "applicant@example.com", "address": "云南省临沧市临翔区测试路1号",
          "postcode": "677000", "description": "2025年度某项目的招标文件", "form": "electronic", "delivery": "email"}


def multipart(fields, files):
    boundary = "xxgkopenapi" + os.urandom(6).hex()
    out = io.BytesIO()
    for k, v in fields:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    for name, filename, data in files:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                  f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def test_file_request(s):
    doc, seen = spec(), set()
    base = f"/xxgk/{requests_site(s)}/api/requests"

    def file(body, ctype="application/json", headers=None):
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        return check(s, doc, "/requests", "post",
                     s.request("POST", base, body=data, headers={"Content-Type": ctype, **(headers or {})}), seen)

    file(PERSON)
    file(dict(PERSON, email=None, doc_number=None, delivery="post"))
    file(*multipart(PERSON.items(), [("attachments", "身份证明.pdf", PDF)]))
    eq(seen, {201}, "filed")
    eq(file(dict(PERSON, phone=""))["field"], "phone", "a required field")
    eq(file(dict(PERSON, nom="x"))["field"], "nom", "an unknown field")
    file(b"{", ctype="application/json")
    file(b"hello", ctype="text/plain")
    file(*multipart(PERSON.items(), [("attachments", "a.exe", b"MZ\x90\x00" * 10)]))
    file(*multipart(PERSON.items(), [("attachments", f"{i}.pdf", PDF) for i in range(7)]))
    a = new_addr()
    for _ in range(FILE_LIMIT + 1):
        file(PERSON, headers={"X-Forwarded-For": a})
    eq(seen >= {400, 413, 415, 429}, True, f"answers seen {sorted(seen)}")
    covered(seen, "requests")


def answered_request(s):
    """A request registered by staff, accepted and answered with a PDF: events and a document."""
    def make(s):
        st = Staff(s, requests_site(s), "approver")
        r = st.post("requests/new", dict(PERSON, channel="registered-post", received_on="2025-09-01"))
        eq(r.status, 200, f"registered: {r.text[:300]}")
        rid = re.search(r'/admin/requests/(\d+)"', r.text).group(1)
        tracking = re.search(r"受理编号 <strong>([^<]+)</strong>", r.text).group(1)
        code = re.search(r'class="query-code">([^<]+)<', r.text).group(1)
        eq(st.post(f"requests/{rid}", {"action": "accept", "on": "2025-09-02"}).status, 303, "accepted")
        body, ctype = multipart([("action", "answer"), ("on", "2025-09-05"), ("outcome", "disclosed:"),
                                 ("csrf", st.csrf())], [("files", "答复.pdf", PDF)])
        r = s.request("POST", f"/xxgk/{requests_site(s)}/admin/requests/{rid}", body=body,
                      headers={**st.headers(), "Content-Type": ctype})
        eq(r.status, 303, f"answered: {r.text[:300]}")
        return tracking, code
    return fixture(s, "openapi.answered", make)


def test_get_request(s):
    doc, seen = spec(), set()
    base = f"/xxgk/{requests_site(s)}/api/requests"
    tracking, code = answered_request(s)
    v = check(s, doc, "/requests/{tracking_no}", "get", s.get(f"{base}/{tracking}?query_code={code}"), seen)
    ok(v["events"] and v["documents"] and v["outcome"] == "disclosed", f"events, a document, the outcome: {v}")
    receipt = json.loads(s.request("POST", base, body=json.dumps(PERSON, ensure_ascii=False).encode(),
                                   headers={"Content-Type": "application/json"}).body)
    check(s, doc, "/requests/{tracking_no}", "get",
          s.get(f"{base}/{receipt['tracking_no']}?query_code={receipt['query_code'].lower().replace('-', '+')}"), seen)
    check(s, doc, "/requests/{tracking_no}", "get", s.get(f"{base}/{tracking}?query_code=2345-2345-2345"), seen)
    check(s, doc, "/requests/{tracking_no}", "get", s.get(f"{base}/NO-SUCH-1?query_code={code}"), seen)
    check(s, doc, "/requests/{tracking_no}", "get", s.get(f"{base}/{tracking}"), seen)
    a = new_addr()
    for _ in range(QUERY_LIMIT + 1):
        r = s.get(f"{base}/{tracking}?query_code={code}", headers={"X-Forwarded-For": a})
    check(s, doc, "/requests/{tracking_no}", "get", r, seen)
    eq(seen, {200, 404, 429}, "answers seen")
    covered(seen, "requests/{tracking_no}")
