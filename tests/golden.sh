#!/bin/sh
# golden.sh PTRLINT [CASE...] — run every fixture case (or only the CASE
# directories named, and the cases below them) and compare with the
# checked-in output byte for byte; print a unified diff on mismatch.
#
# A case is a directory holding expected.txt: ptrlint runs inside it with
# the words of its `args` file (default "."), text output; stdout, stderr
# and the exit status must equal expected.txt. Beside it, each of
# expected.json, expected.sarif and expected.github, when present, is the
# same run with -f json, -f sarif or -f github (stdout only: those formats
# carry no summary line, and the exit status is the text run's).
# Below fixtures/rules/ID/fail/ the rule ID must fire, below
# fixtures/rules/ID/pass/ it must not.
# A case with setup.sh runs in a scratch copy where setup.sh ran first
# (to build a git history for --rev, --staged and --since).
# UPDATE=1 rewrites the expected files instead of comparing: expected.txt
# and expected.json always (json is written for every case), expected.sarif
# and expected.github only where they exist — create an empty one first to
# add it. Name the case to rewrite (UPDATE=1 sh tests/golden.sh ./ptrlint
# fixtures/cases/NAME) so that no one else's expected files change.
bin=$1
[ $# -gt 0 ] && shift
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(pwd)
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PTRLINT_TODAY=2026-11-23 NO_COLOR=1 FIXTURES="$top/fixtures"

run_case() { # dir format -> $tmp/out
	dir=$1
	fmt=$2
	args=.
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	run_dir=$top/$dir
	if [ -f "$dir/setup.sh" ]; then
		# a case that needs a git history builds it in a scratch copy
		rm -rf "$tmp/case"
		cp -R "$dir" "$tmp/case"
		(cd "$tmp/case" && sh ./setup.sh >/dev/null 2>&1) || { echo "golden: $dir/setup.sh failed"; return 1; }
		run_dir=$tmp/case
	fi
	# shellcheck disable=SC2086
	(cd "$run_dir" && "$bin" -f "$fmt" $args >"$tmp/stdout" 2>"$tmp/stderr" </dev/null)
	rc=$?
	{
		cat "$tmp/stdout"
		if [ "$fmt" = text ]; then
			echo "--- stderr"
			cat "$tmp/stderr"
			echo "--- exit $rc"
		fi
	} >"$tmp/out"
	# a crash or sanitizer report never matches: show it
	if [ $rc -gt 2 ] || grep -q 'Sanitizer\|runtime error' "$tmp/stderr"; then
		cat "$tmp/stderr"
		return 1
	fi
	return 0
}

check() { # dir file format
	if ! run_case "$1" "$3"; then
		echo "golden: FAIL $1 ($3): crashed or sanitizer error"
		failed=$((failed + 1))
		return
	fi
	if [ -n "$UPDATE" ]; then
		cp "$tmp/out" "$1/$2"
	fi
	if diff -u "$1/$2" "$tmp/out" >"$tmp/diff"; then
		passed=$((passed + 1))
	else
		echo "golden: FAIL $1/$2"
		cat "$tmp/diff"
		failed=$((failed + 1))
	fi
}

# The cases to run: all of them, or those at or below the named directories.
[ $# -gt 0 ] || set -- fixtures
# Paths stay relative to the top ("./x/" is "x") for the fixtures/rules/ test.
for exp in $(for where in "$@"; do where=${where#./}; find "${where%/}" -name expected.txt; done | sort -u); do
	dir=${exp%/expected.txt}
	check "$dir" expected.txt text
	if [ -f "$dir/expected.json" ] || [ -n "$UPDATE" ]; then
		check "$dir" expected.json json
	fi
	for fmt in sarif github; do
		if [ -f "$dir/expected.$fmt" ]; then
			check "$dir" "expected.$fmt" "$fmt"
		fi
	done
	# fire / must-not-fire cases of the rule catalogue
	case $dir in
	fixtures/rules/*/fail/*|fixtures/rules/*/pass/*)
		rule=${dir#fixtures/rules/}
		rule=${rule%%/*}
		kind=${dir#fixtures/rules/$rule/}
		kind=${kind%%/*}
		if grep -q "\[$rule\]\$" "$dir/expected.txt"; then fired=yes; else fired=no; fi
		if [ "$kind" = fail ] && [ $fired = no ]; then
			echo "golden: FAIL $dir: rule $rule does not fire"
			failed=$((failed + 1))
		elif [ "$kind" = pass ] && [ $fired = yes ]; then
			echo "golden: FAIL $dir: rule $rule fires"
			failed=$((failed + 1))
		else
			passed=$((passed + 1))
		fi
		;;
	esac
done
cd "$top" || exit 2
echo "${SUITE:-golden}: $passed passed, $failed failed"
[ $failed -eq 0 ]
