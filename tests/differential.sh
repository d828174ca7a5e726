#!/bin/sh
# differential.sh PTRLINT COUNT [SEED] — SPEC §4's promise checked against
# BIND: mutated zones (tools/mutate-zones.sh, from tests/differential/seeds)
# go to `named-checkzone ORIGIN FILE` (default options) and to ptrlint.
# Where BIND refuses a zone, ptrlint must report at least one error; where
# BIND loads it, ptrlint must report no zone-syntax and none of the errors
# of the rules for what named refuses (zone-apex-incomplete,
# ns-target-no-address; a delegation whose server named-checkzone also
# finds without address is no disagreement). Each disagreement
# gets a kind; tests/differential/known lists, for a COUNT, the kinds
# allowed for now (rules that do not exist yet, documented differences:
# docs/differential.md) with the most zones each may hold. Any other disagreement, or more than
# allowed, fails. Prints "differential: N passed, N failed" and the figures.
# DIFFERENTIAL_KEEP=DIR keeps the zones and a report of every disagreement.
bin=$1
count=${2:-300}
seed=${3:-1}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(pwd)
if ! command -v named-checkzone >/dev/null 2>&1; then
	echo "differential: named-checkzone not found (make deps installs bind9-utils)"
	echo "differential: 0 passed, 1 failed"
	exit 1
fi
work=${DIFFERENTIAL_KEEP:-}
if [ -z "$work" ]; then
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi
rm -rf "$work/zones"
sh "$top/tools/mutate-zones.sh" "$top/tests/differential/seeds" "$work/zones" "$count" "$seed" ||
	exit 1
export NO_COLOR=1 PTRLINT_TODAY=2026-11-23
# one shard of the manifest: its results and disagreements to files of its own
run_shard() { # manifest-part results disagreements
	while read -r id origin file what; do
		dir=$work/zones/$id
		bind=$(cd "$dir" && named-checkzone "$origin" "$file" 2>&1)
		brc=$?
		out=$(cd "$dir" && "$bin" -q . 2>&1)
		prc=$?
		if [ $brc -ne 0 ]; then
			if [ $prc -eq 1 ]; then
				kind=agree
			else
				# the kind is what BIND said (its error, not a warning such as
				# "$TTL 4294967295 > MAXTTL" or a check-names one: with
				# named-checkzone's default "-k warn" those never refuse a
				# zone), with names left out
				why=$(printf '%s\n' "$bind" |
					grep -v 'loading from master file\|not loaded due\|MAXTTL\|(check-names)' |
					sed -n '1{s/^[^ ]*: //;s/^[^:]*:[0-9]*: //;p;}')
				case $why in
				*"has no address records"*) kind=ns-target-no-address ;;
				*"has no NS records"*|*"has 0 SOA"*|*"not at top of zone"*)
					kind=zone-apex-incomplete ;;
				*"multiple RRs of singleton type"*) kind=singleton-type ;;
				*"CNAME and other data"*) kind=cname-and-other-data ;;
			*"ran out of space"*) kind=rrset-too-large ;;
				*) kind="missed: $(printf '%s' "$why" | sed "s/'[^']*'/'X'/g")" ;;
				esac
				[ $prc -eq 2 ] && kind="run-error: $kind"
			fi
		else
			syntax=$(printf '%s\n' "$out" | grep '\[zone-syntax\]' | head -1)
			# the rules of what named refuses must not fire where it loads;
			# a delegation whose server has no address named-checkzone
			# reports too ("has no ... address records", "is a CNAME") and
			# loads all the same
			apex=$(printf '%s\n' "$out" |
				grep 'error: .*\[\(zone-apex-incomplete\|ns-target-no-address\)\]' | head -1)
			case $apex in
			*"delegation"*"[ns-target-no-address]")
				printf '%s\n' "$bind" | grep -q "/NS '.*' \(has no \|is a CNAME\|is below a DNAME\)" &&
					apex= ;;
			esac
			case $syntax in
			"") kind=agree ;;
			*"'@' inside it"*) kind=at-inside-owner ;;
			*) kind="false zone-syntax: $(printf '%s' "$syntax" |
				sed "s/^[^ ]* error: //;s/'[^']*'/'X'/g;s/[0-9][0-9]*/N/g")" ;;
			esac
			if [ "$kind" = agree ] && [ -n "$apex" ]; then
				kind="false $(printf '%s' "$apex" | sed 's/.*\[\([a-z-]*\)\]$/\1/')"
			fi
		fi
		printf '%s\t%s\t%s\t%s\n' "$kind" "$id" "$brc" "$what" >> "$2"
		if [ "$kind" != agree ] && [ -n "${DIFFERENTIAL_KEEP:-}" ]; then
			printf '== %s %s (%s): %s\n-- bind (%s):\n%s\n-- ptrlint (%s):\n%s\n' "$id" "$file" \
				"$what" "$kind" "$brc" "$bind" "$prc" "$out" >> "$3"
		fi
	done < "$1"
}
# two shards side by side: most of the time is spent starting named-checkzone
# and ptrlint, which the second core halves
awk -v w="$work" '{ print > (w "/part" (NR % 2)) }' "$work/zones/manifest"
touch "$work/part0" "$work/part1"
rm -f "$work/results0" "$work/results1" "$work/disagreements0" "$work/disagreements1"
run_shard "$work/part0" "$work/results0" "$work/disagreements0" &
run_shard "$work/part1" "$work/results1" "$work/disagreements1"
wait
sort "$work/results0" "$work/results1" > "$work/results"
[ -n "${DIFFERENTIAL_KEEP:-}" ] && cat "$work/disagreements0" "$work/disagreements1" \
	> "$work/disagreements" 2>/dev/null

# the figures, and the check against the list of known kinds
cut -f1 "$work/results" | sort | uniq -c | sort -rn | awk '{n=$1; $1=""; print n "\t" substr($0, 2)}' \
	> "$work/kinds"
refused=$(awk -F '\t' '$3 != 0' "$work/results" | wc -l)
awk -F '\t' -v total="$count" -v refused="$refused" '
FNR == NR {
	if ($0 !~ /^#/ && $1 == total)
		allowed[$3] = $2
	next
}
{
	n = $1
	kind = $2
	if (kind == "agree") {
		agree = n
		next
	}
	disagree += n
	if (!(kind in allowed)) {
		printf "differential: FAIL %d zones: %s\n", n, kind
		bad += n
	} else if (n > allowed[kind]) {
		printf "differential: FAIL %d zones (at most %d known): %s\n", n, allowed[kind], kind
		bad += n - allowed[kind]
	} else {
		printf "differential: known %d zones (at most %d): %s\n", n, allowed[kind], kind
	}
}
END {
	printf "differential: %d zones (named-checkzone refuses %d), %d agree, %d disagree (%d known)\n",
		total, refused, agree, disagree, disagree - bad
	printf "differential: %d passed, %d failed\n", total - bad, bad
	exit (bad > 0)
}' "$top/tests/differential/known" "$work/kinds"
