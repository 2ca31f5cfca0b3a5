#!/bin/sh
# The rules of tools/lint.py, after its self-test shows that each rule still finds a planted example.
exec python3 "$(dirname "$0")/lint.py" --self-test "$@"
