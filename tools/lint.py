#!/usr/bin/env python3
"""Build-time checks of the project's rules (run by `make lint`, part of `make test`):
- SQL only through db_query/db_exec/db_exec_array/db_value with a string-literal statement: no SQL is ever built
  from data, and no plain mysql_query outside db.c's fixed transaction statements;
- no SQL keywords inside printf-style formatting;
- output only through render.c (no FCGX_Put*/printf to the client elsewhere);
- no disable-output-escaping in stylesheets;
- no unbounded C calls (atoi, sprintf, strcpy, strcat, gets, system)."""
import pathlib, re, sys

top = pathlib.Path(__file__).resolve().parent.parent
problems = []

def report(path, lineno, msg):
    problems.append(f"{path.relative_to(top)}:{lineno}: {msg}")

sql_words = re.compile(r'"\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b', re.I)
fmt_call = re.compile(r'\b(s?n?printf|pool_printf|buf_printf|vsnprintf|asprintf)\s*\(')
bad_calls = re.compile(r'\b(atoi|atol|atoll|sprintf|vsprintf|strcpy|strcat|gets|system)\s*\(')
db_call = re.compile(r'\b(db_query|db_exec_array|db_exec|db_value)\s*\(')

for path in sorted((top / "fcgi").glob("**/*.[ch]")):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for i, line in enumerate(lines, 1):
        code = line.split("//")[0]
        if bad_calls.search(code) and not code.strip().startswith("*"):
            report(path, i, "unbounded or unchecked call: " + bad_calls.search(code).group(1))
        if re.search(r'\bmysql_(real_)?query\s*\(', code) and path.name != "db.c":
            report(path, i, "mysql_query outside db.c: use db_query/db_exec with bound parameters")
        if fmt_call.search(code):
            # the format call and its continuation lines up to the closing ';'
            stmt = code
            j = i
            while ";" not in stmt and j < len(lines):
                stmt += lines[j]
                j += 1
            if sql_words.search(stmt):
                report(path, i, "SQL built with printf-style formatting")
        if re.search(r'\bFCGX_(PutS|PutStr|FPrintF|VFPrintF|PutChar)\b', code) and path.name != "xxgk_fcgi.c":
            report(path, i, "raw output outside xxgk_fcgi.c: answer through render.h")
    # every db_* call's SQL argument must be a string literal (concatenated literals and macros allowed)
    for m in db_call.finditer(text):
        if text[m.start() - 5:m.start()].strip().endswith("enum xerr") or path.name in ("db.c", "db.h"):
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
            lineno = text.count("\n", 0, m.start()) + 1
            report(path, lineno, f"{name}: the SQL must be a string literal, not {sql[:40]!r}")

for path in sorted((top / "xslt").glob("**/*.xsl")):
    for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if "disable-output-escaping" in line and "<!--" not in line:
            report(path, i, "disable-output-escaping is forbidden")

for p in problems:
    print(p)
print(f"lint: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
