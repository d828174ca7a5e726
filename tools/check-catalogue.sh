#!/bin/sh
# check-catalogue.sh PTRLINT — the rule catalogue is complete (git's fsck
# message-id docs check is the model): every rule in rules/rules.def has
# rules/<symbol>.c, docs/rules/<id>.md (embedded: --explain prints it), a
# fixture that makes it fire and one that must not, each with its golden
# output; every doc page names a registered rule. A rule's source reads
# the mail analysis (ctx->mail) exactly when rules.def gives it
# RULE_READS_MAIL: without the flag it reports nothing when enabled alone
# (the engine skips the analysis), with it and no use the analysis is
# computed for nothing.
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
	if [ -f "rules/$sym.c" ]; then
		flags=$(grep "^RULE($sym," rules/rules.def | sed 's/^RULE([a-z_0-9]*, *"[a-z0-9-]*", *[A-Z_]*, *\([^"]*\), *".*/\1/')
		case "|$(printf '%s' "$flags" | tr -d ' ')|" in
		*"|RULE_READS_MAIL|"*) flagged=1 ;;
		*) flagged=0 ;;
		esac
		if grep -Eq 'ctx->mail([^_a-zA-Z0-9]|$)' "rules/$sym.c"; then reads=1; else reads=0; fi
		if [ $reads = 1 ] && [ $flagged = 0 ]; then
			fail "rules/$sym.c reads ctx->mail but $id has no RULE_READS_MAIL in rules/rules.def (alone it would report nothing)"; ok=0
		elif [ $reads = 0 ] && [ $flagged = 1 ]; then
			fail "$id has RULE_READS_MAIL in rules/rules.def but rules/$sym.c never reads ctx->mail"; ok=0
		fi
	fi
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
