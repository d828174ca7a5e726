#!/bin/sh
# new-rule.sh ID — scaffold a rule: rules/<symbol>.c, its line in
# rules/rules.def, docs/rules/ID.md and fixtures/rules/ID/{fail,pass}/.
# Fill in the check, the summary, the doc page and the fixtures' zones,
# then run `UPDATE=1 sh tests/golden.sh ./ptrlint` and read the output.
set -eu
id=${1:-}
case $id in
''|*[!a-z0-9-]*|-*) echo "usage: make new-rule ID=some-rule-id (lower case, digits, '-')" >&2; exit 2 ;;
esac
sym=$(printf '%s' "$id" | tr - _)
if grep -q "\"$id\"" rules/rules.def; then
	echo "new-rule: $id is registered already" >&2
	exit 2
fi
cat >"rules/$sym.c" <<EOC
/* $id — see docs/rules/$id.md. */
#include "engine.h"

static void check(struct check_ctx *ctx)
{
	(void)ctx;   /* TODO: report(ctx, &(struct finding_spec){.at = record}, "...") */
}

const struct rule_impl rule_$sym = {check, NULL};
EOC
printf 'RULE(%s, "%s", SEV_WARNING, "TODO: one-line summary")\n' "$sym" "$id" >>rules/rules.def
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
echo "new-rule: created rules/$sym.c, docs/rules/$id.md, fixtures/rules/$id/{fail,pass}/example; registered in rules/rules.def"
