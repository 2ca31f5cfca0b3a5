#!/bin/sh
# The whole suite: build-time lint, unit tests (ASan+UBSan), integration tests over real HTTP
# against real MariaDB, nginx and Apache, browser tests in headless Chromium, then the cluster
# suite on three Galera nodes and two web hosts. Ends with one line: "N passed, N failed".
#   T=SUBSTRING   the unit tests and only the integration modules whose name contains it (no
#                 fuzzing, no cluster)
#   ORDER=reverse, or ORDER=shuffle [SEED=N]: the integration modules in another order
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 1
# Beijing time for the tests as for xxgk (clock_beijing in fcgi/core/text.h): "today" and the
# database's NOW() agree with the workers' at any hour, on a machine kept in UTC too.
export TZ=CST-8
total_pass=0
total_fail=0
out=$(mktemp)
run_suite() {
	name=$1
	shift
	echo "== $name"
	"$@" 2>&1 | tee "$out"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $name: the suite did not finish"
		total_fail=$((total_fail + 1))
		return
	fi
	p=$(echo "$line" | cut -d' ' -f1)
	f=$(echo "$line" | cut -d' ' -f3)
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}
run_suite unit env ASAN_OPTIONS=detect_leaks=1 bin/san/unit
# A short run of every fuzz target from its seeds (tests/fuzz/run.sh prints the table).
fuzz() {
	FUZZ_SECONDS=${FUZZ_SECONDS:-2} FUZZ_JOBS=${FUZZ_JOBS:-2} FUZZ_CORPUS= sh tests/fuzz/run.sh
}
[ -n "$T" ] || run_suite fuzz fuzz
run_suite integration python3 tests/integration/run.py $T
[ -n "$T" ] || run_suite cluster python3 tests/cluster/run.py
rm -f "$out"
echo "== total"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
