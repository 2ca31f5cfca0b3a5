#!/bin/sh
# Without systemd: spawn-fcgi opens the socket and hands it to xxgk.fcgi as fd 0, as the
# service's account. A template: make fills in @SBINDIR@ and installs it as
# @DATADIR@/xxgk-spawn (the Debian package too).
#   xxgk-spawn start|stop
SOCK=${XXGK_SOCKET:-/run/xxgk/xxgk.sock}
PIDFILE=${XXGK_PIDFILE:-/run/xxgk/xxgk.pid}
USER=${XXGK_USER:-xxgk}
WEBUSER=${XXGK_WEBUSER:-www-data}
case "$1" in
start)
	mkdir -p "$(dirname "$SOCK")"
	# What systemd's LogsDirectory= and CacheDirectory= make: the log, and [cache] copies_dir
	# (/var/cache/xxgk/pages), which the service's account writes and nginx reads.
	LOGS=${XXGK_LOGS:-/var/log/xxgk}
	CACHE=${XXGK_CACHE:-/var/cache/xxgk}
	mkdir -p "$LOGS" "$CACHE" && chown "$USER:" "$LOGS" "$CACHE" && chmod 750 "$LOGS" && chmod 755 "$CACHE" || exit 1
	exec spawn-fcgi -s "$SOCK" -M 0660 -U "$WEBUSER" -u "$USER" -P "$PIDFILE" -- \
		@SBINDIR@/xxgk.fcgi -c /etc/xxgk/xxgk.conf
	;;
stop)
	[ -f "$PIDFILE" ] && kill "$(cat "$PIDFILE")" && rm -f "$PIDFILE"
	;;
*)
	echo "usage: $0 start|stop" >&2
	exit 2
	;;
esac
