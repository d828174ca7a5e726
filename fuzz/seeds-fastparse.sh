#!/bin/sh
# seeds-fastparse.sh OUT — seeds for fuzz_fastparse: the hand-written ones
# in fuzz/seeds/fastparse/, plus records of the six fast types found in the
# fixtures, rewritten about the way the loader hands them to the parser
# ("origin" newline "owner ttl IN TYPE rdata", the owner made absolute).
out=$1
[ -n "$out" ] || { echo "usage: seeds-fastparse.sh OUT" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"
cp fuzz/seeds/fastparse/* "$out/" 2>/dev/null
grep -rhE '^[^;$ 	"(]+[ 	]' fixtures 2>/dev/null |
awk '{
	if ($1 == "@") $1 = "example.com."
	else if ($1 !~ /\.$/) $1 = $1 ".example.com."
	i = 2
	if ($i ~ /^[0-9]+$/) i++
	if (toupper($i) == "IN") i++
	t = toupper($i)
	if (t != "A" && t != "AAAA" && t != "PTR" && t != "CNAME" && t != "NS" && t != "MX") next
	line = $1 " 3600 IN " $i
	for (k = i + 1; k <= NF && substr($k, 1, 1) != ";"; k++) line = line " " $k
	print line
}' | sort -u | head -400 | {
	n=0
	while IFS= read -r line; do
		n=$((n + 1))
		printf 'example.com.\n%s' "$line" >"$out/fixture-$n"
	done
}
