#!/bin/sh
# Installs the test tools from npm: the browser-test driver (playwright-core, axe-core) and the Nu
# HTML Checker (vnu-jar, run with Debian's Java 17) under tests/browser/node_modules, and under
# tests/lunar/node_modules the lunar-calendar library that the calendar test checks xxgk's own
# table of lunar dates against. No package's install script runs (vnu-jar's would fetch a Java
# runtime from the network where none is installed; make test-deps installs Debian's first).
top="$(cd "$(dirname "$0")/.." && pwd)"

# install DIR PACKAGE...: npm ci in DIR unless every PACKAGE is there already.
install() {
	dir="$top/$1"
	shift
	[ -f "$dir/package.json" ] || return 0
	missing=""
	for p in "$@"; do
		[ -d "$dir/node_modules/$p" ] || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	(cd "$dir" && { npm ci --ignore-scripts --no-audit --no-fund --loglevel=error ||
		npm install --ignore-scripts --no-audit --no-fund --loglevel=error; })
}

install tests/browser playwright-core axe-core vnu-jar || exit 1
install tests/lunar lunar-javascript
