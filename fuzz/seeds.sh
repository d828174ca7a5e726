#!/bin/sh
# seeds.sh OUT — build the fuzzers' seed corpora under OUT/TARGET from the
# fixtures (zone files, .ptrlint.yaml files, $GENERATE lines) and the
# hand-written seeds in fuzz/seeds/. Run from the repository top. The
# seeds are rebuilt every time: fixtures change, and a seed directory is
# never written by libFuzzer (it writes new inputs to build/fuzz/corpus/).
out=$1
[ -n "$out" ] || { echo "usage: seeds.sh OUT" >&2; exit 2; }
rm -rf "$out"
for t in split load generate revname config git glob; do mkdir -p "$out/$t"; done

# zone files: every fixture file that is not a test's control file; big
# ones would only raise libFuzzer's input length and slow it down
n=0
find fixtures -type f -size -64k ! -name expected.txt ! -name expected.json \
	! -name args ! -name '*.sh' ! -name .ptrlint.yaml | sort |
while read -r f; do
	n=$((n + 1))
	cp "$f" "$out/split/zone-$n"
done

# the loader: each fixture case (a directory with expected.txt) as one
# input — its first 4 zone files and its config, each after a "%% NAME"
# line, so that $INCLUDE between them and origin inference by name work
n=0
find fixtures -name expected.txt | sort | while read -r exp; do
	dir=${exp%/expected.txt}
	n=$((n + 1))
	seed="$out/load/case-$n"
	: >"$seed"
	# (names may hold spaces: one per line, at most 4)
	(cd "$dir" && find . -type f -size -16k ! -name 'expected.*' ! -name args \
		! -name '*.sh' ! -name .ptrlint.yaml | sed 's|^\./||' | sort | head -4) |
	while IFS= read -r f; do
		printf '%%%% %s\n' "$f" >>"$seed"
		cat "$dir/$f" >>"$seed"
	done
	if [ -f "$dir/.ptrlint.yaml" ]; then
		printf '%%%% .ptrlint.yaml\n' >>"$seed"
		cat "$dir/.ptrlint.yaml" >>"$seed"
	fi
	[ -s "$seed" ] || rm -f "$seed"
done
cp fuzz/seeds/load/* "$out/load/" 2>/dev/null
# the git source reads the same multi-file inputs, plus symlinks ("NAME@")
cp "$out/load/"* "$out/git/" 2>/dev/null
cp fuzz/seeds/git/* "$out/git/"

# $GENERATE: "range\ntemplate" for the owner and the rdata of each
# directive in the fixtures, then the hand-written ones
n=0
grep -rh '^\$GENERATE' fixtures | sort -u | while read -r _ range owner rest; do
	n=$((n + 1))
	printf '%s\n%s' "$range" "$owner" >"$out/generate/fixture-$n-owner"
	printf '%s\n%s' "$range" "${rest##* }" >"$out/generate/fixture-$n-rdata"
done
cp fuzz/seeds/generate/* "$out/generate/"

# names and addresses: hand-written, plus owners and PTR targets of the
# fixtures' reverse zones
cp fuzz/seeds/revname/* "$out/revname/"
n=0
grep -rhE '^[^;$ 	]+[ 	]+([0-9]+[ 	]+)?(IN[ 	]+)?PTR[ 	]' fixtures 2>/dev/null | sort -u | head -200 |
while read -r owner rest; do
	n=$((n + 1))
	printf '%s' "$owner" >"$out/revname/owner-$n"
	printf '%s' "${rest##* }" >"$out/revname/target-$n"
done

# configs
n=0
find fixtures -name .ptrlint.yaml | sort | while read -r f; do
	n=$((n + 1))
	cp "$f" "$out/config/fixture-$n.yaml"
done
cp fuzz/seeds/config/* "$out/config/"

# globs: hand-written (a glob line, then paths)
cp fuzz/seeds/glob/* "$out/glob/"
exit 0
