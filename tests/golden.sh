#!/bin/sh
# golden.sh PTRLINT — run every fixture case and compare with the checked-in
# output byte for byte; print a unified diff on mismatch.
#
# A case is a directory holding expected.txt: ptrlint runs inside it with
# the words of its `args` file (default "."), text output; stdout, stderr
# and the exit status must equal expected.txt. expected.json, when present,
# is the same run with -f json. Below fixtures/rules/ID/fail/ the rule ID
# must fire, below fixtures/rules/ID/pass/ it must not.
# A case with setup.sh runs in a scratch copy where setup.sh ran first
# (to build a git history for --rev, --staged and --since).
# UPDATE=1 rewrites the expected files instead of comparing.
bin=$1
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

for exp in $(find fixtures -name expected.txt | sort); do
	dir=${exp%/expected.txt}
	check "$dir" expected.txt text
	if [ -f "$dir/expected.json" ] || [ -n "$UPDATE" ]; then
		check "$dir" expected.json json
	fi
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
echo "golden: $passed passed, $failed failed"
[ $failed -eq 0 ]
