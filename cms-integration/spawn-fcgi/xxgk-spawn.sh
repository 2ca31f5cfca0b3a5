#!/bin/sh
# Without systemd: spawn-fcgi opens the socket and hands it to xxgk.fcgi as fd 0.
#   cms-integration/spawn-fcgi/xxgk-spawn.sh start|stop
SOCK=${XXGK_SOCKET:-/run/xxgk/xxgk.sock}
PIDFILE=${XXGK_PIDFILE:-/run/xxgk/xxgk.pid}
USER=${XXGK_USER:-xxgk}
WEBUSER=${XXGK_WEBUSER:-www-data}
case "$1" in
start)
	mkdir -p "$(dirname "$SOCK")"
	# [cache] copies_dir (/var/cache/xxgk/pages): the service user writes there, nginx reads.
	CACHE=${XXGK_CACHE:-/var/cache/xxgk}
	mkdir -p "$CACHE" && chown "$USER" "$CACHE" && chmod 755 "$CACHE"
	exec spawn-fcgi -s "$SOCK" -M 0660 -U "$WEBUSER" -u "$USER" -P "$PIDFILE" -- \
		/usr/local/sbin/xxgk.fcgi -c /etc/xxgk/xxgk.conf
	;;
stop)
	[ -f "$PIDFILE" ] && kill "$(cat "$PIDFILE")"
	;;
*)
	echo "usage: $0 start|stop" >&2
	exit 2
	;;
esac
