#!/bin/sh
# `make run`: the demo in the foreground. Ctrl-C or SIGTERM stops everything it started; a second
# run reuses the data in var/.
. "$(dirname "$0")/stack.sh"
V="$TOP/var"
PORT=${PORT:-8080}
mkdir -p "$V"
if curl -s -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null; then
	stack_log "port $PORT is in use (another make run?). Try: make run PORT=8081"
	exit 1
fi
trap 'stack_stop "$V"; exit 0' INT TERM
stack_db_start "$V" || { stack_stop "$V"; exit 1; }
stack_config "$V"
"$TOP/bin/xxgkctl" -c "$V/xxgk.conf" keys init || { stack_stop "$V"; exit 1; }
"$TOP/bin/xxgkctl" -c "$V/xxgk.conf" migrate || { stack_stop "$V"; exit 1; }
"$TOP/bin/xxgkctl" -c "$V/xxgk.conf" demo-data || { stack_stop "$V"; exit 1; }
[ -x "$TOP/tools/demo-extra.sh" ] && "$TOP/tools/demo-extra.sh" "$V"
stack_web_start "$V" "$PORT" "$TOP/bin" || { stack_stop "$V"; exit 1; }
cat <<MSG

  xxgk demo is running (Ctrl-C stops it).

  Sites:        http://127.0.0.1:$PORT/xxgk/
    临沧 lincang:   http://127.0.0.1:$PORT/xxgk/lincang/
    盐城 yancheng:  http://127.0.0.1:$PORT/xxgk/yancheng/
    青海 qinghai:   http://127.0.0.1:$PORT/xxgk/qinghai/
    浙江 zhejiang:  http://127.0.0.1:$PORT/xxgk/zhejiang/
    汕尾 shanwei:   http://127.0.0.1:$PORT/xxgk/shanwei/

  Admin CLI:    bin/xxgkctl --help   (finds var/xxgk.conf by itself)
  Logs:         var/access.log, var/xxgk.err, var/nginx/error.log, var/mysql/err.log

MSG
cat <<MSG
  Staff console on every site: http://127.0.0.1:$PORT/xxgk/SITE/admin/
    accounts admin, approver and staff, each with the password xxgk-demo
    (staff serve two bodies: the site's 财政局 and 公共资源交易中心)

MSG
wait
