#!/bin/sh
# Without systemd: spawn-fcgi opens the socket and hands it to xxgk.fcgi as fd 0, as the
# service's account. A template: make fills in @SBINDIR@ and installs it as @DATADIR@/xxgk-spawn
# (the Debian package too).
#   xxgk-spawn start|stop|reload|status
# start refuses while the pid file names a running service (the pid file stays as it is); stop
# waits until the requests being answered are finished ([server] stop_grace); reload (SIGHUP)
# reads the configuration again, reopens the logs and replaces the workers one by one, which is
# what logrotate's postrotate calls. spawn-fcgi points a program's standard error at /dev/null:
# here it goes to the error log, so that what the service says before it has read [log] error
# (a configuration it refuses, say) is kept.
BIN=${XXGK_BIN:-@SBINDIR@/xxgk.fcgi}
CONF=${XXGK_CONF:-/etc/xxgk/xxgk.conf}
SOCK=${XXGK_SOCKET:-/run/xxgk/xxgk.sock}
PIDFILE=${XXGK_PIDFILE:-/run/xxgk/xxgk.pid}
LOG=${XXGK_ERROR_LOG:-/var/log/xxgk/error.log}
CACHE=${XXGK_CACHE:-/var/cache/xxgk}
USER=${XXGK_USER-xxgk}             # empty: stay the user who runs this script
WEBUSER=${XXGK_WEBUSER-www-data}   # the socket's owner (nginx's workers)
STOP_WAIT=${XXGK_STOP_WAIT:-60}    # seconds stop waits for the service to end

# The pid file names a running xxgk.fcgi (not a process that took a stale number).
running() {
	pid=$(cat "$PIDFILE" 2>/dev/null) && [ -n "$pid" ] &&
		tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'xxgk\.fcgi'
}

# The process is there and not yet a zombie: its command line goes before it has ended. Any state
# but Z counts, lower-case ones too: t (traced) is a process a debugger or a leak checker holds.
alive() {
	state=$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null) &&
		[ -n "$state" ] && [ "$state" != Z ]
}

case "$1" in
start)
	if running; then
		echo "$0: xxgk is already running (pid $pid)" >&2
		exit 1
	fi
	mkdir -p "$(dirname "$SOCK")" "$(dirname "$PIDFILE")" "$(dirname "$LOG")"
	set --
	if [ "$(id -u)" = 0 ] && [ -n "$USER" ]; then
		# [cache] copies_dir (/var/cache/xxgk/pages) and the logs: the service user writes there.
		mkdir -p "$CACHE" && chown "$USER" "$CACHE" && chmod 755 "$CACHE"
		touch "$LOG" && chown "$USER" "$(dirname "$LOG")" "$LOG" && chmod 750 "$(dirname "$LOG")"
		set -- -u "$USER"
	fi
	[ "$(id -u)" = 0 ] && [ -n "$WEBUSER" ] && set -- "$@" -U "$WEBUSER"
	# Standard error is opened here, once: after logrotate has renamed the file it would go on
	# into the renamed one. [log] error is the file the service reopens by name on reload.
	if ! grep -Eq '^[[:space:]]*error[[:space:]]*=[[:space:]]*[^[:space:]#;]' "$CONF" 2>/dev/null; then
		echo "$0: [log] error is not set in $CONF: after a log rotation the messages would go on into the" \
			"renamed file; set error = $LOG in [log]" >&2
	fi
	spawn-fcgi -s "$SOCK" -M 0660 "$@" -P "$PIDFILE" -- \
		/bin/sh -c 'exec "$0" -c "$1" 2>>"$2"' "$BIN" "$CONF" "$LOG"
	;;
stop)
	if ! running; then
		echo "$0: xxgk is not running" >&2
		exit 0
	fi
	kill -TERM "$pid"
	i=0
	while alive "$pid"; do
		i=$((i + 1))
		if [ $i -gt $((STOP_WAIT * 10)) ]; then
			echo "$0: xxgk (pid $pid) has not stopped after $STOP_WAIT s" >&2
			exit 1
		fi
		sleep 0.1
	done
	rm -f "$PIDFILE"
	;;
reload)
	running && kill -HUP "$pid"
	;;
status)
	if running; then
		echo "xxgk is running (pid $pid)"
	else
		echo "xxgk is not running"
		exit 3
	fi
	;;
*)
	echo "usage: $0 start|stop|reload|status" >&2
	exit 2
	;;
esac
