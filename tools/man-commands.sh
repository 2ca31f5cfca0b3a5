#!/bin/sh
# The COMMANDS section of xxgkctl(8) from the program itself: `xxgkctl --help` lists the
# commands, and each one's `--help` is its entry (as roff, lines kept as they are).
#   tools/man-commands.sh bin/xxgkctl
ctl=$1
"$ctl" --help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' | while read -r cmd; do
	summary=$("$ctl" --help | sed -n "s/^  $cmd  *//p")
	printf '.SS %s\n%s\n.PP\n.nf\n' "$cmd" "$summary"
	"$ctl" "$cmd" --help | sed -e 's/\\/\\e/g' -e "s/^[.']/\\\\\&&/"
	printf '.fi\n'
done
