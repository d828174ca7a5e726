#!/bin/sh
# test_corpus.sh PTRLINT — ptrlint over the real zone repositories of
# ../shared/corpus (issue 10), each with the config its named.conf implies
# (tests/corpus/NAME.yaml, kept here: the corpus is read-only and not ours),
# run at the repository root with no PATH: the zones of the config, else ".".
#
# Two checks per repository:
#  * the counts the issue fixes (tests/corpus/NAME.counts: "RULE COUNT"
#    lines; a rule not listed must not fire at all, so a new false alarm of
#    any rule fails the test);
#  * every finding as (rule, file, line, name, address), byte for byte
#    (tests/corpus/NAME.findings), so that a finding that moves or changes
#    its subject is noticed. UPDATE=1 rewrites the .findings files.
# The corpus is not part of a user's clone: without it the test says so
# and passes. CORPUS=DIR points at another copy.
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(pwd)
corpus=${CORPUS:-$top/../shared/corpus}
if [ ! -d "$corpus" ]; then
	echo "corpus: skipped: no corpus at $corpus"
	exit 0
fi
command -v jq >/dev/null 2>&1 || { echo "corpus: jq is needed (make deps installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
no() { failed=$((failed + 1)); echo "corpus: FAIL: $*"; }

for cfg in "$top"/tests/corpus/*.yaml; do
	name=$(basename "$cfg" .yaml)
	repo=$corpus/$name
	if [ ! -d "$repo" ]; then
		no "$name: not in $corpus"
		continue
	fi
	(cd "$repo" && PTRLINT_TODAY=2026-11-23 "$bin" -c "$cfg" --root . -f json \
		>"$tmp/$name.json" 2>"$tmp/$name.err")
	rc=$?
	if [ $rc -gt 1 ] || [ -s "$tmp/$name.err" ]; then
		no "$name: exit $rc"
		cat "$tmp/$name.err"
		continue
	fi
	jq -r '.findings[].rule' "$tmp/$name.json" | sort | uniq -c |
		awk '{print $2, $1}' >"$tmp/$name.got"
	# every rule listed has its count; every rule that fired is listed
	while read -r rule count; do
		case $rule in ''|'#'*) continue ;; esac
		got=$(awk -v r="$rule" '$1 == r {print $2}' "$tmp/$name.got")
		[ "${got:-0}" = "$count" ] && ok || no "$name: $rule: ${got:-0} findings, expected $count"
	done <"$top/tests/corpus/$name.counts"
	while read -r rule got; do
		grep -q "^$rule " "$top/tests/corpus/$name.counts" ||
			no "$name: $rule fires $got times, expected never"
	done <"$tmp/$name.got"
	jq -r '.findings[] | "\(.rule) \(.file):\(.line) \(.name // "-") \(.address // "-")"' \
		"$tmp/$name.json" >"$tmp/$name.findings"
	[ -n "$UPDATE" ] && cp "$tmp/$name.findings" "$top/tests/corpus/$name.findings"
	if diff -u "$top/tests/corpus/$name.findings" "$tmp/$name.findings"; then ok; else
		no "$name: findings differ from tests/corpus/$name.findings"; fi
done
echo "corpus: $passed passed, $failed failed"
[ $failed -eq 0 ]
