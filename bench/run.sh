#!/bin/sh
# `make bench`: loads BENCH_NOTICES notices (default 100,000) into a private stack in a temporary
# folder, then measures with wrk on loopback, in one run and with the same settings, the same
# list page and notice page served five ways: nginx static file (the limit), xxgk cached, xxgk
# uncached, PHP-FPM running the same SQL and stylesheets (bench/php/), and process-per-request
# CGI (xxgk.fcgi --cgi under fcgiwrap); then page 1 against pages 5,000 and 50,000 of the long
# column, search per class of term, and the workers' memory over 100,000 requests. The load is
# timed and held against LOAD DATA of the same rows (bench/load_limit.sh).
# Prints requests/s, p50 and p99 latency and the ratios against the targets; writes them to bench/out/.
# Everything it starts is stopped at the end, on failure and on Ctrl-C. See bench/README.md.
#
# Settings (environment): BENCH_NOTICES (100000), BENCH_DURATION (10 s a measurement; CGI at least 20),
# BENCH_WARMUP (2 s), BENCH_CONNECTIONS (64), BENCH_WRK_THREADS (2), BENCH_COLUMN (D04.C01),
# BENCH_ROUNDS (1; with more, every measurement is repeated and the medians reported),
# BENCH_PROFILE=1 (also record a perf profile of the xxgk workers), BENCH_KEEP=1 (keep the
# temporary folder), BENCH_HOLD=1 (keep the servers running after the report, until Ctrl-C),
# BENCH_RSS_REQUESTS (100000: requests between the two readings of the workers' memory).
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
export XXGK_TOP="$TOP"
. "$TOP/tools/stack.sh"

SITTING_T0=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
NOTICES=${BENCH_NOTICES:-100000}
DUR=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-2}
CONNS=${BENCH_CONNECTIONS:-64}
ROUNDS=${BENCH_ROUNDS:-1}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
RSS_REQUESTS=${BENCH_RSS_REQUESTS:-100000}
# The LIKE scans that search is compared with read every notice: three of each up to 200,000
# notices, one beyond (a million notices' scan takes tens of seconds).
LIKE_RUNS=3
[ "$NOTICES" -gt 200000 ] && LIKE_RUNS=1
COLUMN=${BENCH_COLUMN:-D04.C01}
SITE=lincang
# xxgk's own defaults unless set: 2 processes, a thread per CPU each (fcgi/xxgk_fcgi.c).
PROCS=${XXGK_PROCESSES:-2}
THREADS=${XXGK_THREADS:-$(nproc)}
[ "$THREADS" -gt 64 ] && THREADS=64 # xxgk's own limit
export XXGK_PROCESSES="$PROCS" XXGK_THREADS="$THREADS" XXGK_MAX_REQUESTS=0
WORKERS=$((PROCS * THREADS))
OUT="$TOP/bench/out"
CTL="$TOP/bin/xxgkctl"

log() { echo "bench: $*" >&2; }
die() {
	log "$*"
	exit 1
}

sh "$TOP/tools/deps.sh" php-fpm php-mysql php-xml fcgiwrap || die "cannot install php-fpm, php-mysql, php-xml, fcgiwrap"
PHP_FPM=$(ls /usr/sbin/php-fpm* 2>/dev/null | sort | tail -n 1)
[ -x "$PHP_FPM" ] || die "php-fpm not found in /usr/sbin"
for c in wrk nginx fcgiwrap mariadb curl python3 setsid; do
	command -v "$c" >/dev/null 2>&1 || die "$c is missing (make deps)"
done
[ -x "$TOP/bin/xxgk.fcgi" ] && [ -x "$CTL" ] || die "build first: make all"

# The private server sized for the notices (the test suite's stack keeps tools/stack.sh's 512 MB):
# a buffer pool for about 8 KB a notice, from 512 MB up to 8 GB, a redo log of half the pool and
# at least 1 GB, so that the load is not held up by checkpoints (an import writes about 6 KB of
# redo a notice: a million fill 1 GB six times over), and pages written out at an SSD's pace rather than the
# default's (200 a second, a spinning disk's), as cms-integration/IMPORT.md advises for a large
# archive. LOAD DATA, the limit, runs on the same server.
POOL_MB=$((NOTICES / 128))
[ "$POOL_MB" -lt 512 ] && POOL_MB=512
[ "$POOL_MB" -gt 8192 ] && POOL_MB=8192
LOG_MB=$((POOL_MB / 2))
[ "$LOG_MB" -lt 1024 ] && LOG_MB=1024
export XXGK_DB_OPTS="--innodb-buffer-pool-size=${POOL_MB}M --innodb-log-file-size=${LOG_MB}M --innodb-io-capacity=2000 --innodb-io-capacity-max=4000"
# The disk a run needs: about 7 KB of database a notice, the search index, the generated files
# (2 KB a notice, each deleted once imported) and the copies LOAD DATA writes and loads: 20 KB a
# notice is what a run at 100,000 took at its largest, with room to spare, and the redo log.
NEED_MB=$((NOTICES / 50 + 500 + LOG_MB))
FREE_MB=$(df -Pm "${TMPDIR:-/tmp}" | awk 'NR == 2 { print $4 }')
[ "${FREE_MB:-0}" -ge "$NEED_MB" ] || die "$NEED_MB MB of free disk needed in ${TMPDIR:-/tmp}, $FREE_MB MB there"
# LOAD DATA of every row up to 200,000 notices; beyond, of the first 100,000 (load_limit.sh).
LIMIT_SAMPLE=0
[ "$NOTICES" -gt 200000 ] && LIMIT_SAMPLE=100000

V=$(mktemp -d "${TMPDIR:-/tmp}/xxgk-bench-XXXXXX") || die "no temporary folder"
chmod 755 "$V" # nginx workers (nobody when run as root) reach the sockets through it
mkdir -p "$V/nginx/tmp" "$V/www/static" "$V/php" "$V/cgi" "$V/wrk" "$OUT"
# The processes started here, each as its own process group (setsid), so that stopping one
# stops its children too (fcgiwrap's and php-fpm's workers, xxgk's worker processes).
PIDS="$V/started.pids"
: >"$PIDS"
start() { # start NAME COMMAND...: in the background, in its own session; its pid is recorded
	name=$1
	shift
	setsid "$@" </dev/null >>"$V/$name.log" 2>&1 &
	echo "$!" >>"$PIDS"
	echo "$!" >"$V/$name.pid"
}
cleanup() {
	trap - EXIT INT TERM
	if [ -s "$PIDS" ]; then
		for pid in $(cat "$PIDS"); do kill -TERM "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null; done
		i=0
		for pid in $(cat "$PIDS"); do
			while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
				sleep 0.1
				i=$((i + 1))
			done
			kill -KILL "-$pid" 2>/dev/null
		done
		: >"$PIDS"
	fi
	stack_stop "$V" 2>/dev/null
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		log "kept $V"
	else
		rm -rf "$V"
	fi
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

ports=$(python3 -c '
import socket
ss = [socket.socket() for _ in range(4)]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))')
set -- $ports
P_XXGK=$1 P_NOCACHE=$2 P_CGI=$3 P_PHP=$4

# 1. The database, the schema, the demo sites, then the notices of the long column.
log "private stack in $V"
stack_db_start "$V" || die "MariaDB did not start"
cp "$V/mysql/mariadbd.pid" "$V/mariadb.pid"
stack_config "$V"
# xxgk's own pages are measured: without the CMS header and footer that the demo's Lincang pulls
# in through SSI (nginx's work, the same in front of every variant, and not in the PHP copy).
sed -i -e '/^header_include *=/d' -e '/^footer_include *=/d' "$V/xxgk.conf"
"$CTL" -c "$V/xxgk.conf" keys init >/dev/null || die "keys init failed"
"$CTL" -c "$V/xxgk.conf" migrate >/dev/null || die "migrate failed"
"$CTL" -c "$V/xxgk.conf" demo-data >/dev/null || die "demo-data failed"
SQL() { mariadb --no-defaults -S "$V/mysql/sock" -u root -N -B xxgk -e "$1"; }
log "generating $NOTICES notices in $COLUMN of $SITE"
t0=$(date +%s%N)
python3 "$TOP/bench/gen_notices.py" --catalog "$TOP/xslt/catalogs/$SITE.xml" --category "$COLUMN" --site "$SITE" \
	--count "$NOTICES" --chunk 10000 --out "$V/gen" >"$V/gen.list" || die "generating notices failed"
GEN_MS=$((($(date +%s%N) - t0) / 1000000))
# Through xxgkctl import, as a webmaster would an archive split in files (one command, one
# connection): the same checks and the same bulk writer as the push API's large batches
# (notice_batch.c), timed from start to end.
t0=$(date +%s%N)
"$CTL" -c "$V/xxgk.conf" import $(cat "$V/gen.list") >/dev/null || die "import failed"
LOAD_MS=$((($(date +%s%N) - t0) / 1000000))
rm -rf "$V/gen"
SITE_ID=$(SQL "SELECT id FROM sites WHERE site_key = '$SITE'")
ROWS=$(SQL "SELECT COUNT(*) FROM notice_columns WHERE site_id = $SITE_ID AND column_code = '$COLUMN'")
[ "$ROWS" -ge "$NOTICES" ] || die "only $ROWS rows in $COLUMN after loading $NOTICES notices"
log "loaded $NOTICES notices in $LOAD_MS ms through xxgkctl import ($ROWS rows in $COLUMN)"
# The limit: LOAD DATA of the very rows the import wrote, into empty copies of the same tables.
t0=$(date +%s%N)
LIMIT=$(sh "$TOP/bench/load_limit.sh" "$V/mysql/sock" "$SITE_ID" "$V/load-limit" "$LIMIT_SAMPLE" 2>"$V/load-limit.log") ||
	die "LOAD DATA failed: $(cat "$V/load-limit.log")"
LIMIT_WALL_MS=$((($(date +%s%N) - t0) / 1000000))
LIMIT_S=${LIMIT% *}
LIMIT_N=${LIMIT#* }
sed 's/^/bench: /' "$V/load-limit.log" >&2
log "LOAD DATA of the same rows ($LIMIT_N notices'): $LIMIT_S s"
SQL "ANALYZE TABLE notices, notice_columns" >/dev/null

# The pages: the long column's first page, one of its notices, and its pages 5,000 and 50,000 (or
# the deepest it has), found with one query on notice_columns each: the cursor is the last row of
# the page before (20 a page).
PAGES=$((ROWS / 20)) # full pages
DEEP=5000 DEEPER=50000
[ "$DEEP" -gt "$PAGES" ] && DEEP=$PAGES
[ "$DEEPER" -gt "$PAGES" ] && DEEPER=$PAGES
[ "$DEEPER" = "$DEEP" ] && DEEPER=""
row_at() { # row_at OFFSET WHAT: a row of the column in list order
	SQL "SELECT $2 FROM notice_columns WHERE site_id = $SITE_ID AND column_code = '$COLUMN'
	ORDER BY published_at DESC, notice_id DESC LIMIT 1 OFFSET $1"
}
NOTICE_ID=$(row_at $((ROWS / 2)) notice_id)
# Rows the list query reads (MariaDB's handler counters) on page 1 and on the deep pages: the
# keyset makes them the same, whatever the depth.
handler_reads() { # handler_reads WHERE-CONDITION
	SQL "FLUSH STATUS;
	SELECT s.id, s.site_key, s.name, s.variant, s.org_code, s.index_format, s.domain, s.look,
	COALESCE(g.generation, 1), nc.notice_id, nc.title, DATE_FORMAT(nc.published_at, '%Y-%m-%d'), nc.published_at
	FROM sites s LEFT JOIN site_generation g ON g.site_id = s.id JOIN notice_columns nc ON nc.site_id = s.id
	WHERE s.site_key = '$SITE' AND nc.column_code = '$COLUMN' $1
	ORDER BY nc.published_at DESC, nc.notice_id DESC LIMIT 21;
	SHOW SESSION STATUS LIKE 'Handler_read%';" | awk '$1 ~ /^Handler_read/ { n += $2 } END { print n + 0 }'
}
LIST_PATH="/xxgk/$SITE/c/$COLUMN"
NOTICE_PATH="/xxgk/$SITE/n/$NOTICE_ID"
READS_1=$(handler_reads "")
deep_page() { # deep_page N: sets DEEP_PATH, DEEP_FIRST (the page's first notice) and DEEP_READS
	cursor=$(row_at $((($1 - 1) * 20 - 1)) "CONCAT(DATE_FORMAT(published_at, '%Y%m%d%H%i%s'), '-', notice_id)")
	DEEP_FIRST=$(row_at $((($1 - 1) * 20)) notice_id)
	when=$(echo "$cursor" | sed -E 's/^(....)(..)(..)(..)(..)(..)-.*/\1-\2-\3 \4:\5:\6/')
	DEEP_READS=$(handler_reads "AND (nc.published_at < '$when' OR (nc.published_at = '$when' AND nc.notice_id < ${cursor#*-}))")
	DEEP_PATH="$LIST_PATH?before=$cursor"
}
deep_page "$DEEP"
DEEP_PATH_1=$DEEP_PATH DEEP_FIRST_1=$DEEP_FIRST READS_DEEP=$DEEP_READS
DEEP_PATH_2="" DEEP_FIRST_2="" READS_DEEPER=""
if [ -n "$DEEPER" ]; then
	deep_page "$DEEPER"
	DEEP_PATH_2=$DEEP_PATH DEEP_FIRST_2=$DEEP_FIRST READS_DEEPER=$DEEP_READS
fi
log "the list query reads $READS_1 rows for page 1, $READS_DEEP for page $DEEP${DEEPER:+, $READS_DEEPER for page $DEEPER}"

# Search (/xxgk/SITE/search): the import queued every notice for the Mroonga index; apply the
# queue (timed), then take the classes of query from the generated text: rare — one notice's
# telephone number (digits, whose bigrams are in every notice) and its project (county, place and
# goods: about one notice in 1,900); medium — a place name (one in 16); a word in every notice; and
# two terms (a place and a kind of goods: about one in 240). Each is counted through the index, as
# the search page does, and by the LIKE scan over titles, items and bodies one would write without
# it; the counts must agree and the times are compared.
# The index is built in bulk, as after any large import: `search reindex` loads every published
# notice into a new table without its full-text indexes, builds them in one pass and swaps it in
# (searches read the old table meanwhile); `search sync` then applies what was logged since (here
# nothing: its time is the cost of finding that out).
t0=$(date +%s%N)
"$CTL" -c "$V/xxgk.conf" search reindex >"$V/reindex.log" || die "search reindex failed"
INDEX_MS=$((($(date +%s%N) - t0) / 1000000))
t0=$(date +%s%N)
"$CTL" -c "$V/xxgk.conf" search sync >/dev/null || die "search sync failed"
SYNC_MS=$((($(date +%s%N) - t0) / 1000000))
INDEXED=$(SQL "SELECT COUNT(*) FROM search_docs")
log "indexed $INDEXED notices for search in $INDEX_MS ms ($(grep 'indexes built' "$V/reindex.log" | sed 's/^ *//')), then search sync in $SYNC_MS ms"
SEARCH_PHONE=$(SQL "SELECT REGEXP_SUBSTR(value, '0883-[0-9]{7}') FROM notice_items
	WHERE notice_id = $NOTICE_ID AND value LIKE '%0883-%' LIMIT 1")
SEARCH_PROJECT=$(SQL "SELECT REGEXP_REPLACE(title, '^临沧市(.*?)采购项目.*\$', '\\\\1') FROM notices WHERE id = $NOTICE_ID")
[ -n "$SEARCH_PHONE" ] && [ -n "$SEARCH_PROJECT" ] || die "no telephone number or project in notice $NOTICE_ID to search for"
SEARCH_PLACE=体育中心
SEARCH_COMMON=采购
SEARCH_TWO="体育中心 监控设备"
SEARCH_KINDS="phone project place common two"
: >"$V/search.txt"
for kind in $SEARCH_KINDS; do
	eval "term=\$SEARCH_$(echo $kind | tr a-z A-Z)"
	groonga="" like=""
	# The items as they are stored, in the notice's row (their labels too, as the index has them;
	# none of these terms is escaped in JSON or is part of an item's code).
	for t in $term; do
		groonga="$groonga+\"$t\" "
		like="$like AND (n.title LIKE '%$t%' OR n.body LIKE '%$t%' OR n.items_json LIKE '%$t%')"
	done
	q_index="SET STATEMENT mroonga_boolean_mode_syntax_flags = 'DEFAULT,ALLOW_COLUMN', mroonga_match_escalation_threshold = -1
		FOR SELECT COUNT(*) FROM search_docs WHERE MATCH(content) AGAINST('$groonga+site_id:$SITE_ID' IN BOOLEAN MODE)"
	q_like="SELECT COUNT(*) FROM notices n WHERE n.site_id = $SITE_ID AND n.status = 'published' $like"
	# The search page's own pass: one Groonga select for the first page and the count together.
	q_select=$(python3 "$TOP/bench/search_sql.py" "$term" "$SITE_ID")
	likes="$q_like;"
	[ "$LIKE_RUNS" = 3 ] && likes="$q_like; $q_like; $q_like;"
	# One session, each query three times (LIKE: LIKE_RUNS); MariaDB's own profile gives each one's duration.
	SQL "SET profiling = 1, profiling_history_size = 15; $q_index; $q_index; $q_index; $likes
		$q_select; $q_select; $q_select; SHOW PROFILES" >"$V/search-$kind.out" || die "search queries for '$term' failed"
	n_index=$(sed -n 1p "$V/search-$kind.out")
	n_like=$(sed -n 4p "$V/search-$kind.out")
	[ "$n_index" = "$n_like" ] || die "search for '$term': the index counts $n_index notices, LIKE $n_like"
	awk -F'\t' -v kind="$kind" -v term="$(echo "$term" | tr ' ' '+')" -v n="$n_index" '
		NF >= 3 && $3 ~ /AGAINST/ { a[++i] = $2 * 1000 }
		NF >= 3 && $3 ~ /LIKE/ { l[++j] = $2 * 1000 }
		NF >= 3 && $3 ~ /mroonga_command/ { g[++k] = $2 * 1000 }
		function med(d, n) { if (n < 3) return d[1]; return d[1] + d[2] + d[3] - (d[1] < d[2] ? (d[1] < d[3] ? d[1] : d[3]) : (d[2] < d[3] ? d[2] : d[3])) - (d[1] > d[2] ? (d[1] > d[3] ? d[1] : d[3]) : (d[2] > d[3] ? d[2] : d[3])) }
		END { printf "%s %s %s %.3f %.3f %.3f\n", kind, term, n, med(a, i), med(l, j), med(g, k) }' \
		"$V/search-$kind.out" >>"$V/search.txt"
done
search_url() { python3 -c 'import sys, urllib.parse; print(sys.argv[1] + "?q=" + urllib.parse.quote(sys.argv[2]))' "$1" "$2"; }
SEARCH_PATH="/xxgk/$SITE/search"

# 2. The servers. xxgk twice: with its page cache, and with [cache] enabled = no.
cp "$V/xxgk.conf" "$V/xxgk-nocache.conf"
printf '\n[cache]\nenabled = no\n' >>"$V/xxgk-nocache.conf"
start xxgk "$TOP/bin/xxgk.fcgi" -c "$V/xxgk.conf" --listen "$V/xxgk.sock"
start xxgk-nocache "$TOP/bin/xxgk.fcgi" -c "$V/xxgk-nocache.conf" --listen "$V/xxgk-nocache.sock"
# CGI: fcgiwrap forks and executes the program for every request (it cannot pass arguments,
# hence the one-line wrapper; its exec costs well under a millisecond).
printf '#!/bin/sh\nexec "%s" -c "%s" --cgi\n' "$TOP/bin/xxgk.fcgi" "$V/xxgk-nocache.conf" >"$V/cgi/xxgk.cgi"
chmod 755 "$V/cgi/xxgk.cgi"
(umask 000 && start fcgiwrap fcgiwrap -c "$WORKERS" -s "unix:$V/cgi.sock")
# PHP-FPM from this folder: its own configuration and socket, as many workers as xxgk threads.
RUN_AS=""
[ "$(id -u)" = 0 ] && RUN_AS="user = root
group = root"
cat >"$V/php/php-fpm.conf" <<CONF
[global]
pid = $V/php/php-fpm.pid
error_log = $V/php/error.log
daemonize = no
[bench]
$RUN_AS
listen = $V/php/php.sock
listen.mode = 0666
pm = static
pm.max_children = $WORKERS
pm.max_requests = 0
catch_workers_output = yes
php_admin_value[error_log] = $V/php/error.log
php_admin_flag[display_errors] = off
php_admin_value[opcache.enable] = 1
php_admin_value[opcache.validate_timestamps] = 0
CONF
if [ "$(id -u)" = 0 ]; then start php-fpm "$PHP_FPM" -F -R -y "$V/php/php-fpm.conf"; else start php-fpm "$PHP_FPM" -F -y "$V/php/php-fpm.conf"; fi

# One nginx for all, the same settings everywhere; xxgk behind the shipped location block.
for s in xxgk xxgk-nocache; do
	# The uncached xxgk stores no copies ([cache] enabled = no): its nginx finds none.
	copies=$V/copies
	[ $s = xxgk-nocache ] && copies=$V/no-copies
	sed -e "s|@SOCKET@|$V/$s.sock|" -e "s|@STATIC@|$TOP/xslt/static|g" -e "s|@COPIES@|$copies|g" \
		-e "s|@COPY_HEADERS@|$TOP/cms-integration/nginx/xxgk-copy-headers.conf|g" \
		-e "s|include fastcgi_params;|include /etc/nginx/fastcgi_params;|" \
		-e "s/@INCLUDE_SITES@/$(stack_include_sites "$V/xxgk.conf")/" \
		"$TOP/cms-integration/nginx/xxgk-location.conf" >"$V/nginx/$s-location.conf"
done
HEADERS="add_header X-Content-Type-Options nosniff; add_header Referrer-Policy same-origin;
        add_header X-Frame-Options SAMEORIGIN;
        add_header Content-Security-Policy \"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'self'; form-action 'self'\";"
cat >"$V/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $V/nginx/nginx.pid;
error_log $V/nginx/error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $V/nginx/tmp/body;
    proxy_temp_path $V/nginx/tmp/proxy;
    fastcgi_temp_path $V/nginx/tmp/fastcgi;
    uwsgi_temp_path $V/nginx/tmp/uwsgi;
    scgi_temp_path $V/nginx/tmp/scgi;
    sendfile on;
    keepalive_timeout 30;
    # xxgk with its page cache, and the static copies of its pages (the limit)
    server {
        listen 127.0.0.1:$P_XXGK;
        root $V/www;
        location /static/ { $HEADERS }
        include $V/nginx/xxgk-location.conf;
    }
    # xxgk without the page cache
    server {
        listen 127.0.0.1:$P_NOCACHE;
        include $V/nginx/xxgk-nocache-location.conf;
    }
    # the same program as CGI: a process per request
    server {
        listen 127.0.0.1:$P_CGI;
        location ^~ /xxgk/ {
            fastcgi_pass unix:$V/cgi.sock;
            include /etc/nginx/fastcgi_params;
            fastcgi_param DOCUMENT_URI \$uri;
            fastcgi_param SCRIPT_FILENAME $V/cgi/xxgk.cgi;
            fastcgi_read_timeout 60s;
        }
    }
    # the same pages in PHP
    server {
        listen 127.0.0.1:$P_PHP;
        location ~ ^/xxgk/([a-z0-9_-]+)/c/([^/]+)\$ {
            fastcgi_pass unix:$V/php/php.sock;
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME $TOP/bench/php/list.php;
            fastcgi_param XXGK_SITE \$1;
            fastcgi_param XXGK_CODE \$2;
            fastcgi_param XXGK_DB_SOCKET $V/mysql/sock;
            fastcgi_param XXGK_XSLT $TOP/xslt;
        }
        location ~ ^/xxgk/([a-z0-9_-]+)/n/([^/]+)\$ {
            fastcgi_pass unix:$V/php/php.sock;
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME $TOP/bench/php/notice.php;
            fastcgi_param XXGK_SITE \$1;
            fastcgi_param XXGK_ID \$2;
            fastcgi_param XXGK_DB_SOCKET $V/mysql/sock;
            fastcgi_param XXGK_XSLT $TOP/xslt;
        }
    }
}
CONF
i=0
until [ -S "$V/xxgk.sock" ] && [ -S "$V/xxgk-nocache.sock" ] && [ -S "$V/cgi.sock" ] && [ -S "$V/php/php.sock" ]; do
	i=$((i + 1))
	[ $i -gt 100 ] && die "a server did not start; see $V/*.log and $V/php/error.log"
	sleep 0.1
done
start nginx nginx -p "$V/nginx" -c "$V/nginx/nginx.conf" -e "$V/nginx/error.log" -g "daemon off;"
i=0
until curl -sf -o /dev/null "http://127.0.0.1:$P_NOCACHE$LIST_PATH"; do
	i=$((i + 1))
	[ $i -gt 100 ] && die "nginx did not start; see $V/nginx/error.log"
	sleep 0.1
done

# 3. The same bytes everywhere, checked before anything is measured.
fetch() { # fetch URL FILE: the body into FILE, the headers into FILE.h; fails unless 200
	code=$(curl -s -o "$2" -D "$2.h" -w '%{http_code}' "$1")
	[ "$code" = 200 ] || die "$1 answered $code (body in $2)"
}
for page in list notice; do
	if [ $page = list ]; then P=$LIST_PATH; else P=$NOTICE_PATH; fi
	fetch "http://127.0.0.1:$P_NOCACHE$P" "$V/www/static/$page.html"
	grep -qi '^x-cache' "$V/www/static/$page.html.h" && die "the uncached xxgk answered with X-Cache"
	# The first answer stores the page; nginx sends the stored copy from then on.
	fetch "http://127.0.0.1:$P_XXGK$P" "$V/wrk/cached-$page.html"
	fetch "http://127.0.0.1:$P_XXGK$P" "$V/wrk/cached-$page.html"
	grep -qi '^x-cache: file' "$V/wrk/cached-$page.html.h" || die "nginx did not send xxgk's stored copy of $P"
	# With a query string the workers answer, from their own cache: each worker process has one,
	# so ask until one answers from it.
	i=0
	until [ $i -gt 0 ] && grep -qi '^x-cache: hit' "$V/wrk/worker-$page.html.h"; do
		i=$((i + 1))
		[ $i -gt 20 ] && die "the cached xxgk did not answer from its cache"
		fetch "http://127.0.0.1:$P_XXGK$P?via=worker" "$V/wrk/worker-$page.html"
	done
	fetch "http://127.0.0.1:$P_XXGK/static/$page.html" "$V/wrk/static-$page.html"
	fetch "http://127.0.0.1:$P_CGI$P" "$V/wrk/cgi-$page.html"
	fetch "http://127.0.0.1:$P_PHP$P" "$V/wrk/php-$page.html"
	for v in cached worker static cgi php; do
		cmp -s "$V/www/static/$page.html" "$V/wrk/$v-$page.html" ||
			die "$v $page page differs from xxgk's: diff $V/www/static/$page.html $V/wrk/$v-$page.html (BENCH_KEEP=1 keeps them)"
	done
done
check_deep() { # check_deep PAGE PATH FIRST-ID
	fetch "http://127.0.0.1:$P_NOCACHE$2" "$V/wrk/deep.html"
	grep -q "href=\"/xxgk/$SITE/n/$3\"" "$V/wrk/deep.html" || die "page $1 does not start with notice $3"
	[ "$(grep -o "href=\"/xxgk/$SITE/n/" "$V/wrk/deep.html" | wc -l)" = 20 ] || die "page $1 does not list 20 notices"
}
check_deep "$DEEP" "$DEEP_PATH_1" "$DEEP_FIRST_1"
[ -n "$DEEPER" ] && check_deep "$DEEPER" "$DEEP_PATH_2" "$DEEP_FIRST_2"
for term in "$SEARCH_TWO" "$SEARCH_PROJECT" "$SEARCH_PHONE"; do
	fetch "http://127.0.0.1:$P_NOCACHE$(search_url "$SEARCH_PATH" "$term")" "$V/wrk/search.html"
	grep -Eq "找到约? <strong>" "$V/wrk/search.html" || die "searching for $term finds nothing" # a count, or an estimate
done
grep -q "href=\"/xxgk/$SITE/n/$NOTICE_ID\"" "$V/wrk/search.html" || die "searching for $SEARCH_PHONE does not find notice $NOTICE_ID"
log "the six ways answer the same bytes ($(wc -c <"$V/www/static/list.html") and $(wc -c <"$V/www/static/notice.html") bytes)"

# 4. The measurements: the same wrk settings for all.
RESULTS="$V/results.txt"
: >"$RESULTS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
ticks() { # ticks NAME...: CPU ticks used so far by the started processes NAME, their threads and
	# their children, living and reaped (fcgiwrap's children count the CGI processes they waited for)
	t=0
	for name in "$@"; do
		p=$(cat "$V/$name.pid")
		for q in $p $(pgrep -P "$p"); do
			# fields after the command name, which ends with ")": utime stime cutime cstime are 14-17
			n=$(sed 's/^.*) //' "/proc/$q/stat" 2>/dev/null | awk '{ print $12 + $13 + $14 + $15 }')
			t=$((t + ${n:-0}))
		done
	done
	echo "$t"
}
HZ=$(getconf CLK_TCK)
measure() { # measure NAME URL [LEAST-SECONDS]: for BENCH_DURATION seconds, or the least given
	secs=$DUR
	[ -n "${3:-}" ] && [ "$3" -gt "$secs" ] && secs=$3
	wrk -t"$WRK_THREADS" -c"$CONNS" -d"${WARMUP}s" --timeout 30s "$2" >/dev/null 2>&1
	n0=$(ticks nginx) a0=$(ticks xxgk xxgk-nocache fcgiwrap php-fpm) d0=$(ticks mariadb)
	wrk -t"$WRK_THREADS" -c"$CONNS" -d"${secs}s" --timeout 30s --latency "$2" >"$V/wrk/$1.txt" 2>&1 ||
		die "wrk failed on $2: $(cat "$V/wrk/$1.txt")"
	n1=$(ticks nginx) a1=$(ticks xxgk xxgk-nocache fcgiwrap php-fpm) d1=$(ticks mariadb)
	{ echo "== $1"; cat "$V/wrk/$1.txt"; } >>"$V/wrk.all"
	awk -v name="$1" -v hz="$HZ" -v ng=$((n1 - n0)) -v app=$((a1 - a0)) -v db=$((d1 - d0)) '
		function toms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; return v * 1000 }
		function us(t) { return n > 0 ? t * 1000000 / hz / n : 0 }
		$1 == "Latency" && avg == "" { avg = toms($2) }
		$1 == "50%" { p50 = toms($2) }
		$1 == "99%" { p99 = toms($2) }
		/requests in/ { n = $1 }
		/Non-2xx/ { err += $NF }
		/Socket errors/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
		$1 == "Requests/sec:" { rps = $2 }
		END { printf "%s %s %.3f %.3f %d %d %.1f %.1f %.1f %.3f\n", name, rps, p99, avg, err, n, us(ng), us(app), us(db), p50 }' \
		"$V/wrk/$1.txt" >>"$RESULTS"
	tail -n 1 "$RESULTS" | awk '{ printf "bench: %-16s %9.0f req/s  p99 %8.2f ms  CPU/request: nginx %4.0f us, app %5.0f us, MariaDB %4.0f us%s\n", $1, $2, $3, $7, $8, $9, ($5 > 0 ? "  ERRORS " $5 : "") }' >&2
}
# The workers' memory before and after RSS_REQUESTS requests of every kind (list pages at every
# depth, notice pages, searches), uncached so that every request renders: a worker that kept
# anything of a request would grow. Workers never retire here (XXGK_MAX_REQUESTS=0).
worker_rss() { # the resident memory of xxgk-nocache's worker processes, in kB, one per line
	for q in $(pgrep -P "$(cat "$V/xxgk-nocache.pid")"); do awk '/^VmRSS/ { print $2 }' "/proc/$q/status"; done | sort -n | tr '\n' ' '
}
{
	echo 'paths = {'
	for pth in "$LIST_PATH" "$NOTICE_PATH" "$DEEP_PATH_1" ${DEEPER:+"$DEEP_PATH_2"} \
		"$(search_url "$SEARCH_PATH" "$SEARCH_PROJECT")" "$(search_url "$SEARCH_PATH" "$SEARCH_TWO")"; do
		printf '  "%s",\n' "$pth"
	done
	for id in $(SQL "SELECT notice_id FROM notice_columns WHERE site_id = $SITE_ID AND column_code = '$COLUMN' ORDER BY notice_id LIMIT 50"); do
		printf '  "/xxgk/%s/n/%s",\n' "$SITE" "$id"
	done
	echo '}'
	echo 'i = 0'
	echo 'request = function() i = i + 1; return wrk.format("GET", paths[i % #paths + 1]) end'
} >"$V/rotate.lua"
# Each worker process's copy of the site's search tiers (README "The workers' copy of the tiers")
# is made on the process's first search of the site, by a thread of its own: the memory it takes
# is counted apart, so that the two readings compare workers that hold it already. Made once two
# seconds of searches at 16 connections in turn (which reach every process) have no answer but the
# copies'.
COPY_URL="http://127.0.0.1:$P_NOCACHE$(search_url "$SEARCH_PATH" "$SEARCH_PROJECT")"
cat >"$V/copies.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) groonga = 0 end
function response(status, headers, body) if headers["X-Search-Copy"] ~= "yes" then groonga = groonga + 1 end end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("groonga") end
  io.write("groonga " .. n .. "\n")
end
LUA
RSS_START=$(worker_rss)
t0=$(date +%s%N)
answered=1 quiet=0
while [ "$quiet" -lt 2 ] && [ $((($(date +%s%N) - t0) / 1000000000)) -lt 600 ]; do
	answered=$(wrk -t2 -c16 -d1s -s "$V/copies.lua" "$COPY_URL" 2>/dev/null | awk '/^groonga / { print $2 }')
	[ -n "$answered" ] || die "wrk failed on $COPY_URL"
	if [ "$answered" = 0 ]; then quiet=$((quiet + 1)); else quiet=0; sleep 0.5; fi
done
COPY_MS=$((($(date +%s%N) - t0) / 1000000))
[ "$answered" = 0 ] || log "the workers' copies of the search tiers were not all made within 600 s"
log "the workers' copies of the search tiers: ready in $COPY_MS ms; memory (kB) $RSS_START before them"
RSS_BEFORE=$(worker_rss)
served=0
while [ "$served" -lt "$RSS_REQUESTS" ]; do
	wrk -t"$WRK_THREADS" -c"$CONNS" -d5s --timeout 30s -s "$V/rotate.lua" "http://127.0.0.1:$P_NOCACHE" >"$V/wrk/rss.txt" 2>&1 ||
		die "wrk failed: $(cat "$V/wrk/rss.txt")"
	n=$(awk '/requests in/ { print $1 }' "$V/wrk/rss.txt")
	grep -q 'Non-2xx' "$V/wrk/rss.txt" && die "errors while serving $RSS_REQUESTS requests: $(cat "$V/wrk/rss.txt")"
	served=$((served + ${n:-0}))
done
RSS_AFTER=$(worker_rss)
log "xxgk workers' memory (kB): $RSS_BEFORE before, $RSS_AFTER after $served requests"

log "measuring: wrk -t$WRK_THREADS -c$CONNS -d${DUR}s --latency (after ${WARMUP} s of warm-up) for each"
round=1
while [ "$round" -le "$ROUNDS" ]; do
	[ "$ROUNDS" -gt 1 ] && log "round $round of $ROUNDS"
	for page in list notice; do
		if [ $page = list ]; then P=$LIST_PATH; else P=$NOTICE_PATH; fi
		measure "static_$page" "http://127.0.0.1:$P_XXGK/static/$page.html"
		measure "cached_$page" "http://127.0.0.1:$P_XXGK$P"
		measure "worker_$page" "http://127.0.0.1:$P_XXGK$P?via=worker"
		measure "uncached_$page" "http://127.0.0.1:$P_NOCACHE$P"
		measure "php_$page" "http://127.0.0.1:$P_PHP$P"
		# A process per request answers 64 connections in seconds (10 on a loaded machine): a
		# shorter run counts none.
		measure "cgi_$page" "http://127.0.0.1:$P_CGI$P" 20
	done
	# Page 1 against the deep pages: a ratio of two runs moves with whatever else the machine does
	# (0.81x and 1.68x in two runs of the same code), so three of each, interleaved, medians.
	for _ in 1 2 3; do
		measure depth_page1 "http://127.0.0.1:$P_NOCACHE$LIST_PATH"
		measure depth_deep "http://127.0.0.1:$P_NOCACHE$DEEP_PATH_1"
		[ -n "$DEEPER" ] && measure depth_deeper "http://127.0.0.1:$P_NOCACHE$DEEP_PATH_2"
	done
	round=$((round + 1))
done
# Search as issue 25 states its goals: per class of query, several distinct queries of each, p50
# and p99 with one connection, and the rate at CONNS connections against the uncached column page's
# measured just before and after (bench/search_classes.py).
log "search classes: one connection, then $CONNS, against the uncached column page"
python3 "$TOP/bench/search_classes.py" --url "http://127.0.0.1:$P_NOCACHE" --socket "$V/mysql/sock" --site "$SITE" \
	--column "$COLUMN" --duration "$DUR" --connections "$CONNS" --out "$V/search-classes.txt" \
	--pids "$(cat "$V/xxgk-nocache.pid")" "$(cat "$V/mariadb.pid")" "$(cat "$V/nginx.pid")" >&2 ||
	die "measuring the search classes failed"

if [ "${BENCH_PROFILE:-0}" = 1 ] && command -v perf >/dev/null 2>&1; then
	# Where an uncached list page's time goes in the xxgk workers (software clock: works where
	# the machine has no hardware counters).
	wpids=$(pgrep -d, -P "$(cat "$V/xxgk-nocache.pid")")
	log "profiling xxgk workers $wpids for ${DUR} s"
	wrk -t"$WRK_THREADS" -c"$CONNS" -d"$((DUR + 2))s" "http://127.0.0.1:$P_NOCACHE$LIST_PATH" >/dev/null 2>&1 &
	wrkpid=$!
	sleep 1
	perf record -e cpu-clock -F 999 -o "$V/perf.data" -p "$wpids" -- sleep "$DUR" >/dev/null 2>&1
	wait "$wrkpid"
	{
		echo "# perf, software clock, xxgk workers (no cache) under wrk on $LIST_PATH, $(date '+%Y-%m-%d %H:%M')"
		perf report -i "$V/perf.data" --no-children --sort dso,symbol --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -n 40
	} >"$OUT/profile-uncached-list.txt"
	log "profile in bench/out/profile-uncached-list.txt"
fi

# 5. The report.
STAMP=$(date +%Y%m%d-%H%M%S)
cat >"$V/facts.txt" <<FACTS
date=$(date '+%Y-%m-%d %H:%M:%S %z')
notices=$NOTICES
column=$COLUMN
site=$SITE
rows=$ROWS
cpus=$(nproc)
load=$LOAD_BEFORE
wrk=-t$WRK_THREADS -c$CONNS -d${DUR}s --latency
warmup=$WARMUP
connections=$CONNS
xxgk=$PROCS processes x $THREADS threads
php=$(basename "$PHP_FPM"), pm static, $WORKERS workers, opcache on, persistent mysqli
cgi=fcgiwrap, $WORKERS workers, xxgk.fcgi --cgi
list_url=$LIST_PATH
notice_url=$NOTICE_PATH
deep_page=$DEEP
deep_url=$DEEP_PATH_1
deeper_page=$DEEPER
deeper_url=$DEEP_PATH_2
reads_deeper=$READS_DEEPER
load_ms=$LOAD_MS
limit_seconds=$LIMIT_S
limit_notices=$LIMIT_N
limit_sample=$LIMIT_SAMPLE
gen_ms=$GEN_MS
limit_wall_ms=$LIMIT_WALL_MS
sync_ms=$SYNC_MS
db_opts=$XXGK_DB_OPTS
db_env=$(stack_db_env | tr '\n' ' ')
load_start=$LOAD_START
sitting_s=$(($(date +%s) - SITTING_T0))
rss_start=$RSS_START
copy_ms=$COPY_MS
rss_before=$RSS_BEFORE
rss_after=$RSS_AFTER
rss_requests=$served
rounds=$ROUNDS
reads_1=$READS_1
reads_deep=$READS_DEEP
search_index_ms=$INDEX_MS
search_indexed=$INDEXED
search_file=$V/search.txt
search_classes_file=$V/search-classes.txt
FACTS
python3 "$TOP/bench/report.py" "$RESULTS" "$V/facts.txt" >"$V/report.txt"
rc=$?
sh "$TOP/bench/cluster_line.sh" >>"$V/report.txt" || log "the cluster's line failed (bench/cluster_line.sh)"
{
	cat "$V/report.txt"
	echo
	echo "raw: bench/out/bench-$STAMP.raw"
} >"$OUT/bench-$STAMP.txt"
{
	cat "$V/facts.txt"
	cat "$RESULTS"
	cat "$V/wrk.all"
} >"$OUT/bench-$STAMP.raw"
cp "$OUT/bench-$STAMP.txt" "$OUT/latest.txt"
echo
cat "$V/report.txt"
echo
log "written to bench/out/bench-$STAMP.txt (and bench/out/latest.txt)"
if [ "${BENCH_HOLD:-0}" = 1 ]; then
	# For a closer look: the servers stay up until Ctrl-C.
	log "holding (Ctrl-C stops everything): cached http://127.0.0.1:$P_XXGK  uncached http://127.0.0.1:$P_NOCACHE" \
		" CGI http://127.0.0.1:$P_CGI  PHP http://127.0.0.1:$P_PHP  static http://127.0.0.1:$P_XXGK/static/  folder $V"
	while :; do sleep 1; done
fi
exit $rc
