#!/usr/bin/env python3
"""Build-time checks of the project's rules (run by `make lint`, part of `make test`):
- SQL only through db_query/db_exec/db_exec_array/db_value with a string-literal statement: no SQL is ever built
  from data, and no plain mysql_query outside db.c and db_tx.c's fixed statements;
- no SQL keywords inside printf-style formatting;
- JSON only through the writer of core/exchange.h: no JSON object written by hand in a string
  literal (printf formats, buf_puts pieces);
- output only through render.c (no FCGX_Put*/printf to the client elsewhere);
- no disable-output-escaping in stylesheets;
- no unbounded C calls (atoi, sprintf, strcpy, strcat, gets, system);
- the layers of fcgi/: a folder includes only its own and the ones below it (LAYERS).
`lint.py --self-test` first shows that each check finds a planted example (and passes the
look-alikes that are allowed), so that a check that stopped working fails the build."""
import pathlib, re, sys

top = pathlib.Path(__file__).resolve().parent.parent

sql_words = re.compile(r'"\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b', re.I)
fmt_call = re.compile(r'\b(s?n?printf|pool_printf|buf_printf|vsnprintf|asprintf)\s*\(')
bad_calls = re.compile(r'\b(atoi|atol|atoll|sprintf|vsprintf|strcpy|strcat|gets|system)\s*\(')
db_call = re.compile(r'\b(db_query|db_exec_array|db_exec|db_value)\s*\(')
# A JSON member written by hand: an escaped-quoted key (or a %s standing for one) and a colon
# directly followed by a value, inside a C string literal: "{\"login\":\"%s\"}", ",\"%s\":".
# Messages that show a JSON shape to a person write a space after the colon and are not matched.
json_member = re.compile(r'\\"[A-Za-z_%][A-Za-z0-9_%]*\\":(?=[^ ])')
# The JSON writer itself.
JSON_WRITERS = {"fcgi/core/exchange.c"}


# What each folder of fcgi/ may include besides itself. The domains sit on core and cache; the
# disclosure requests may make notices (Art. 44), never the other way. The surfaces see the
# domains and the handler declarations of server/handlers.h, which the route table binds; the
# programs (server, ctl) see all but each other's surfaces.
DOMAIN = {"core", "cache"}
LAYERS = {
    "core": set(),
    "cache": {"core"},
    "notices": DOMAIN,
    "ysqgk": DOMAIN | {"notices"},
    "public": DOMAIN | {"notices", "ysqgk", "server/handlers.h"},
    "api": DOMAIN | {"notices", "ysqgk", "server/handlers.h"},
    "admin": DOMAIN | {"notices", "ysqgk", "server/handlers.h"},
    "server": DOMAIN | {"notices", "ysqgk", "public", "api", "admin"},
    "ctl": DOMAIN | {"notices", "ysqgk"},
}
own_include = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/([A-Za-z0-9_.]+)"')


def check_layers(rel, text):
    """An include of a folder above the file's own, or beside it, as (line, message)."""
    parts = rel.split("/")
    if len(parts) != 3 or parts[0] != "fcgi" or parts[1] not in LAYERS:
        return []
    mine, allowed = parts[1], LAYERS[parts[1]]
    found = []
    for i, line in enumerate(text.split("\n"), 1):
        m = own_include.match(line)
        if m and m.group(1) != mine and m.group(1) not in allowed and f"{m.group(1)}/{m.group(2)}" not in allowed:
            found.append((i, f"layers: fcgi/{mine}/ may not include {m.group(1)}/{m.group(2)} (tools/lint.py LAYERS)"))
    return found


def statement_from(lines, i, code):
    """The call starting on line i and its continuation lines up to the closing ';'."""
    stmt, j = code, i
    while ";" not in stmt and j < len(lines):
        stmt += lines[j]
        j += 1
    return stmt


def check_sql_arguments(rel, text):
    """Every db_* call's SQL argument must be a string literal (concatenated literals and macros
    allowed)."""
    found = []
    for m in db_call.finditer(text):
        if text[m.start() - 5:m.start()].strip().endswith("enum xerr") or rel.endswith(("/db.c", "/db_tx.c", "/db.h")):
            continue
        depth, k, args, cur = 0, m.end(), [], ""
        while k < len(text):
            ch = text[k]
            if ch == '"':
                end = k + 1
                while text[end] != '"' or text[end - 1] == "\\":
                    end += 1
                cur += text[k:end + 1]
                k = end + 1
                continue
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                if depth == 0:
                    args.append(cur)
                    break
                depth -= 1
            elif ch == "," and depth == 0:
                args.append(cur)
                cur = ""
                k += 1
                continue
            cur += ch
            k += 1
        name = m.group(1)
        pos = {"db_query": 3, "db_exec": 1, "db_exec_array": 1, "db_value": 3}[name]
        if len(args) <= pos:
            continue
        sql = args[pos].strip()
        if not re.fullmatch(r'("([^"\\]|\\.)*"\s*|[A-Z_]+\s*)+', sql, re.S):
            found.append((text.count("\n", 0, m.start()) + 1, f"{name}: the SQL must be a string literal, not {sql[:40]!r}"))
    return found


def check_c(rel, text):
    """The problems of one C file as (line, message)."""
    found = []
    lines = text.split("\n")
    name = rel.rsplit("/", 1)[-1]
    for i, line in enumerate(lines, 1):
        code = line.split("//")[0]
        in_comment = code.strip().startswith(("*", "/*"))
        if bad_calls.search(code) and not code.strip().startswith("*"):
            found.append((i, "unbounded or unchecked call: " + bad_calls.search(code).group(1)))
        if re.search(r'\bmysql_(real_)?query\s*\(', code) and name not in ("db.c", "db_tx.c"):
            found.append((i, "mysql_query outside db.c and db_tx.c: use db_query/db_exec with bound parameters"))
        if fmt_call.search(code) and sql_words.search(statement_from(lines, i, code)):
            found.append((i, "SQL built with printf-style formatting"))
        if json_member.search(code) and not in_comment and rel not in JSON_WRITERS:
            found.append((i, "JSON written by hand: use the writer of core/exchange.h (jw_open, jw_str, ...)"))
        if re.search(r'\bFCGX_(PutS|PutStr|FPrintF|VFPrintF|PutChar)\b', code) and name != "serve.c":
            found.append((i, "raw output outside serve.c: answer through render.h"))
    return found + check_sql_arguments(rel, text) + check_layers(rel, text)


def check_xsl(rel, text):
    return [(i, "disable-output-escaping is forbidden")
            for i, line in enumerate(text.split("\n"), 1)
            if "disable-output-escaping" in line and "<!--" not in line]


# Planted examples: (file name, code, a word of the message expected, or None for none).
PLANTED = [
    ("fcgi/admin/x.c", 'a = pool_printf(p, "{\\"login\\":\\"%s\\"}", login);', "JSON"),
    ("fcgi/admin/x.c", 'buf_printf(&b, ",\\"%s\\":", key);', "JSON"),
    ("fcgi/api/x.c", 'buf_puts(&j, "{\\"error\\":");', "JSON"),
    ("fcgi/api/x.c", 'buf_printf(&b, "\\"size\\":%lld,", n);', "JSON"),
    ("fcgi/ctl/x.c", 'snprintf(err, n, "%s: expected {\\"year\\": YYYY, \\"days\\": [...]}", path);', None),
    ("fcgi/api/x.c", 'jw_str(&w, "login", login);', None),
    ("fcgi/core/exchange.c", 'buf_puts(w->b, "{\\"x\\":1}");', None),
    ("fcgi/core/x.c", 'n = atoi(s);', "unbounded"),
    ("fcgi/core/x.c", 'q = pool_printf(p, "SELECT * FROM t WHERE id = %lld", id);', "SQL"),
    ("fcgi/core/x.c", 'e = db_exec(db, sql, "i", id);', "string literal"),
    ("fcgi/core/x.c", 'e = db_exec(db, "DELETE FROM t WHERE id = ?", "i", id);', None),
    ("fcgi/core/x.c", 'FCGX_PutS("x", out);', "raw output"),
    ("fcgi/core/x.c", '#include "notices/catalog.h"', "layers"),
    ("fcgi/notices/x.c", '#include "ysqgk/ysqgk.h"', "layers"),
    ("fcgi/admin/x.c", '#include "server/serve.h"', "layers"),
    ("fcgi/admin/x.c", '#include "server/handlers.h"', None),
    ("fcgi/ysqgk/x.c", '#include "notices/notice_store.h"', None),
]


def self_test():
    failures = []
    for rel, code, expect in PLANTED:
        msgs = [m for _, m in check_c(rel, "void f(void)\n{\n\t" + code + "\n}\n")]
        caught = [m for m in msgs if expect and expect in m]
        if expect and not caught:
            failures.append(f"not caught ({expect}): {code}")
        if not expect and msgs:
            failures.append(f"caught wrongly ({msgs[0]}): {code}")
    if check_xsl("xslt/x.xsl", '<xsl:value-of select="." disable-output-escaping="yes"/>') == []:
        failures.append("not caught: disable-output-escaping")
    for f in failures:
        print("lint self-test:", f)
    print(f"lint self-test: {len(PLANTED) + 1 - len(failures)} of {len(PLANTED) + 1} planted examples judged right")
    return not failures


def main():
    if "--self-test" in sys.argv[1:] and not self_test():
        return 1
    problems = []
    for path in sorted((top / "fcgi").glob("**/*.[ch]")):
        rel = str(path.relative_to(top))
        for lineno, msg in check_c(rel, path.read_text(encoding="utf-8")):
            problems.append(f"{rel}:{lineno}: {msg}")
    for path in sorted((top / "xslt").glob("**/*.xsl")):
        rel = str(path.relative_to(top))
        problems += [f"{rel}:{i}: {m}" for i, m in check_xsl(rel, path.read_text(encoding="utf-8"))]
    for p in problems:
        print(p)
    print(f"lint: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
