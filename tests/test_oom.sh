#!/bin/sh
# test_oom.sh PTRLINT GENZONES — out of memory at any -j is exit 2 with a
# message, never an abort or a core dump (SPEC §9, issue 15 item 7). Runs
# ptrlint over a generated 20,000-host set under `ulimit -v` limits that
# run out in different phases (the config and first reads, parsing
# threads, the index, the rules; with -j4 even a limit of 200 MB fails:
# every thread's malloc arena reserves 64 MiB of address space) at -j1,
# -j2 and -j4. Each run must end with exit 0 or 1 and a report, or exit 2
# with "ptrlint: out of memory (a request for N bytes failed)" — the
# message that oom.c's malloc gives for the libraries (ldns asserted on a
# failed allocation instead) and util.c's for our own. About 3 s.
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
gen=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$gen" --hosts 20000 --seed 1 --out "$T/set" >/dev/null 2>&1 || { echo "oom: genzones failed"; exit 1; }
passed=0
failed=0
for jobs in 1 2 4; do
	for kib in 20000 40000 60000 100000 200000 4000000; do
		(cd "$T/set" && ulimit -v $kib && exec "$bin" -j$jobs . >"$T/out" 2>"$T/err")
		rc=$?
		case $rc in
		0|1) grep -q 'error' "$T/out" && ok=1 || ok= ;;
		2) grep -q '^ptrlint: out of memory (a request for [0-9]* bytes failed)$' "$T/err" && ok=1 || ok= ;;
		*) ok= ;;
		esac
		if [ -n "$ok" ] && ! grep -qi 'assert\|abort' "$T/err"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			echo "oom: FAIL -j$jobs under ulimit -v $kib: exit $rc: $(head -c 300 "$T/err")"
		fi
	done
done
echo "oom: $passed passed, $failed failed"
[ $failed = 0 ]
