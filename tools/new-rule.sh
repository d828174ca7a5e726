#!/bin/sh
# new-rule.sh ID [FLAGS] — scaffold a rule: rules/<symbol>.c, its line in
# rules/rules.def, docs/rules/ID.md and fixtures/rules/ID/{fail,pass}/.
# FLAGS (rules/rules.def): RULE_READS_MAIL, RULE_HEAVY(cost) or both joined
# with '|'; none by default. RULE_READS_MAIL scaffolds a check that walks
# the mail analysis (without the flag the engine does not compute it when
# the rule runs alone, and tools/check-catalogue.sh fails).
# Fill in the check, the summary, the doc page and the fixtures' zones,
# then run `UPDATE=1 sh tests/golden.sh ./ptrlint` and read the output.
set -euf   # f: a FLAGS word is never a file pattern
id=${1:-}
flags_arg=${2:-}
case $id in
''|*[!a-z0-9-]*|-*) echo "usage: make new-rule ID=some-rule-id [FLAGS='RULE_READS_MAIL|RULE_HEAVY(1)'] (id: lower case, digits, '-')" >&2; exit 2 ;;
esac
sym=$(printf '%s' "$id" | tr - _)
if grep -q "\"$id\"" rules/rules.def; then
	echo "new-rule: $id is registered already" >&2
	exit 2
fi

# FLAGS: each word one the registry knows, written back as "A | B".
flags=""
reads_mail=0
for word in $(printf '%s' "$flags_arg" | tr '|' ' '); do
	case $word in
	0) continue ;;
	RULE_READS_MAIL) reads_mail=1 ;;
	RULE_HEAVY\([1-9]\)|RULE_HEAVY\([1-9][0-9]\)|RULE_HEAVY\([1-9][0-9][0-9]\)) ;;
	*) echo "new-rule: unknown flag '$word' (RULE_READS_MAIL, RULE_HEAVY(cost), cost 1 to 999)" >&2; exit 2 ;;
	esac
	flags=${flags:+$flags | }$word
done
flags=${flags:-0}

if [ $reads_mail = 1 ]; then
	body='	for (size_t i = 0; i < ctx->mail->naddresses; i++) {
		const struct mail_address *a = &ctx->mail->addresses[i];
		(void)a;   /* TODO: report(ctx, &spec, "...") about a; see mail.h for the helpers */
	}'
else
	body='	(void)ctx;   /* TODO: report(ctx, &(struct finding_spec){.at = record}, "...") */'
fi
cat >"rules/$sym.c" <<EOC
/* $id — see docs/rules/$id.md. */
#include "check.h"

static void check(struct check_ctx *ctx)
{
$body
}

const struct rule_impl rule_$sym = {check, NULL};
EOC
printf 'RULE(%s, "%s", SEV_WARNING, %s, "TODO: one-line summary")\n' "$sym" "$id" "$flags" >>rules/rules.def
cat >"docs/rules/$id.md" <<EOD
# $id

## What it checks

## Why

## Example

## Fix

## Options

None.

## Suppress

\`; ptrlint-disable $id\` on the record's line, \`; ptrlint-disable-file $id\` in the file,
or in \`.ptrlint.yaml\`: \`rules: {$id: off}\`.
EOD
mkdir -p "fixtures/rules/$id/fail/example" "fixtures/rules/$id/pass/example"
touch "fixtures/rules/$id/fail/example/expected.txt" "fixtures/rules/$id/pass/example/expected.txt"
echo "new-rule: created rules/$sym.c, docs/rules/$id.md, fixtures/rules/$id/{fail,pass}/example; registered in rules/rules.def with flags $flags"
