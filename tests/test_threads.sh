#!/bin/sh
# test_threads.sh PTRLINT PTRLINT_TSAN GENZONES — the threaded stages under
# ThreadSanitizer (mk/tsan.mk). A generated set of 15,000 hosts (both
# shapes: one big forward zone, and hundreds of small files) holds over
# 50,000 records, where index_finish and the rules use threads as parsing
# does. For each shape and -j2, -j4: the TSan build must report no race
# (exit 66 and its report otherwise) and print the same bytes as the plain
# binary at -j1. Closing line: "threads: N passed, N failed".
if [ $# -ne 3 ]; then
	echo "usage: $0 PTRLINT PTRLINT_TSAN GENZONES" >&2
	exit 2
fi
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
ptrlint=$(abs "$1")
tsan=$(abs "$2")
genzones=$(abs "$3")
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for shape in big many; do
	set_dir=$tmp/$shape
	if ! "$genzones" --hosts 15000 --seed 20261123 --shape "$shape" --out "$set_dir" >/dev/null 2>&1; then
		echo "threads: FAIL: genzones --shape $shape failed"
		failed=$((failed + 1))
		continue
	fi
	(cd "$set_dir" && "$ptrlint" -j1 -f json . >"$tmp/want.json" 2>/dev/null)
	for jobs in 2 4; do
		(cd "$set_dir" && TSAN_OPTIONS="exitcode=66 halt_on_error=1" \
			"$tsan" -j$jobs -f json . >"$tmp/got.json" 2>"$tmp/err")
		rc=$?
		if [ $rc -eq 66 ] || grep -q "ThreadSanitizer" "$tmp/err"; then
			echo "threads: FAIL: $shape -j$jobs: ThreadSanitizer reports a race"
			head -60 "$tmp/err"
			failed=$((failed + 1))
		elif [ $rc -ne 1 ] || ! cmp -s "$tmp/want.json" "$tmp/got.json"; then
			echo "threads: FAIL: $shape -j$jobs: exit $rc, or other output than -j1"
			head -20 "$tmp/err"
			failed=$((failed + 1))
		else
			passed=$((passed + 1))
		fi
	done
done
echo "threads: $passed passed, $failed failed"
[ $failed -eq 0 ]
