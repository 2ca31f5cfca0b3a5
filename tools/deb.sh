#!/bin/sh
# Builds xxgk_<version>_<arch>.deb into OUT with Debian's dpkg-buildpackage, from a copy of the
# sources (the files git knows and new ones it does not ignore: what a clean checkout would
# hold, with the changes not yet committed), so that the checkout's own build/ and bin/ are
# neither used nor touched.
#   tools/deb.sh OUT      (make deb: OUT is build/deb)
set -e
TOP=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
rm -rf "$OUT/src" "$OUT"/xxgk_* "$OUT"/xxgk-dbgsym_*
mkdir -p "$OUT/src"
cd "$TOP"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z --cached --others --exclude-standard |
		tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$OUT/src"
else
	tar --exclude=./build --exclude=./bin --exclude=./var -cf - . | tar -xf - -C "$OUT/src"
fi
cd "$OUT/src"
DEB_BUILD_OPTIONS="nocheck parallel=$(nproc) ${DEB_BUILD_OPTIONS:-}" dpkg-buildpackage -us -uc -b >"$OUT/build.log" 2>&1 ||
	{ tail -n 40 "$OUT/build.log" >&2; exit 1; }
ls "$OUT"/xxgk_*.deb
