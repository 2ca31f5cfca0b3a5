#!/usr/bin/env python3
"""Prints the SQL of the search page's Groonga pass over every notice for a term and a site id
(bench/run.sh times it): the command of fcgi/notices/search.c search_groonga_select() for the
`content` index, newest first, no filter, with its three facets, as a quoted SQL string."""
import sys

term, site_id = sys.argv[1], int(sys.argv[2])


def quoted(s):
    """In double quotes, '"' and '\\' escaped: a Groonga phrase, and a Groonga command value."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


facets = "".join(f" --drilldowns[{label}].keys {key} --drilldowns[{label}].output_columns _key,_nsubrecs"
                 f" --drilldowns[{label}].sort_keys -_nsubrecs,_key --drilldowns[{label}].limit 30"
                 for label, key in (("domain", "domain_code"), ("issuer", "issuer"), ("year", "year")))
cmd = (f"select --table search_docs --match_columns content --query {quoted(quoted(term))} "
       f"--filter {quoted(f'site_id == {site_id}')} --sort_keys -published_at,-_key --output_columns _key "
       f"--offset 0 --limit 20{facets} --match_escalation_threshold -1 --cache no")
sql_literal = "'" + cmd.replace("\\", "\\\\").replace("'", "\\'") + "'"
print(f"SELECT LENGTH(mroonga_command({sql_literal}))")
