#!/bin/sh
# check-catalogue.sh PTRLINT — the rule catalogue is complete (git's fsck
# message-id docs check is the model): every rule in rules/rules.def has
# rules/<symbol>.c, docs/rules/<id>.md (embedded: --explain prints it), a
# fixture that makes it fire and one that must not, each with its golden
# output; every doc page names a registered rule.
bin=$1
passed=0
failed=0
fail() { echo "catalogue: $*"; failed=$((failed + 1)); }
ids=$(grep '^RULE(' rules/rules.def | sed 's/^RULE(\([a-z_0-9]*\), *"\([a-z0-9-]*\)".*/\1:\2/')
for pair in $ids; do
	sym=${pair%%:*}
	id=${pair#*:}
	ok=1
	[ -f "rules/$sym.c" ] || { fail "rule $id has no rules/$sym.c"; ok=0; }
	[ -f "docs/rules/$id.md" ] || { fail "rule $id has no docs/rules/$id.md"; ok=0; }
	ls -d fixtures/rules/"$id"/fail/*/ >/dev/null 2>&1 || { fail "rule $id has no fixtures/rules/$id/fail/CASE/"; ok=0; }
	ls -d fixtures/rules/"$id"/pass/*/ >/dev/null 2>&1 || { fail "rule $id has no fixtures/rules/$id/pass/CASE/"; ok=0; }
	# a case without its golden output is never run by tests/golden.sh
	for case_dir in fixtures/rules/"$id"/fail/*/ fixtures/rules/"$id"/pass/*/; do
		[ -d "$case_dir" ] || continue
		[ -f "${case_dir}expected.txt" ] || { fail "${case_dir%/} has no expected.txt"; ok=0; }
	done
	if [ -f "docs/rules/$id.md" ] && ! "$bin" --explain "$id" | cmp -s - "docs/rules/$id.md"; then
		fail "ptrlint --explain $id differs from docs/rules/$id.md"; ok=0
	fi
	[ $ok = 1 ] && passed=$((passed + 1))
done
for page in docs/rules/*.md; do
	[ -f "$page" ] || continue
	id=$(basename "$page" .md)
	if printf '%s\n' "$ids" | grep -q ":$id\$"; then passed=$((passed + 1)); else fail "$page names no registered rule"; fi
done
echo "catalogue: $passed passed, $failed failed"
[ $failed -eq 0 ]
