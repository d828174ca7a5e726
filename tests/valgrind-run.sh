#!/bin/sh
# valgrind-run.sh ARGS... — run $PTRLINT_BIN with ARGS under valgrind, for
# golden.sh (mk/valgrind.mk makes a wrapper that calls this). Valgrind's
# report goes to a log of its own so that stdout and stderr still compare
# with the fixtures; any memory error or leak (definite, indirect or
# possible) turns into exit 99 with the log on stderr, which golden.sh
# shows as a failed case.
log=$(mktemp "${TMPDIR:-/tmp}/ptrlint-valgrind.XXXXXX")
valgrind -q --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible \
	--track-fds=no --log-file="$log" "$PTRLINT_BIN" "$@"
rc=$?
if [ $rc -eq 99 ] || [ -s "$log" ]; then
	echo "valgrind: errors in ptrlint $*" >&2
	cat "$log" >&2
	rm -f "$log"
	exit 99
fi
rm -f "$log"
exit $rc
