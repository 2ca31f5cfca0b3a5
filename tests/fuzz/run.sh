#!/bin/sh
# Runs each fuzz target (bin/fuzz/NAME) for FUZZ_SECONDS and prints a table: executions, their
# rate, the corpus and the crashes of each target, then "N passed, M failed" (a target passes
# with no crash). libFuzzer stops a target at its first crash, so a target has 0 or 1; the
# input that crashed is kept under build/fuzz-artifacts/NAME/ and named below the table.
#   FUZZ_SECONDS  seconds a target (default 60)
#   FUZZ_JOBS     targets run at once (default 1)
#   FUZZ_CORPUS   where each target keeps what it found (default build/fuzz-corpus; empty: a
#                 temporary folder, so that the run starts from tests/fuzz/seeds alone)
# Usage: tests/fuzz/run.sh [NAME...] (default: every target)
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP" || exit 1
SECONDS_EACH=${FUZZ_SECONDS:-60}
LOGS=build/fuzz-logs

# One target: its log and its row of the table (build/fuzz-logs/NAME.row).
run_one() {
	name=$1
	corpus_root=${FUZZ_CORPUS-build/fuzz-corpus}
	if [ -z "$corpus_root" ]; then
		tmp=$(mktemp -d)
		corpus=$tmp
	else
		tmp=""
		corpus=$corpus_root/$name
	fi
	mkdir -p "$corpus" "build/fuzz-artifacts/$name" "tests/fuzz/seeds/$name"
	dict=""
	[ -f "tests/fuzz/dict/$name.dict" ] && dict="-dict=tests/fuzz/dict/$name.dict"
	before=$(ls "build/fuzz-artifacts/$name" | wc -l)
	bin/fuzz/"$name" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="build/fuzz-artifacts/$name/" $dict "$corpus" "tests/fuzz/seeds/$name" \
		>"$LOGS/$name.log" 2>&1
	rc=$?
	after=$(ls "build/fuzz-artifacts/$name" | wc -l)
	crashes=$((after - before))
	[ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ] && crashes=1
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOGS/$name.log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$LOGS/$name.log" | tail -n 1)
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$LOGS/$name.log" | tail -n 1)
	units=$(ls "$corpus" | wc -l)
	printf '%-14s %8s %12s %9s %7s %7s %8s\n' "$name" "$SECONDS_EACH" "${execs:-?}" "${rate:-?}" "$units" \
		"${rss:-?}" "$crashes" >"$LOGS/$name.row"
	[ -n "$tmp" ] && rm -rf "$tmp"
	return 0
}

if [ "$1" = "--one" ]; then
	run_one "$2"
	exit 0
fi

targets="$*"
[ -n "$targets" ] || targets=$(ls tests/fuzz/fuzz_*.c | sed 's|tests/fuzz/fuzz_\(.*\)\.c|\1|')
mkdir -p "$LOGS"
for t in $targets; do
	rm -f "$LOGS/$t.row"
	[ -x "bin/fuzz/$t" ] || { echo "bin/fuzz/$t is not built (make fuzz builds it)"; exit 1; }
done
printf '%s\n' $targets | xargs -P "${FUZZ_JOBS:-1}" -I{} sh "$0" --one {}

printf '%-14s %8s %12s %9s %7s %7s %8s\n' target seconds execs execs/s corpus rss_mb crashes
pass=0
fail=0
for t in $targets; do
	if [ ! -f "$LOGS/$t.row" ]; then
		printf '%-14s did not run\n' "$t"
		fail=$((fail + 1))
		continue
	fi
	cat "$LOGS/$t.row"
	if [ "$(awk '{print $7}' "$LOGS/$t.row")" = 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
for t in $targets; do
	if [ -f "$LOGS/$t.row" ] && [ "$(awk '{print $7}' "$LOGS/$t.row")" != 0 ]; then
		echo "== $t crashed ($LOGS/$t.log):"
		grep -E "^==[0-9]+==ERROR|SUMMARY|Test unit written|^[a-z_]+\.c:[0-9]+" "$LOGS/$t.log" | head -n 8
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
