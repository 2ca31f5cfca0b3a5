#!/bin/sh
# Installs the Debian packages named as arguments that are not installed yet.
# Uses sudo when not root; does nothing when everything is present.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "xxgk: installing Debian packages:$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || exit 1
# The packages' post-install scripts cannot start system services here (no init): that is fine,
# xxgk runs its own MariaDB and nginx. policy-rc.d keeps them from trying.
$SUDO apt-get install -y -qq --no-install-recommends $missing </dev/null || exit 1
