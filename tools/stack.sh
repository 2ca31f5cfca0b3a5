#!/bin/sh
# Starts and stops the demo stack in a folder: a private MariaDB (no system service, no change to
# the machine's own MySQL), the xxgk FastCGI workers and nginx on 127.0.0.1:PORT, and Apache in
# front of the same workers on a port of its own when asked. Used by `make run` (folder var/) and
# by the tests (a temporary folder, free ports).
#   . tools/stack.sh; stack_db_start VARDIR; stack_config VARDIR; stack_web_start VARDIR PORT BINDIR;
#   stack_apache_start VARDIR PORT2; ...; stack_stop VARDIR
TOP=${XXGK_TOP:-$(cd "$(dirname "$0")/.." && pwd)}

stack_log() { echo "xxgk: $*" >&2; }

# The environment a private MariaDB runs with: what cms-integration/mariadb/xxgk-search.conf gives
# the webmaster's (GUIDE section 2), so that the demo, the tests and the bench search as it does.
stack_db_env() { sed -n 's/^Environment=//p' "$TOP/cms-integration/mariadb/xxgk-search.conf"; }

stack_db_start() {
	V=$1
	mkdir -p "$V/mysql"
	if [ ! -d "$V/mysql/data/mysql" ]; then
		stack_log "initialising a private MariaDB in $V/mysql/data"
		mariadb-install-db --no-defaults --datadir="$V/mysql/data" --user="$(id -un)" \
			--auth-root-authentication-method=socket --auth-root-socket-user="$(id -un)" \
			--skip-test-db >"$V/mysql/install.log" 2>&1 || { cat "$V/mysql/install.log" >&2; return 1; }
	fi
	# XXGK_DB_OPTS: more server options, after these (the bench sizes the buffer pool and the redo
	# log for its notices; the tests keep the small defaults).
	# Its own folder for temporary tables: /tmp is shared with whatever else runs on the machine.
	mkdir -p "$V/mysql/tmp"
	env $(stack_db_env) mariadbd --no-defaults --datadir="$V/mysql/data" --socket="$V/mysql/sock" --skip-networking \
		--user="$(id -un)" --pid-file="$V/mysql/pid" --log-error="$V/mysql/err.log" --tmpdir="$V/mysql/tmp" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--innodb-buffer-pool-size=512M --innodb-flush-log-at-trx-commit=2 \
		--max-connections=500 ${XXGK_DB_OPTS:-} >/dev/null 2>&1 &
	echo $! >"$V/mysql/mariadbd.pid"
	i=0
	until mariadb-admin --no-defaults -S "$V/mysql/sock" -u root ping >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -gt 300 ]; then stack_log "MariaDB did not start; see $V/mysql/err.log"; return 1; fi
		sleep 0.1
	done
	mariadb --no-defaults -S "$V/mysql/sock" -u root -e \
		"CREATE DATABASE IF NOT EXISTS xxgk CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" || return 1
	# Chinese full-text search (Mroonga) when the plugin is there, with its functions (the search
	# page asks Groonga for a page and its count in one pass through mroonga_command()).
	if [ -f /usr/share/mysql/mroonga/install.sql ]; then
		mariadb --no-defaults -S "$V/mysql/sock" -u root </usr/share/mysql/mroonga/install.sql >/dev/null 2>&1 || true
	else
		mariadb --no-defaults -S "$V/mysql/sock" -u root -e "INSTALL SONAME 'ha_mroonga'" >/dev/null 2>&1 || true
	fi
}

stack_config() {
	V=$1
	cat >"$V/xxgk.conf" <<CONF
# Written by tools/stack.sh for the demo in $V.
[database]
socket = $V/mysql/sock
user = root
name = xxgk

[server]
prefix = /xxgk
static_url = /xxgk-static
# Links in feeds and the API keep the port of http://127.0.0.1:PORT/ and http://localhost:PORT/.
allowed_hosts = 127.0.0.1 localhost
processes = ${XXGK_PROCESSES:-2}
${XXGK_THREADS:+threads = $XXGK_THREADS}
max_requests = ${XXGK_MAX_REQUESTS:-0}

[paths]
xslt = $TOP/xslt
sql = $TOP/sql

[log]
access = $V/access.log

[cache]
# Public pages stored as files for nginx to send itself (nginx/xxgk-location.conf).
copies_dir = $V/copies

[limits]
body_max = ${XXGK_BODY_MAX:-62914560}

[search]
# Each worker process's copy of the search tiers (search_memory.h); the test suite's stack runs
# without, so that its tests of the ladder count Groonga's selects (test_search_copy.py turns it on).
memory_mb = ${XXGK_SEARCH_MEMORY_MB:-1024}

[ysqgk]
min_fill_seconds = ${XXGK_YSQGK_MIN_FILL:-1}
file_limit = ${XXGK_YSQGK_FILE_LIMIT:-10}
query_limit = ${XXGK_YSQGK_QUERY_LIMIT:-60}
attachment_max = ${XXGK_YSQGK_ATTACHMENT_MAX:-10485760}
trusted_proxies = ${XXGK_YSQGK_TRUSTED_PROXIES:-}
exempt = ${XXGK_YSQGK_EXEMPT:-}

[auth]
sso_enabled = no

[keys]
# Made by xxgkctl keys init (tools/run.sh, the tests' harness) before the first migration.
file = $V/xxgk.key
cipher = ${XXGK_KEYS_CIPHER:-aes-256-gcm}

[mail]
mode = outbox
from = xxgk@localhost

[push]
# A failed push is tried again after 1, 2, 4 … s here (30 s by default), so the tests of the
# retries take seconds.
retry_base_seconds = ${XXGK_PUSH_RETRY_BASE:-1}

# The Lincang demo site wears its CMS's header and footer (nginx SSI, files in nginx/www/cms/).
[site.lincang]
header_include = /cms/lincang-header.html
footer_include = /cms/lincang-footer.html
CONF
	# It holds the database's account: root's and the service's only, as make install sets it.
	chmod 0600 "$V/xxgk.conf"
}

# The keys of the sites whose pages carry SSI includes (header_include or footer_include in
# CONF), separated by |, for xxgk-location.conf's @INCLUDE_SITES@; "(?!)" (matches nothing) for none.
stack_include_sites() {
	sites=$(awk '/^\[site\./ { site = substr($0, 7, length($0) - 7) }
		/^\[/ && !/^\[site\./ { site = "" }
		site != "" && /^(header|footer)_include *=/ { print site }' "$1" | sort -u | paste -sd '|')
	echo "${sites:-(?!)}"
}

stack_web_start() {
	V=$1 PORT=$2 BIN=$3
	"$BIN/xxgk.fcgi" -c "$V/xxgk.conf" --listen "$V/xxgk.sock" </dev/null >>"$V/xxgk.err" 2>&1 &
	echo $! >"$V/xxgk.pid"
	mkdir -p "$V/nginx/tmp" "$V/nginx/www/cms"
	cp "$TOP/cms-integration/embed/demo-cms-header.html" "$V/nginx/www/cms/lincang-header.html"
	cp "$TOP/cms-integration/embed/demo-cms-footer.html" "$V/nginx/www/cms/lincang-footer.html"
	sed -e "s|@VAR@|$V|g" -e "s|@SOCKET@|$V/xxgk.sock|g" -e "s|@PORT@|$PORT|g" \
		"$TOP/cms-integration/nginx/demo-nginx.conf.in" >"$V/nginx/nginx.conf"
	sed -e "s|unix:@SOCKET@|xxgk|" -e "s|@STATIC@|$TOP/xslt/static|g" -e "s|@COPIES@|$V/copies|g" -e "s|@COPY_HEADERS@|$TOP/cms-integration/nginx/xxgk-copy-headers.conf|g" \
		-e "s/@INCLUDE_SITES@/$(stack_include_sites "$V/xxgk.conf")/" \
		"$TOP/cms-integration/nginx/xxgk-location.conf" >"$V/nginx/xxgk-location.conf"
	i=0
	until [ -S "$V/xxgk.sock" ]; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then stack_log "xxgk.fcgi did not start; see $V/xxgk.err"; cat "$V/xxgk.err" >&2; return 1; fi
		sleep 0.1
	done
	nginx -p "$V/nginx" -c "$V/nginx/nginx.conf" -e "$V/nginx/error.log" -g "daemon off;" </dev/null >>"$V/nginx/error.log" 2>&1 &
	echo $! >"$V/nginx.pid"
	# Up once nginx passes the workers' answer on: 200, or their 503 on a database at another
	# schema than theirs (tests/integration/test_migrate.py); 502 and 504 are nginx's own.
	i=0
	until case $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/xxgk/") in 200 | 503) true ;; *) false ;; esac; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then stack_log "nginx did not start; see $V/nginx/error.log"; cat "$V/nginx/error.log" >&2; return 1; fi
		sleep 0.1
	done
}

# Apache (mpm_event, mod_proxy_fcgi, mod_include, mod_headers, mod_deflate) on 127.0.0.1:PORT in
# front of the workers that stack_web_start started in V, configured by the shipped
# cms-integration/apache/xxgk.conf with its placeholders filled in; the CMS pages are nginx's.
stack_apache_start() {
	V=$1 PORT=$2
	mkdir -p "$V/apache" "$V/nginx/www"
	sed -e "s|@SOCKET@|$V/xxgk.sock|g" -e "s|@STATIC@|$TOP/xslt/static|g" \
		-e "s/@INCLUDE_SITES@/$(stack_include_sites "$V/xxgk.conf")/" \
		"$TOP/cms-integration/apache/xxgk.conf" >"$V/apache/xxgk.conf"
	sed -e "s|@VAR@|$V|g" -e "s|@PORT@|$PORT|g" "$TOP/cms-integration/apache/demo-apache.conf.in" >"$V/apache/apache2.conf"
	apache2 -d "$V/apache" -f "$V/apache/apache2.conf" -DFOREGROUND </dev/null >>"$V/apache/error.log" 2>&1 &
	echo $! >"$V/apache.pid"
	i=0
	until curl -sf -o /dev/null "http://127.0.0.1:$PORT/xxgk/"; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then stack_log "Apache did not start; see $V/apache/error.log"; cat "$V/apache/error.log" >&2; return 1; fi
		sleep 0.1
	done
}

# A process that has not ended (a zombie that nobody reaps has).
stack_alive() {
	state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -n "$state" ] && [ "$state" != Z ]
}

stack_stop() {
	V=$1
	xxgk=$(cat "$V/xxgk.pid" 2>/dev/null)
	for f in apache nginx xxgk; do
		[ -f "$V/$f.pid" ] && kill "$(cat "$V/$f.pid")" 2>/dev/null
		rm -f "$V/$f.pid"
	done
	# The workers finish what they are answering and exit (the sanitizer build checks for leaks
	# then), and the master after them: before the database goes.
	i=0
	while [ -n "$xxgk" ] && stack_alive "$xxgk" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	if [ -f "$V/mysql/mariadbd.pid" ]; then
		pid=$(cat "$V/mysql/mariadbd.pid")
		kill "$pid" 2>/dev/null
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
		rm -f "$V/mysql/mariadbd.pid"
	fi
}
