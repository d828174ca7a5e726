#!/bin/sh
# test_new_rule.sh — a rule made with `make new-rule ID=... FLAGS=RULE_READS_MAIL`
# that reads the mail analysis reports when it is the ONLY enabled rule
# (issue 18: the analysis used to run only for the rules of a list in
# engine.c, so such a rule silently said nothing), at -j1 and at the
# default -j. Run from the repository top (mk/new_rule.mk, part of
# `make check`, a build of a scratch copy of the tree: under a minute).
# Also: tools/check-catalogue.sh passes for the scaffold with its flag and
# fails once the flag is taken away from a rule that reads ctx->mail.
# Prints "new-rule: N passed, N failed"; exit 1 if any failed.
top=$(pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "new-rule: FAIL: $*"; }
finish() { echo "new-rule: $passed passed, $failed failed"; [ $failed -eq 0 ]; exit $?; }
export NO_COLOR=1 PTRLINT_NO_TIME=1

# A scratch copy of the working tree as it is (uncommitted changes too),
# without build products.
mkdir "$T/tree"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git -C "$top" ls-files -co --exclude-standard | while IFS= read -r f; do
		[ -e "$top/$f" ] && printf '%s\n' "$f"
	done | tar -C "$top" -cf - -T - | tar -C "$T/tree" -xf -
else
	cp -R "$top/." "$T/tree" && rm -rf "$T/tree/build" "$T/tree/ptrlint"
fi
cd "$T/tree" || exit 1

id=test-mail-reader
src=rules/test_mail_reader.c
if make --no-print-directory new-rule ID=$id FLAGS=RULE_READS_MAIL >"$T/new-rule.log" 2>&1; then ok
else bad "make new-rule failed: $(cat "$T/new-rule.log")"; finish; fi
if grep -q "^RULE(test_mail_reader, \"$id\", SEV_WARNING, RULE_READS_MAIL, " rules/rules.def; then ok
else bad "rules/rules.def has no RULE_READS_MAIL line for $id"; fi

# The scaffold walks ctx->mail; fill in its TODO with a finding per address.
placeholder='(void)a;   /* TODO'
if grep -qF "$placeholder" "$src"; then ok
else bad "$src has no mail-walk placeholder '$placeholder'"; cat "$src"; finish; fi
sed -i "s|^\(\t*\)(void)a;   /\* TODO.*|\1struct finding_spec spec = {0};\n\1mail_finding_location(ctx, a, \&spec);\n\1report(ctx, \&spec, \"%s address %s\", mail_subject_has(ctx, a), addr_str(\&a->addr));|" "$src"

if make --no-print-directory -j2 ptrlint >"$T/build.log" 2>&1; then ok
else bad "the scaffolded rule does not build:"; tail -n 30 "$T/build.log"; finish; fi

# A zone with two mail hosts (documentation addresses only).
mkdir "$T/z"
cat >"$T/z/db.example.com" <<'EOZ'
$ORIGIN example.com.
$TTL 3600
@	IN SOA	ns1 hostmaster 2026112301 3600 900 1209600 300
	IN NS	ns1
	IN MX	10 mail
	IN MX	20 mail6
ns1	IN A	192.0.2.53
mail	IN A	192.0.2.25
mail6	IN AAAA	2001:db8::25
; enough records that the engine runs rules on threads unless -j1
$GENERATE 1-60000 host$ IN TXT "filler"
EOZ

# Every rule off but the new one.
set -- --enable $id
for other in $(./ptrlint --list-rules | awk '{print $1}'); do
	[ "$other" = $id ] || set -- "$@" --disable "$other"
done
for jobs in -j1 -j2 default; do
	[ $jobs = default ] && j="" || j=$jobs
	./ptrlint "$@" $j -q "$T/z" >"$T/out" 2>"$T/err"
	rc=$?
	others=$(grep -v "\[$id\]\$" "$T/out")
	if [ -n "$others" ]; then bad "$jobs: other rules reported: $others"; fi
	if grep -q "address 192\.0\.2\.25 \[$id\]\$" "$T/out" &&
	   grep -q "address 2001:db8::25 \[$id\]\$" "$T/out" &&
	   [ "$(wc -l <"$T/out")" -eq 2 ]; then ok
	else bad "$jobs: $id alone did not report both mail addresses (exit $rc): $(cat "$T/out" "$T/err")"; fi
done

# The catalogue check: the scaffold passes with its flag (its doc page and
# fixture folders exist; their content is the rule author's), and the
# same source without the flag is refused.
if sh tools/check-catalogue.sh ./ptrlint >"$T/cat.log" 2>&1; then ok
else bad "check-catalogue fails on the fresh scaffold: $(grep -v passed "$T/cat.log")"; fi
sed -i "s|^RULE(test_mail_reader, \"$id\", SEV_WARNING, RULE_READS_MAIL, |RULE(test_mail_reader, \"$id\", SEV_WARNING, 0, |" rules/rules.def
if ! sh tools/check-catalogue.sh ./ptrlint >"$T/cat.log" 2>&1 &&
   grep -q "reads ctx->mail but $id has no RULE_READS_MAIL" "$T/cat.log"; then ok
else bad "check-catalogue accepts $id reading ctx->mail without RULE_READS_MAIL"; fi
finish
