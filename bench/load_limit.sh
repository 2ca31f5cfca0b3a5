#!/bin/sh
# The limit an import is held against (bench/README.md): LOAD DATA of the very rows an import
# wrote for a site — its notices, their content items, column rows, audit entries and search
# log entries — into empty copies of the same tables (CREATE TABLE ... LIKE, with the same foreign
# keys), timed statement by statement. The rows are written out first (not timed); the copies
# are dropped at the end. Prints "SECONDS NOTICES" and one line per table on stderr.
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
SQL "DROP TABLE IF EXISTS ld_items, ld_columns, ld_audit, ld_log, ld_notices;
SELECT n.* FROM notices n WHERE n.site_id = $SITE_ID AND n.id <= $LAST INTO OUTFILE '$DIR/ld-notices.tsv';
SELECT i.* FROM notice_items i JOIN notices n ON n.id = i.notice_id WHERE n.site_id = $SITE_ID AND n.id <= $LAST
  INTO OUTFILE '$DIR/ld-items.tsv';
SELECT c.* FROM notice_columns c WHERE c.site_id = $SITE_ID AND c.notice_id <= $LAST INTO OUTFILE '$DIR/ld-columns.tsv';
SELECT a.* FROM audit_log a WHERE a.site_id = $SITE_ID AND a.subject = 'notice' AND a.actor = 'xxgkctl'
  AND a.subject_id <= $LAST INTO OUTFILE '$DIR/ld-audit.tsv';
SELECT l.* FROM search_log l WHERE l.site_id = $SITE_ID AND l.notice_id <= $LAST INTO OUTFILE '$DIR/ld-log.tsv';
CREATE TABLE ld_notices LIKE notices;
ALTER TABLE ld_notices ADD FOREIGN KEY (site_id) REFERENCES sites (id);
CREATE TABLE ld_items LIKE notice_items;
ALTER TABLE ld_items ADD FOREIGN KEY (notice_id) REFERENCES ld_notices (id) ON DELETE CASCADE;
CREATE TABLE ld_columns LIKE notice_columns;
ALTER TABLE ld_columns ADD FOREIGN KEY (notice_id) REFERENCES ld_notices (id) ON DELETE CASCADE;
CREATE TABLE ld_audit LIKE audit_log;
CREATE TABLE ld_log LIKE search_log;"
total=0
for t in notices items columns audit log; do
	t0=$(date +%s%N)
	# one transaction per table, as LOAD DATA runs by default
	SQL "LOAD DATA INFILE '$DIR/ld-$t.tsv' INTO TABLE ld_$t"
	ms=$((($(date +%s%N) - t0) / 1000000))
	total=$((total + ms))
	echo "load_limit: ld_$t $(SQL "SELECT COUNT(*) FROM ld_$t") rows in $ms ms" >&2
done
n=$(SQL "SELECT COUNT(*) FROM ld_notices")
SQL "DROP TABLE ld_items, ld_columns, ld_audit, ld_log, ld_notices"
rm -f "$DIR"/ld-*.tsv
echo "$total $n" | awk '{ printf "%.3f %d\n", $1 / 1000, $2 }'
