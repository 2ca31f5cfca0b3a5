#!/bin/sh
# A local cluster for tests and demos (README "A cluster", GUIDE section 17): three MariaDB
# Galera nodes and two web hosts (nginx and xxgk's workers each), all on 127.0.0.1, in a folder
# of their own. Every node and host has its own folder and ports; nothing else on the machine is
# touched.
#
#   sh tools/cluster.sh run DIR [BASE]      start, and stop everything on Ctrl-C (make cluster)
#   sh tools/cluster.sh start DIR [BASE]    start (the first time: initialise, migrate, demo data)
#   sh tools/cluster.sh stop DIR            stop everything
#   sh tools/cluster.sh status DIR          each node's state and each host's address
#   sh tools/cluster.sh kill-node DIR N     kill -9 node N (1-3)
#   sh tools/cluster.sh start-node DIR N    start node N again; it rejoins (IST, or SST by
#                                           mariadb-backup when its data is gone or too old)
#
# Ports from BASE (default 18300): node N's MariaDB BASE+N, its Galera replication BASE+10+N, IST
# BASE+20+N, SST BASE+30+N; web host A BASE+41, web host B BASE+42. Host A tries the nodes in the
# order 1 2 3, host B 2 3 1. Folders: DIR/nodeN (my.cnf, data, err.log), DIR/hostA and
# DIR/hostB (xxgk.conf, copies, logs, nginx), DIR/cluster.env (the ports, for scripts).
. "${XXGK_TOP:-$(cd "$(dirname "$0")/.." && pwd)}/tools/stack.sh"

cluster_log() { echo "xxgk cluster: $*" >&2; }

# The node's configuration: a Galera node on loopback. State transfers (SST) by mariadb-backup,
# which runs as the server's user; short failure detection (a killed node is evicted in about
# 3 s instead of 5-15) so that the tests' failover window stays short.
cluster_node_conf() {
	D=$1 N=$2 B=$3
	ND="$D/node$N"
	mkdir -p "$ND/tmp"
	cat >"$ND/my.cnf" <<CNF
# Written by tools/cluster.sh: node $N of the local cluster in $D.
[mysqld]
datadir = $ND/data
socket = $ND/sock
port = $((B + N))
bind-address = 127.0.0.1
pid-file = $ND/pid
log-error = $ND/err.log
# Temporary tables in the node's own folder, not the machine's /tmp.
tmpdir = $ND/tmp
user = $(id -un)
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
innodb-buffer-pool-size = 128M
innodb-flush-log-at-trx-commit = 2
innodb-lock-wait-timeout = 10
max-connections = 300
# What Galera requires: row-based replication, interleaved auto-increment locks, InnoDB.
binlog-format = ROW
innodb-autoinc-lock-mode = 2
default-storage-engine = InnoDB
wsrep-on = ON
wsrep-provider = /usr/lib/galera/libgalera_smm.so
wsrep-cluster-name = xxgk-local
wsrep-cluster-address = gcomm://127.0.0.1:$((B + 11)),127.0.0.1:$((B + 12)),127.0.0.1:$((B + 13))
wsrep-node-name = node$N
wsrep-node-address = 127.0.0.1:$((B + 10 + N))
wsrep-provider-options = gmcast.listen_addr=tcp://127.0.0.1:$((B + 10 + N));ist.recv_addr=127.0.0.1:$((B + 20 + N));evs.keepalive_period=PT0.5S;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT4S;evs.install_timeout=PT4S;gcache.size=128M
wsrep-sst-method = mariabackup
wsrep-sst-receive-address = 127.0.0.1:$((B + 30 + N))
wsrep-slave-threads = 2
# Each conflict in the node's error log with the tables and keys it was over: what a failed run's
# kept folder is read for.
wsrep-log-conflicts = ON

[sst]
# No copies of the transfer's logs outside this folder.
sst-log-archive = 0

[client]
socket = $ND/sock
CNF
}

cluster_sql() { # N SQL...: as root through node N's socket
	N=$1
	shift
	mariadb --defaults-file="$CD/node$N/my.cnf" -u root "$@"
}

# Node N's state (Synced, Donor/Desynced, Joining, ...), empty when it does not answer.
cluster_node_state() {
	mariadb --defaults-file="$1/node$2/my.cnf" -u root -N -B \
		-e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2
}

cluster_wait_synced() { # D N [seconds]
	i=0 max=$((${3:-120} * 10))
	until [ "$(cluster_node_state "$1" "$2")" = Synced ]; do
		i=$((i + 1))
		if [ $i -gt $max ] || ! stack_alive "$(cat "$1/node$2/mariadbd.pid" 2>/dev/null || echo 0)"; then
			cluster_log "node $2 did not join; see $1/node$2/err.log"
			tail -n 20 "$1/node$2/err.log" >&2
			return 1
		fi
		sleep 0.1
	done
}

# Starts node N in the background. A node stopped by kill -9 has lost track of its position
# (grastate.dat says -1): it is read back from InnoDB first (as galera_recovery does under
# systemd), so that the node asks for the writesets it missed (IST) instead of a full copy.
cluster_node_run() { # D N [extra mariadbd options]
	D=$1 N=$2
	shift 2
	ND="$D/node$N"
	pos=""
	if [ -f "$ND/data/grastate.dat" ] && grep -q '^seqno: *-1' "$ND/data/grastate.dat"; then
		mariadbd --defaults-file="$ND/my.cnf" --wsrep-recover --log-error="$ND/recover.log" >/dev/null 2>&1
		pos=$(sed -n 's/.*WSREP: Recovered position: *\([^ ]*\).*/\1/p' "$ND/recover.log" | tail -n 1)
	fi
	env $(stack_db_env) mariadbd --defaults-file="$ND/my.cnf" ${pos:+--wsrep-start-position="$pos"} "$@" >/dev/null 2>&1 &
	echo $! >"$ND/mariadbd.pid"
}

cluster_node_stop() { # D N: a clean shutdown
	pid=$(cat "$1/node$2/mariadbd.pid" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null
	i=0
	while stack_alive "$pid" && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	rm -f "$1/node$2/mariadbd.pid"
}

cluster_node_kill() { # D N: kill -9, as a crash or a power cut would
	pid=$(cat "$1/node$2/mariadbd.pid" 2>/dev/null) || return 0
	kill -9 "$pid" 2>/dev/null
	while stack_alive "$pid"; do sleep 0.05; done
	rm -f "$1/node$2/mariadbd.pid"
}

cluster_node_start() { # D N: a node that rejoins the running cluster
	cluster_node_run "$1" "$2"
	cluster_wait_synced "$1" "$2" 300
}

# The account the web hosts use over TCP, with the password written to DIR/db-password.
cluster_accounts() {
	pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
	echo "$pw" >"$CD/db-password"
	chmod 600 "$CD/db-password"
	cluster_sql 1 -e "CREATE DATABASE IF NOT EXISTS xxgk CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS 'xxgk'@'127.0.0.1' IDENTIFIED BY '$pw';
		GRANT ALL PRIVILEGES ON xxgk.* TO 'xxgk'@'127.0.0.1';" || return 1
	# Chinese full-text search: the Mroonga engine and its functions (recorded in the mysql
	# schema, which the other nodes get with their copy of node 1's data).
	cluster_sql 1 </usr/share/mysql/mroonga/install.sql >/dev/null
}

# Web host X (A or B): stack.sh's configuration, on the cluster's nodes in the host's order, its
# own stored copies polled against the sites' generations every 250 ms, the search change log
# applied to its node's index every second, and the cluster's one key file.
cluster_host_config() { # D X NODE-ORDER...
	D=$1 X=$2
	shift 2
	V="$D/host$X"
	mkdir -p "$V"
	chmod 755 "$V"
	nodes=""
	for n in "$@"; do nodes="$nodes 127.0.0.1:$((CB + n))"; done
	stack_config "$V"
	# The one [database] block stack_config writes: the socket and root replaced by the nodes.
	sed -i -e "s|^socket = .*|nodes =$nodes|" -e "s|^user = root|user = xxgk\npassword = $(cat "$D/db-password")|" \
		-e "s|^copies_dir = .*|copies_dir = $V/copies\npoll_ms = ${XXGK_POLL_MS:-250}|" "$V/xxgk.conf"
	printf '\n[search]\napply_ms = %s\n' "${XXGK_SEARCH_APPLY_MS:-1000}" >>"$V/xxgk.conf"
	# One key file for every host (GUIDE: every host needs the same file), made by the first.
	sed -i "s|^file = $V/xxgk.key|file = $D/xxgk.key|" "$V/xxgk.conf"
	[ -e "$D/xxgk.key" ] || "$CBIN/xxgkctl" -c "$V/xxgk.conf" keys init >/dev/null
}

# The first start: node 1 alone (initialised, migrated, the demo data loaded), then its data
# copied to nodes 2 and 3, which join with nothing to transfer (copying an empty node by SST would
# take about 20 s each, one after the other).
cluster_first_start() {
	cluster_log "initialising node 1 in $CD/node1/data"
	mariadb-install-db --defaults-file="$CD/node1/my.cnf" --user="$(id -un)" --auth-root-authentication-method=socket \
		--auth-root-socket-user="$(id -un)" --skip-test-db >"$CD/node1/install.log" 2>&1 ||
		{ cat "$CD/node1/install.log" >&2; return 1; }
	cluster_node_run "$CD" 1 --wsrep-new-cluster
	cluster_wait_synced "$CD" 1 || return 1
	cluster_accounts || return 1
	cluster_host_config "$CD" A 1 2 3
	"$CBIN/xxgkctl" -c "$CD/hostA/xxgk.conf" migrate >/dev/null || return 1
	"$CBIN/xxgkctl" -c "$CD/hostA/xxgk.conf" demo-data >/dev/null || return 1
	cluster_node_stop "$CD" 1
	for n in 2 3; do
		rm -rf "$CD/node$n/data"
		cp -a "$CD/node1/data" "$CD/node$n/data"
		sed -i 's/^safe_to_bootstrap: 1/safe_to_bootstrap: 0/' "$CD/node$n/data/grastate.dat"
		rm -f "$CD/node$n/data/gvwstate.dat"
	done
}

# The node to start the cluster from after all were stopped: the one Galera marked safe to
# bootstrap (the last to leave), else node 1.
cluster_bootstrap_node() {
	for n in 1 2 3; do
		grep -q '^safe_to_bootstrap: *1' "$1/node$n/data/grastate.dat" 2>/dev/null && { echo $n; return; }
	done
	echo 1
}

cluster_start() { # D BASE BIN
	CD=$1 CB=$2 CBIN=$3
	mkdir -p "$CD"
	chmod 755 "$CD"
	CD=$(cd "$CD" && pwd)
	for n in 1 2 3; do cluster_node_conf "$CD" $n "$CB"; done
	printf 'BASE=%s\nHOST_A=%s\nHOST_B=%s\n' "$CB" $((CB + 41)) $((CB + 42)) >"$CD/cluster.env"
	if [ ! -d "$CD/node1/data/mysql" ]; then
		cluster_first_start || return 1
	fi
	first=$(cluster_bootstrap_node "$CD")
	cluster_node_run "$CD" "$first" --wsrep-new-cluster
	cluster_wait_synced "$CD" "$first" || return 1
	for n in 1 2 3; do [ "$n" = "$first" ] || cluster_node_run "$CD" $n; done
	for n in 1 2 3; do cluster_wait_synced "$CD" $n 300 || return 1; done
	cluster_host_config "$CD" A 1 2 3
	cluster_host_config "$CD" B 2 3 1
	stack_web_start "$CD/hostA" $((CB + 41)) "$CBIN" || return 1
	stack_web_start "$CD/hostB" $((CB + 42)) "$CBIN" || return 1
}

cluster_stop() { # D
	for x in A B; do stack_stop "$1/host$x"; done
	# Node 1 last: it is then the one safe to start the cluster from.
	for n in 3 2 1; do cluster_node_stop "$1" $n; done
}

cluster_status() { # D
	. "$1/cluster.env"
	for n in 1 2 3; do
		size=$(mariadb --defaults-file="$1/node$n/my.cnf" -u root -N -B \
			-e "SHOW STATUS LIKE 'wsrep_cluster_size'" 2>/dev/null | cut -f2)
		echo "node $n  127.0.0.1:$((BASE + n))  ${size:+cluster of $size, }$(cluster_node_state "$1" $n || true)"
	done
	echo "host A  http://127.0.0.1:$HOST_A/xxgk/  (nodes 1 2 3)"
	echo "host B  http://127.0.0.1:$HOST_B/xxgk/  (nodes 2 3 1)"
}

# Run as a command (not sourced by the tests or the bench).
if [ "$(basename "$0")" = cluster.sh ] && [ "$(basename "$(dirname "$0")")" = tools ]; then
	cmd=${1:-} dir=${2:-}
	[ -n "$dir" ] || { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
	case $cmd in
	run)
		trap 'cluster_stop "$dir"; exit 0' INT TERM
		cluster_start "$dir" "${3:-18300}" "${XXGK_BIN:-$TOP/bin}" || { cluster_stop "$dir"; exit 1; }
		cluster_status "$dir"
		cat <<MSG

  The xxgk demo on a cluster is running (Ctrl-C stops it): two web hosts on three Galera nodes.
  xxgkctl on host A:  bin/xxgkctl -c $dir/hostA/xxgk.conf   (search status, cluster status, ...)
  A node:             sh tools/cluster.sh kill-node $dir N; sh tools/cluster.sh start-node $dir N
  Logs:               $dir/host?/xxgk.err, $dir/host?/nginx/error.log, $dir/node?/err.log

MSG
		while :; do sleep 1; done ;;
	start)
		cluster_start "$dir" "${3:-18300}" "${XXGK_BIN:-$TOP/bin}" || { cluster_stop "$dir"; exit 1; }
		cluster_status "$dir" ;;
	stop) cluster_stop "$dir" ;;
	status) cluster_status "$dir" ;;
	kill-node) cluster_node_kill "$dir" "$3" ;;
	start-node) cluster_node_start "$dir" "$3" ;;
	*) echo "usage: tools/cluster.sh start|stop|status|kill-node|start-node DIR [...]" >&2; exit 2 ;;
	esac
fi
