#!/bin/sh
# ground-truth.sh PTRLINT GENZONES HOSTS [SHAPE...] — the generated zone set
# as a correctness test (issue 7): tools/genzones writes a realistic set with
# a known list of injected mistakes (ground-truth.tsv); ptrlint's findings
# must equal that list exactly, compared as the set of (rule, file, line,
# name, address) — every injected finding found, nothing else reported.
#
# Also checked per shape: the generator is deterministic (a second run gives
# the same bytes), ptrlint exits 1 (there are errors) and counts as many
# records as the generator wrote (zones.tsv: nothing silently dropped).
# The same JSON, byte for byte, comes from -j1 and -j3 (sets of 50,000
# records or more share index_finish and the rules out over threads, so
# make check runs this at 15,000 hosts), and from GT_SAN, a binary built
# with the sanitizers, when that is set. SHAPE defaults to "big many".
# Closing line: "ground-truth: N passed,
# N failed", where each expected finding found is a pass and each missed or
# unexpected one a failure. Needs jq.
if [ $# -lt 3 ]; then
	echo "usage: $0 PTRLINT GENZONES HOSTS [SHAPE...]" >&2
	exit 2
fi
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
ptrlint=$(abs "$1")
genzones=$(abs "$2")
hosts=$3
shift 3
shapes=${*:-big many}
seed=${GT_SEED:-20261123}
command -v jq >/dev/null 2>&1 || { echo "ground-truth: jq is missing (make deps installs it)" >&2; exit 2; }

passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	failed=$((failed + 1))
	echo "ground-truth: FAIL: $*"
}

for shape in $shapes; do
	set_dir=$tmp/$shape
	label="$shape $hosts hosts, seed $seed"
	if ! "$genzones" --hosts "$hosts" --seed "$seed" --out "$set_dir" --shape "$shape" 2>"$tmp/gen.err"; then
		cat "$tmp/gen.err"
		fail "$label: genzones failed"
		continue
	fi
	# determinism: the same arguments give the same bytes
	"$genzones" --hosts "$hosts" --seed "$seed" --out "$tmp/again" --shape "$shape" 2>/dev/null
	(cd "$set_dir" && find . -type f | LC_ALL=C sort | xargs cksum) >"$tmp/sum1"
	(cd "$tmp/again" && find . -type f | LC_ALL=C sort | xargs cksum) >"$tmp/sum2"
	if cmp -s "$tmp/sum1" "$tmp/sum2"; then
		passed=$((passed + 1))
	else
		fail "$label: a second genzones run wrote different files"
	fi
	rm -rf "$tmp/again"

	# the linted root is the set's directory: reported paths are relative to it
	(cd "$set_dir" && "$ptrlint" -f json . >"$tmp/out.json" 2>"$tmp/err")
	rc=$?
	if [ $rc -ne 1 ] || ! jq -e .summary "$tmp/out.json" >/dev/null 2>&1; then
		fail "$label: ptrlint exited $rc (expected 1 with valid JSON)"
		head -20 "$tmp/err"
		continue
	fi
	passed=$((passed + 1))

	want_records=$(awk -F'\t' '{ n += $3 } END { print n + 0 }' "$set_dir/zones.tsv")
	got_records=$(jq .summary.records "$tmp/out.json")
	if [ "$want_records" = "$got_records" ]; then
		passed=$((passed + 1))
	else
		fail "$label: ptrlint loaded $got_records records, genzones wrote $want_records"
	fi

	# threads change no byte of the output
	for run in "$ptrlint -j1" "$ptrlint -j3" ${GT_SAN:+"$GT_SAN"}; do
		# shellcheck disable=SC2086
		(cd "$set_dir" && $run -f json . >"$tmp/again.json" 2>"$tmp/err")
		if cmp -s "$tmp/out.json" "$tmp/again.json"; then
			passed=$((passed + 1))
		else
			fail "$label: '$run' gave other output than the default run"
			head -20 "$tmp/err"
		fi
	done

	grep -v '^#' "$set_dir/ground-truth.tsv" | LC_ALL=C sort >"$tmp/want"
	jq -r '.findings[] | [.rule, .file, (.line | tostring), (.name // "-"), (.address // "-")] | @tsv' \
		"$tmp/out.json" | LC_ALL=C sort >"$tmp/got"
	LC_ALL=C comm -23 "$tmp/want" "$tmp/got" >"$tmp/missed"
	LC_ALL=C comm -13 "$tmp/want" "$tmp/got" >"$tmp/extra"
	found=$(LC_ALL=C comm -12 "$tmp/want" "$tmp/got" | wc -l)
	nmissed=$(wc -l <"$tmp/missed")
	nextra=$(wc -l <"$tmp/extra")
	passed=$((passed + found))
	failed=$((failed + nmissed + nextra))
	echo "ground-truth: $label: $(wc -l <"$tmp/want") injected, $found found, $nmissed missed, $nextra unexpected"
	if [ "$nmissed" -gt 0 ]; then
		echo "  missed (rule, file, line, name, address):"
		head -20 "$tmp/missed" | sed 's/^/    /'
	fi
	if [ "$nextra" -gt 0 ]; then
		echo "  reported but not injected:"
		head -20 "$tmp/extra" | sed 's/^/    /'
	fi
done
echo "ground-truth: $passed passed, $failed failed"
[ $failed -eq 0 ]
