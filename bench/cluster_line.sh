#!/bin/sh
# make bench's cluster line (bench/README.md): the uncached column page (rendered on every
# request, [cache] enabled = no) through two web hosts on a three-node Galera cluster
# (tools/cluster.sh) against one web host on one server (tools/stack.sh), the same notices in
# both, measured one after the other with the same wrk settings; the two hosts take half of the
# connections each, and their pages a second are added. On one machine both set-ups share the
# same CPUs (2 here): the line measures what the cluster costs a page, not how it scales.
# Prints the line on standard output; everything it starts is stopped at the end.
# Settings: BENCH_CLUSTER_NOTICES (2000), BENCH_DURATION (10), BENCH_WARMUP (2),
# BENCH_CONNECTIONS (64), BENCH_WRK_THREADS (2), BENCH_COLUMN (D04.C01).
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
export XXGK_TOP="$TOP"
. "$TOP/tools/cluster.sh"

NOTICES=${BENCH_CLUSTER_NOTICES:-2000}
DUR=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-2}
CONNS=${BENCH_CONNECTIONS:-64}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
COLUMN=${BENCH_COLUMN:-D04.C01}
SITE=lincang
PATH_LIST="/xxgk/$SITE/c/$COLUMN"
export XXGK_PROCESSES=${XXGK_PROCESSES:-2} XXGK_THREADS=${XXGK_THREADS:-$(nproc)} XXGK_MAX_REQUESTS=0
log() { echo "bench cluster: $*" >&2; }

W=$(mktemp -d "${TMPDIR:-/tmp}/xxgk-bench-cluster-XXXXXX") || exit 1
chmod 755 "$W"
BASE=$(python3 -c '
import os, socket
low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])  # below the ephemeral ports
for base in range(10000 + int.from_bytes(os.urandom(2), "big") % max(low - 15100, 1), low - 50, 50):
    try:
        ss = [socket.socket() for _ in range(14)]
        for s, off in zip(ss, [1, 2, 3, 11, 12, 13, 21, 22, 23, 31, 32, 33, 41, 42]):
            s.bind(("127.0.0.1", base + off))
        print(base)
        break
    except OSError:
        pass
    finally:
        for s in ss:
            s.close()')
ONE_PORT=$((BASE + 45))
done_all() {
	trap - EXIT INT TERM
	stack_stop "$W/one"
	cluster_stop "$W/cluster"
	rm -rf "$W"
}
trap done_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The same notices into both: generated once, imported through each one's xxgkctl.
python3 "$TOP/bench/gen_notices.py" --catalog "$TOP/xslt/catalogs/$SITE.xml" --category "$COLUMN" --site "$SITE" \
	--count "$NOTICES" --chunk "$NOTICES" --out "$W/gen" >"$W/gen.list" || exit 1
load() { # load CONFIG
	for f in $(cat "$W/gen.list"); do "$TOP/bin/xxgkctl" -c "$1" import "$f" >/dev/null || return 1; done
}
uncached() { # uncached CONFIG: every page rendered on every request (no cache, no copies)
	sed -i -e 's/^copies_dir = .*/enabled = no/' -e '/^poll_ms = /d' "$1"
}

log "one host on one server, $NOTICES notices in $COLUMN"
mkdir -p "$W/one"
stack_db_start "$W/one" >/dev/null 2>&1 || { log "MariaDB did not start"; exit 1; }
stack_config "$W/one"
"$TOP/bin/xxgkctl" -c "$W/one/xxgk.conf" migrate >/dev/null && "$TOP/bin/xxgkctl" -c "$W/one/xxgk.conf" demo-data >/dev/null &&
	load "$W/one/xxgk.conf" || { log "loading the server failed"; exit 1; }
uncached "$W/one/xxgk.conf"
stack_web_start "$W/one" "$ONE_PORT" "$TOP/bin" || exit 1

log "two hosts on three Galera nodes (ports from $BASE)"
cluster_start "$W/cluster" "$BASE" "$TOP/bin" >/dev/null 2>"$W/cluster.log" || { cat "$W/cluster.log" >&2; exit 1; }
load "$W/cluster/hostA/xxgk.conf" || { log "loading the cluster failed"; exit 1; }
for x in A B; do
	stack_stop "$W/cluster/host$x"
	uncached "$W/cluster/host$x/xxgk.conf"
done
stack_web_start "$W/cluster/hostA" $((BASE + 41)) "$TOP/bin" && stack_web_start "$W/cluster/hostB" $((BASE + 42)) "$TOP/bin" ||
	exit 1

# One wrk a host, at once; then: pages a second added, the larger p99, non-2xx added.
wrk_at() { # wrk_at OUT CONNECTIONS PORT...
	out=$1 c=$2
	shift 2
	for port in "$@"; do wrk -t"$WRK_THREADS" -c"$c" -d"${WARMUP}s" "http://127.0.0.1:$port$PATH_LIST" >/dev/null 2>&1 & done
	wait
	for port in "$@"; do
		wrk -t"$WRK_THREADS" -c"$c" -d"${DUR}s" --timeout 30s --latency "http://127.0.0.1:$port$PATH_LIST" >"$W/$out-$port.txt" 2>&1 &
	done
	wait
	cat "$W/$out"-*.txt | awk '
		function toms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
		$1 == "Requests/sec:" { rps += $2 }
		$1 == "99%" { p = toms($2); if (p > p99) p99 = p }
		/Non-2xx/ { err += $NF }
		END { printf "%.0f %.2f %d\n", rps, p99, err }'
}
set -- $(wrk_at one "$CONNS" "$ONE_PORT")
ONE_RPS=$1 ONE_P99=$2 ONE_ERR=$3
set -- $(wrk_at two $((CONNS / 2)) $((BASE + 41)) $((BASE + 42)))
TWO_RPS=$1 TWO_P99=$2 TWO_ERR=$3
echo "$TWO_RPS $ONE_RPS" | awk -v tp="$TWO_P99" -v op="$ONE_P99" -v te="$TWO_ERR" -v oe="$ONE_ERR" -v n="$NOTICES" '{
	printf "  Cluster (uncached list page, %s notices, the same CPUs): two web hosts on three Galera nodes %s pages/s, " \
	       "p99 %s ms; one host on one server %s pages/s, p99 %s ms: %.2fx%s\n",
	       n, $1, tp, $2, op, ($2 > 0 ? $1 / $2 : 0), (te + oe > 0 ? "  ERRORS " te + oe : "") }'
