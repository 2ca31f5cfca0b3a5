#!/usr/bin/env python3
"""Prints the SQL of the search page's one Groonga pass for a query and a site id (bench/run.sh
times it): the command of fcgi/search.c search_groonga_select(), as a quoted SQL string. Terms
separated by spaces are each a phrase, side by side: all required."""
import sys

term, site_id = sys.argv[1], int(sys.argv[2])


def quoted(s):
    """In double quotes, '"' and '\\' escaped: a Groonga phrase, and a Groonga command value."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


query = " ".join(quoted(t) for t in term.split())
cmd = (f"select --table search_docs --match_columns content --query {quoted(query)} "
       f'--filter "site_id == {site_id}" --sort_keys -published_at,-notice_id --output_columns notice_id '
       "--limit 20 --match_escalation_threshold -1 --cache no")
sql_literal = "'" + cmd.replace("\\", "\\\\").replace("'", "\\'") + "'"
print(f"SELECT LENGTH(mroonga_command({sql_literal}))")
