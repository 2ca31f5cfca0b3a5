#!/bin/sh
# The limit an import is held against (bench/README.md): LOAD DATA of the very rows an import
# wrote for a site — its notices (their content items in their rows), column rows, audit entries
# and search log entries — into empty copies of the same tables (CREATE TABLE ... LIKE, with the same foreign
# keys), timed statement by statement, each loaded as mysqldump's output loads a dump: foreign key
# and unique checks off for the session (the rows come from tables that held them already). The
# import's own session skips the foreign key checks too (fcgi/notices/import.c), so both sides pay
# for the same work. The rows are written out first (not timed); the copies are dropped at the end.
# Prints "SECONDS NOTICES" and one line per table on stderr.
# With LIMIT_SPLIT=1, each table is then loaded twice more into a fresh copy, untimed in the total:
# with the checks on (as the limit was loaded before 2026-12-05), and with no key but its primary
# key and no foreign key: what the table's secondary keys and checks cost.
# With SAMPLE, only the site's first SAMPLE notices (by id) and their rows are loaded: at a million
# the full copy takes as long as the import, and the rate of a tenth of the rows into empty tables
# is the better of the two for the limit (the tables it fills are smaller).
# Usage: load_limit.sh SOCKET SITE_ID FOLDER [SAMPLE]
set -eu
SOCK=$1 SITE_ID=$2 DIR=$3 SAMPLE=${4:-0}
SQL() { mariadb --no-defaults -S "$SOCK" -u root -N -B xxgk -e "$1"; }
mkdir -p "$DIR"
chmod 777 "$DIR" # written by the server
rm -f "$DIR"/ld-*.tsv
LAST=18446744073709551615
if [ "$SAMPLE" -gt 0 ]; then
	LAST=$(SQL "SELECT COALESCE(MAX(id), 0) FROM (SELECT id FROM notices WHERE site_id = $SITE_ID ORDER BY id LIMIT $SAMPLE) t")
fi
SQL "DROP TABLE IF EXISTS ld_columns, ld_audit, ld_log, ld_notices;
SELECT n.* FROM notices n WHERE n.site_id = $SITE_ID AND n.id <= $LAST INTO OUTFILE '$DIR/ld-notices.tsv';
SELECT c.* FROM notice_columns c WHERE c.site_id = $SITE_ID AND c.notice_id <= $LAST INTO OUTFILE '$DIR/ld-columns.tsv';
SELECT a.* FROM audit_log a WHERE a.site_id = $SITE_ID AND a.subject = 'notice' AND a.actor = 'xxgkctl'
  AND a.subject_id <= $LAST INTO OUTFILE '$DIR/ld-audit.tsv';
SELECT l.* FROM search_log l WHERE l.site_id = $SITE_ID AND l.notice_id <= $LAST INTO OUTFILE '$DIR/ld-log.tsv';
CREATE TABLE ld_notices LIKE notices;
ALTER TABLE ld_notices ADD FOREIGN KEY (site_id) REFERENCES sites (id);
CREATE TABLE ld_columns LIKE notice_columns;
ALTER TABLE ld_columns ADD FOREIGN KEY (notice_id) REFERENCES ld_notices (id) ON DELETE CASCADE;
CREATE TABLE ld_audit LIKE audit_log;
CREATE TABLE ld_log LIKE search_log;"
# The import's pages are written out first (untimed), so that the loads start, as the import did,
# with an empty redo log: right after an import the log still holds most of what the import
# wrote, and LOAD DATA would wait for InnoDB to write those pages out to make room, a cost of the
# import's rather than its own (bench/README.md, 2026-12-05, the split).
flush_pages() { # at the disk's pace: the server's own pace (innodb_io_capacity) is for a live site
	was=$(SQL "SELECT CONCAT('innodb_max_dirty_pages_pct = ', @@innodb_max_dirty_pages_pct, ', innodb_io_capacity = ',
		@@innodb_io_capacity, ', innodb_io_capacity_max = ', @@innodb_io_capacity_max)")
	SQL "SET GLOBAL innodb_io_capacity_max = 20000, innodb_io_capacity = 20000, innodb_max_dirty_pages_pct = 0"
	i=0
	while [ "$(SQL "SELECT variable_value FROM information_schema.global_status
		WHERE variable_name = 'INNODB_BUFFER_POOL_PAGES_DIRTY'")" -gt 1000 ] && [ $i -lt 600 ]; do
		sleep 0.5
		i=$((i + 1))
	done
	SQL "SET GLOBAL $was"
}
flush_pages
total=0
for t in notices columns audit log; do
	t0=$(date +%s%N)
	# one transaction per table, as LOAD DATA runs by default
	SQL "SET foreign_key_checks = 0, unique_checks = 0; LOAD DATA INFILE '$DIR/ld-$t.tsv' INTO TABLE ld_$t"
	ms=$((($(date +%s%N) - t0) / 1000000))
	total=$((total + ms))
	echo "load_limit: ld_$t $(SQL "SELECT COUNT(*) FROM ld_$t") rows in $ms ms" >&2
done
n=$(SQL "SELECT COUNT(*) FROM ld_notices")
# The split: each table again, into an empty copy (the children's parent is ld_notices, loaded).
split_load() { # split_load TABLE SOURCE HOW PREAMBLE
	SQL "CREATE TABLE ls_$1 LIKE $2"
	case $3 in
	checks) case $1 in
		notices) SQL "ALTER TABLE ls_notices ADD FOREIGN KEY (site_id) REFERENCES sites (id)" ;;
		columns) SQL "ALTER TABLE ls_$1 ADD FOREIGN KEY (notice_id) REFERENCES ld_notices (id)" ;;
		esac ;;
	pk) for k in $(SQL "SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = DATABASE()
		AND table_name = 'ls_$1' AND index_name <> 'PRIMARY'"); do SQL "ALTER TABLE ls_$1 DROP INDEX \`$k\`"; done ;;
	esac
	t0=$(date +%s%N)
	SQL "$4 LOAD DATA INFILE '$DIR/ld-$1.tsv' INTO TABLE ls_$1"
	echo "load_limit: split ls_$1 $3 in $((($(date +%s%N) - t0) / 1000000)) ms" >&2
	SQL "DROP TABLE ls_$1"
	flush_pages
}
if [ "${LIMIT_SPLIT:-0}" = 1 ]; then
	flush_pages
	for t in notices:notices columns:notice_columns audit:audit_log log:search_log; do
		split_load "${t%%:*}" "${t#*:}" checks ""
		split_load "${t%%:*}" "${t#*:}" pk "SET foreign_key_checks = 0, unique_checks = 0;"
	done
fi
SQL "DROP TABLE ld_columns, ld_audit, ld_log, ld_notices"
rm -f "$DIR"/ld-*.tsv
echo "$total $n" | awk '{ printf "%.3f %d\n", $1 / 1000, $2 }'
