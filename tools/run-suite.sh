#!/bin/sh
# run-suite.sh NAME COMMAND... — run one suite of `make check` with its
# detail in build/logs/NAME.log; print only its "N passed, N failed"
# lines, and on failure the end of the log, so that a passing check is a
# line per suite and a failing one still shows why.
name=$1
shift
mkdir -p build/logs
log=build/logs/$name.log
"$@" >"$log" 2>&1
rc=$?
# a suite that counts nothing (man-lint) still says something: its last line
grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' "$log" || tail -n 1 "$log"
if [ $rc -ne 0 ]; then
	echo "$name: FAILED (exit $rc); the end of $log:"
	tail -n 60 "$log"
fi
exit $rc
