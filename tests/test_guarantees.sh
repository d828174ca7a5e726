#!/bin/sh
# test_guarantees.sh PTRLINT — SPEC §9 as tests, run from the repository
# top (mk/guarantees.mk, part of `make check`):
#   a. no path outside the linted root is ever read: a root whose parent
#      holds files with a unique marker, reached by every escape there is;
#      the marker must appear in no output of any format, and (when strace
#      works here) no openat() names those files;
#   b. ptrlint writes nothing but its report and -o's file: the whole
#      scratch tree, HOME, TMPDIR and a git repository's .git are compared
#      before and after;
#   c. the same input gives byte-identical output: 3 runs, and -j1 against
#      -j2 and -j4, in every format;
#   d. hostile inputs stay fast: every fixtures/hostile case (1,000,000
#      records under one owner, 10,000 PTRs, the $INCLUDE fan-out, ...)
#      takes under 5 seconds of CPU with the optimised binary and -j1;
#   e. a wrong type under any config key is exit 2 with FILE:LINE:COL;
#   f. reports stay valid UTF-8 (and JSON) whatever bytes the zones hold;
#   g. FIFOs found by search, by a glob, or as the config are never opened.
# Prints "guarantees: N passed, N failed"; exit 1 if any failed.
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(pwd)
passed=0
failed=0
# real path: ptrlint opens resolved paths, and strace shows them so
tmp=$(cd "$(mktemp -d)" && pwd -P)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export PTRLINT_TODAY=2026-11-23 NO_COLOR=1 FIXTURES="$top/fixtures"
# a marker no fixture, message or path contains by chance
marker="ptrlint-secret-$$-$(date +%s)-d41d8cd98f"

ok() {
	passed=$((passed + 1))
}
bad() {
	echo "guarantees: FAIL $*"
	failed=$((failed + 1))
}

zone_header() { # origin
	printf '$TTL 3600\n$ORIGIN %s\n@\tIN SOA\tns1.example.com. hostmaster.example.com. 1 3600 900 1209600 300\n\tIN NS\tns1.example.com.\n' "$1"
}

# ---- a. nothing outside the root is read ----

T=$tmp/a
mkdir -p "$T/root/sub" "$T/home" "$T/tmp"
# what must stay unread: plain, named like a zone, and a whole directory
printf 'secret\tIN TXT\t"%s"\n' "$marker" >"$T/secret"
printf '$ORIGIN secret.example.\n@ IN SOA ns hm 1 1 1 1 1\n@ IN TXT "%s"\n' "$marker" >"$T/db.secret.example"
mkdir -p "$T/outside"
cp "$T/secret" "$T/outside/db.example.org"
R=$T/root
{
	zone_header example.com.
	printf 'mail\tIN A\t192.0.2.25\n'
	printf '$INCLUDE ../secret\n'
	printf '$INCLUDE sub/../../secret\n'
	printf '$INCLUDE %s/secret\n' "$T"
	printf '$INCLUDE %s/root/../secret\n' "$T"
	printf '$INCLUDE link-secret\n'
	printf '$INCLUDE link-parent/secret\n'
	printf '$INCLUDE link-outside/db.example.org\n'
	printf '$INCLUDE /srv/dns/secret\n'
	printf '$INCLUDE based/secret\n'
} >"$R/db.example.com"
{
	zone_header 2.0.192.in-addr.arpa.
	printf '25\tIN PTR\tmail.example.com.\n'
} >"$R/db.192.0.2"
ln -s ../secret "$R/link-secret"
ln -s .. "$R/link-parent"
ln -s "$T/outside" "$R/link-outside"
# symlinks named like zones, for directory search
ln -s ../secret "$R/db.example.net"
ln -s ../db.secret.example "$R/db.secret.example"
ln -s "$T/outside" "$R/zones-outside.zone"
# configs whose include-map, include-base, zones or globs point above
# the root (each in a root of its own)
mkdir -p "$T/cfg-map" "$T/cfg-base" "$T/cfg-zone" "$T/cfg-glob"
for d in cfg-map cfg-base cfg-zone cfg-glob; do
	cp "$R/db.example.com" "$R/db.192.0.2" "$T/$d/"
	ln -s ../secret "$T/$d/link-secret"
done
printf 'include-map:\n  /srv/dns/: ..\n  based/: ../\n' >"$T/cfg-map/.ptrlint.yaml"
printf 'include-base: ..\n' >"$T/cfg-base/.ptrlint.yaml"
printf 'zones:\n  - file: ../secret\n    origin: example.com.\n' >"$T/cfg-zone/.ptrlint.yaml"
printf 'zones:\n  - glob: "../*"\n  - glob: "**/*"\n  - file: db.example.com\n' >"$T/cfg-glob/.ptrlint.yaml"

# a git repository in the root whose tree holds a symlink out and a
# $INCLUDE through it (git stores the link, never the file)
G=$T/git
mkdir -p "$G"
cp "$R/db.example.com" "$R/db.192.0.2" "$G/"
ln -s ../secret "$G/link-secret"
ln -s "$T/secret" "$G/abs-secret.zone"
(
	cd "$G" && git init -q && git config user.email t@example.com &&
	git config user.name t && git add -A && git commit -q -m hostile
) >/dev/null 2>&1 || echo "guarantees: note: git repository not built"

# every way in: the root itself, PATH arguments outside it, configs
run_a() { # label dir args...
	label=$1
	dir=$2
	shift 2
	for fmt in text json sarif github; do
		out=$tmp/a-out
		(cd "$dir" && HOME=$T/home TMPDIR=$T/tmp "$bin" -f "$fmt" "$@" \
			>"$out.stdout" 2>"$out.stderr" </dev/null)
		rc=$?
		if [ $rc -gt 2 ]; then
			bad "a. $label ($fmt): exit $rc"
			cat "$out.stderr"
		elif grep -q "$marker" "$out.stdout" "$out.stderr"; then
			bad "a. $label ($fmt): the secret's content is in the output"
		else
			ok
		fi
	done
	# -o: the report file must not hold it either
	(cd "$dir" && HOME=$T/home TMPDIR=$T/tmp "$bin" -f json -o "$tmp/a-report.json" "$@" \
		>/dev/null 2>&1 </dev/null)
	if [ -f "$tmp/a-report.json" ] && grep -q "$marker" "$tmp/a-report.json"; then
		bad "a. $label (-o): the secret's content is in the report file"
	else
		ok
	fi
	rm -f "$tmp/a-report.json"
}
# the escapes were really tried, not skipped by some earlier error: each
# $INCLUDE above is one refusal, in the working tree and in git
tried() { # label dir args...
	label=$1
	dir=$2
	shift 2
	n=$(cd "$dir" && "$bin" "$@" 2>/dev/null </dev/null | grep -c "INCLUDE .* not read")
	if [ "$n" -eq 9 ]; then ok; else bad "a. $label: $n of 9 \$INCLUDE escapes refused"; fi
}
tried "working tree" "$R" .
[ -d "$G/.git" ] && tried "git" "$G" --git=. --rev HEAD
run_a "root searched" "$R"
run_a "zone file named" "$R" db.example.com
# a PATH outside the current directory is the user's choice and is read
# (its directory becomes the root); outside an explicit --root it is not
run_a "PATH ../secret" "$R" --root . ../secret
run_a "PATH absolute" "$R" --root . "$T/secret"
run_a "PATH parent dir" "$R" --root . ..
run_a "PATH symlink" "$R" link-secret db.example.net
run_a "PATH through symlinked dir" "$R" link-outside/db.example.org
run_a "--root with PATH outside" "$T" --root root secret
run_a "config include-map to .." "$T/cfg-map"
run_a "config include-base .." "$T/cfg-base"
run_a "config zones file ../secret" "$T/cfg-zone"
run_a "config glob ../*" "$T/cfg-glob"
if [ -d "$G/.git" ]; then
	run_a "git rev with symlinks" "$G" --git=. --rev HEAD
	run_a "git staged with symlinks" "$G" --git=. --staged
	run_a "git PATH symlink" "$G" --git=. --rev HEAD link-secret abs-secret.zone
fi

# strace, when present and allowed here: no open of the outside files at all
if command -v strace >/dev/null 2>&1 &&
	strace -f -qq -e trace=openat -o "$tmp/probe" true >/dev/null 2>&1; then
	# links given as PATHs, or on the way down to one, are the tree's:
	# they cannot move the root out of it
	for args in "" "db.example.com" "link-secret" "--root . ../secret" "--root . $T/secret" \
		"db.secret.example" "link-outside/db.example.org" "link-outside" "zones-outside.zone"; do
		# shellcheck disable=SC2086
		(cd "$R" && strace -f -qq -e trace=open,openat,openat2,creat -o "$tmp/trace" \
			"$bin" -f json $args >/dev/null 2>&1 </dev/null)
		# an attempt counts, even one that failed
		if grep -E "\"$T/(secret|db\.secret\.example|outside)" "$tmp/trace" >"$tmp/trace-hit"; then
			bad "a. strace: ptrlint ${args:-(no args)} opened a file outside the root:"
			cat "$tmp/trace-hit"
		else
			ok
		fi
	done
	# a control: with the parent as an explicit --root the secret is
	# inside and read, so the trace must show it (else it proves nothing)
	(cd "$R" && strace -f -qq -e trace=open,openat,openat2,creat -o "$tmp/trace" \
		"$bin" -f json --root .. ../secret >/dev/null 2>&1 </dev/null)
	if grep -q "\"$T/secret\"" "$tmp/trace"; then
		ok
	else
		bad "a. strace: the control run (--root ..) never opened the secret; trace unusable"
	fi
else
	echo "guarantees: note: strace missing or not permitted here; openat check skipped"
fi

# ---- b. nothing written but the report ----

snapshot() { # dir -> stdout: every entry with type, size, mode, mtime, checksum
	(cd "$1" && find . -printf '%p %y %s %m %T@ %l\n' | LC_ALL=C sort)
	(cd "$1" && find . -type f -exec cksum {} + 2>/dev/null | LC_ALL=C sort)
}
B=$tmp/b
cp -R "$T" "$B"
mkfifo "$B/root/db.fifo.zone"
# the same tree under git, with staged and unstaged changes
if [ -d "$B/git/.git" ]; then
	(cd "$B/git" && printf 'x\tIN A\t192.0.2.9\n' >>db.example.com && git add db.example.com &&
		printf 'y\tIN A\t192.0.2.10\n' >>db.example.com) >/dev/null 2>&1
fi
snapshot "$B" >"$tmp/before"
for args in "" "-f json" "-f sarif" "-f github" "-q" "db.example.com" "--print-config" \
	"--list-rules" "--explain mail-ptr-missing" "--no-such-option" "-c /nonexistent"; do
	# shellcheck disable=SC2086
	(cd "$B/root" && HOME=$B/home TMPDIR=$B/tmp "$bin" $args >/dev/null 2>&1 </dev/null)
done
if [ -d "$B/git/.git" ]; then
	for args in "--rev HEAD" "--staged" "--since HEAD" "--rev HEAD --since HEAD -f sarif"; do
		# shellcheck disable=SC2086
		(cd "$B/git" && HOME=$B/home TMPDIR=$B/tmp "$bin" --git=. $args >/dev/null 2>&1 </dev/null)
	done
fi
snapshot "$B" >"$tmp/after"
if diff -u "$tmp/before" "$tmp/after" >"$tmp/diff"; then
	ok
else
	bad "b. the tree changed (HOME, TMPDIR, the root, .git) though no -o was given:"
	cat "$tmp/diff"
fi
# -o writes exactly its file, atomically: once it is removed again the
# tree is as before but for the root directory's own time stamp (no
# temporary file is left beside it, nothing is written elsewhere)
(cd "$B/root" && HOME=$B/home TMPDIR=$B/tmp "$bin" -f json -o report.json >/dev/null 2>&1 </dev/null)
if [ ! -s "$B/root/report.json" ]; then
	bad "b. -o report.json wrote no report"
else
	rm -f "$B/root/report.json"
	snapshot "$B" | grep -v '^\./root d ' >"$tmp/after-o"
	grep -v '^\./root d ' "$tmp/before" >"$tmp/before-o"
	if diff -u "$tmp/before-o" "$tmp/after-o" >"$tmp/diff"; then
		ok
	else
		bad "b. -o report.json wrote more than its file:"
		cat "$tmp/diff"
	fi
fi
# an -o that cannot be written (its directory does not exist, which
# holds for root too): exit 2 and nothing left behind
(cd "$B/root" && HOME=$B/home TMPDIR=$B/tmp "$bin" -o "$B/home/missing/report.txt" \
	>/dev/null 2>&1 </dev/null)
rc=$?
if [ $rc -ne 2 ] || [ -n "$(ls -A "$B/home")" ]; then
	bad "b. unwritable -o: exit $rc, left: $(ls -A "$B/home")"
else
	ok
fi

# ---- c. byte-identical output ----

C=$tmp/c
mkdir -p "$C"
cp -R "$top/fixtures/demo/." "$C/"
# enough records and zones for parsing and rules to be spread over threads
awk 'BEGIN {
	printf "$TTL 3600\n$ORIGIN example.org.\n@ IN SOA ns1.example.org. hm.example.org. 1 3600 900 1209600 300\n"
	printf "@ IN NS ns1.example.org.\n@ IN MX 10 mail.example.org.\nmail IN A 198.51.100.25\n"
	for (i = 0; i < 20000; i++) printf "h%d IN A 198.51.100.%d\n", i, i % 250
	for (i = 0; i < 300; i++) printf "d%d IN CNAME h%d\nd%d IN TXT \"dup\"\nd%d IN TXT \"dup\"\n", i, i, i, i
}' >"$C/db.example.org"
awk 'BEGIN {
	printf "$TTL 3600\n$ORIGIN 100.51.198.in-addr.arpa.\n@ IN SOA ns1.example.org. hm.example.org. 1 3600 900 1209600 300\n"
	printf "@ IN NS ns1.example.org.\n"
	for (i = 0; i < 250; i += 2) printf "%d IN PTR h%d.example.org.\n%d IN PTR pool-%d.example.org.\n", i, i, i, i
}' >"$C/db.198.51.100"
for z in a b c d e f g h; do
	{
		zone_header "$z.example.net."
		i=0
		while [ $i -lt 40 ]; do
			printf 'host%d\tIN A\t203.0.113.%d\n' $i $i
			i=$((i + 1))
		done
		printf '@\tIN MX\t10 host1\n'
	} >"$C/db.$z.example.net"
done
for fmt in text json sarif github; do
	ref=
	for j in "" "" "" "-j1" "-j2" "-j4"; do
		# shellcheck disable=SC2086
		(cd "$C" && "$bin" -f "$fmt" $j . >"$tmp/c-out" 2>&1 </dev/null)
		if [ -z "$ref" ]; then
			ref=$tmp/c-ref
			cp "$tmp/c-out" "$ref"
		elif cmp -s "$ref" "$tmp/c-out"; then
			ok
		else
			bad "c. $fmt ${j:-(default -j)}: output differs from the first run:"
			diff "$ref" "$tmp/c-out" | head -20
		fi
	done
done
# the hostile fixtures too, -j1 against -j2 (they stress the loader)
for dir in $(find "$top/fixtures/hostile" -mindepth 1 -maxdepth 1 -type d | sort); do
	rm -rf "$tmp/case"
	cp -R "$dir" "$tmp/case"
	[ -f "$tmp/case/setup.sh" ] && (cd "$tmp/case" && sh ./setup.sh >/dev/null 2>&1)
	args=.
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	# shellcheck disable=SC2086
	(cd "$tmp/case" && "$bin" -f json -j1 $args >"$tmp/c1" 2>&1 </dev/null)
	# shellcheck disable=SC2086
	(cd "$tmp/case" && "$bin" -f json -j2 $args >"$tmp/c2" 2>&1 </dev/null)
	if cmp -s "$tmp/c1" "$tmp/c2"; then ok; else bad "c. hostile/$(basename "$dir"): -j1 and -j2 differ"; fi
done

# ---- d. hostile inputs finish in time ----

# CPU seconds (user + system) of one thread (-j1), so that other work on
# a shared machine does not decide the result; wall-clock time when GNU
# time is missing.
timed() { # dir args... -> $secs, $rc
	dir=$1
	shift
	if [ -x /usr/bin/time ]; then
		# shellcheck disable=SC2086
		(cd "$dir" && timeout 60 /usr/bin/time -f '%U %S' -o "$tmp/time" "$bin" -j1 "$@" \
			>/dev/null 2>&1 </dev/null)
		rc=$?
		secs=$(awk '{ printf "%.2f", $1 + $2 }' "$tmp/time" 2>/dev/null)
	else
		start=$(date +%s.%N)
		(cd "$dir" && timeout 60 "$bin" -j1 "$@" >/dev/null 2>&1 </dev/null)
		rc=$?
		secs=$(echo "$(date +%s.%N) $start" | awk '{ printf "%.2f", $1 - $2 }')
	fi
}
for dir in $(find "$top/fixtures/hostile" -mindepth 1 -maxdepth 1 -type d | sort); do
	name=$(basename "$dir")
	rm -rf "$tmp/case"
	cp -R "$dir" "$tmp/case"
	[ -f "$tmp/case/setup.sh" ] && (cd "$tmp/case" && sh ./setup.sh >/dev/null 2>&1)
	args=.
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	# shellcheck disable=SC2086
	timed "$tmp/case" $args
	if [ "$rc" -gt 2 ]; then
		bad "d. hostile/$name: exit $rc after ${secs}s"
	elif awk -v s="${secs:-99}" 'BEGIN { exit !(s >= 5) }'; then
		bad "d. hostile/$name: took ${secs}s of CPU (limit 5s)"
	else
		ok
	fi
done

# ---- e. wrong types in the config ----

E=$tmp/e
mkdir -p "$E"
cp "$top/fixtures/demo/"* "$E/"
while IFS='|' read -r what yaml; do
	[ -n "$what" ] || continue
	printf '%b\n' "$yaml" >"$E/.ptrlint.yaml"
	(cd "$E" && "$bin" -c .ptrlint.yaml . >"$tmp/e-out" 2>&1 </dev/null)
	rc=$?
	if [ $rc -ne 2 ]; then
		bad "e. $what: exit $rc, expected 2"
		cat "$tmp/e-out"
	elif ! grep -q '^ptrlint: \.ptrlint\.yaml:[0-9]*:[0-9]*: ' "$tmp/e-out"; then
		bad "e. $what: no FILE:LINE:COL message:"
		cat "$tmp/e-out"
	else
		ok
	fi
done <<'EOF'
top level a list|- zones
top level a string|just text
zones a string|zones: db.example.com
zones entry a string|zones:\n  - db.example.com
zones file a list|zones:\n  - file: [db.example.com]
zones origin a map|zones:\n  - file: db.example.com\n    origin: {a: b}
zones glob a number list|zones:\n  - glob: [1, 2]
zone-patterns a map|zone-patterns: {a: b}
include-base a list|include-base: [a]
include-map a list|include-map: [a, b]
include-map value a list|include-map:\n  /etc/: [zones]
generate-limit text|generate-limit: many
generate-limit negative|generate-limit: -1
generate-limit zero|generate-limit: 0
generate-limit a list|generate-limit: [1]
mail a list|mail: [mx]
mail.mx text|mail:\n  mx: maybe
mail.spf a list|mail:\n  spf: [true]
mail.spf-ranges a map|mail:\n  spf-ranges: {a: 1}
mail.hosts a map|mail:\n  hosts: {a: b}
mail.patterns a map|mail:\n  patterns: {a: b}
mail.patterns bad regex|mail:\n  patterns: ['(unclosed']
mail.senders a string|mail:\n  senders: 192.0.2.25
mail.senders entry a string|mail:\n  senders:\n    - 192.0.2.25
mail.senders address bad|mail:\n  senders:\n    - address: 999.1.2.3
mail.senders address a list|mail:\n  senders:\n    - address: [192.0.2.25]
mail.senders helo a list|mail:\n  senders:\n    - address: 192.0.2.25\n      helo: [a]
tlds a map|tlds: {a: b}
rules a list|rules: [host-ptr-missing]
rules unknown rule|rules:\n  no-such-rule: error
rules severity a list|rules:\n  host-ptr-missing: [warning]
rules severity unknown|rules:\n  host-ptr-missing: loud
rules long form severity a list|rules:\n  mail-ptr-generic:\n    severity: [warning]
rules option wrong type|rules:\n  mail-ptr-generic:\n    words: {a: b}
rules unknown option|rules:\n  mail-ptr-generic:\n    colour: red
ignore a string|ignore: everything
ignore entry a string|ignore:\n  - host-ptr-missing
ignore rules a map|ignore:\n  - rules: {a: b}
ignore names a map|ignore:\n  - names: {a: b}
ignore addresses bad|ignore:\n  - addresses: [not-an-address]
ignore expires bad|ignore:\n  - rules: [host-ptr-missing]\n    expires: tomorrow
ignore reason a list|ignore:\n  - rules: [host-ptr-missing]\n    reason: [a]
fail-on a number|fail-on: 3
fail-on a list|fail-on: [error]
unknown key|mial:\n  mx: true
EOF

# ---- f. reports stay valid whatever bytes the zones hold ----

# JSON and SARIF must be UTF-8 (RFC 8259 §8.1) and parse, github and text
# lines must stay one line each, for zones full of NULs and bytes that are
# not UTF-8 (checked with iconv and jq, when they are here)
for name in txt-invalid-utf8 binary-nul long-names unterminated-eof; do
	rm -rf "$tmp/case"
	cp -R "$top/fixtures/hostile/$name" "$tmp/case"
	[ -f "$tmp/case/setup.sh" ] && (cd "$tmp/case" && sh ./setup.sh >/dev/null 2>&1)
	for fmt in json sarif github text; do
		(cd "$tmp/case" && "$bin" -f "$fmt" . >"$tmp/f-out" 2>"$tmp/f-err" </dev/null)
		if command -v iconv >/dev/null && ! iconv -f UTF-8 -t UTF-8 "$tmp/f-out" >/dev/null 2>&1; then
			bad "f. hostile/$name -f $fmt: output is not UTF-8"
		elif [ "$fmt" = json ] || [ "$fmt" = sarif ]; then
			if command -v jq >/dev/null && ! jq -e . "$tmp/f-out" >/dev/null 2>&1; then
				bad "f. hostile/$name -f $fmt: output does not parse as JSON"
			else
				ok
			fi
		elif [ "$fmt" = github ] && grep -v '^::\(error\|warning\|notice\) file=\|^::notice::' "$tmp/f-out" | grep -q .; then
			bad "f. hostile/$name -f github: a line that is not a workflow command"
		else
			ok
		fi
	done
done

# ---- g. FIFOs are never opened ----

# A writer blocks in open() until a reader opens the FIFO, so if the writer
# gets through, ptrlint opened it: a FIFO named like a zone (directory
# search), one a config glob matches, and a FIFO as the discovered config.
# Whether a path is a regular file is asked of stat, never of open.
fifo_never_opened() { # what fifo-name config-or-empty
	rm -rf "$tmp/g" "$tmp/g-opened"
	mkdir "$tmp/g"
	zone_header example.com. >"$tmp/g/db.example.com"
	[ -n "$3" ] && printf '%s\n' "$3" >"$tmp/g/.ptrlint.yaml"
	mkfifo "$tmp/g/$2"
	( : >"$tmp/g/$2"; : >"$tmp/g-opened" ) &
	writer=$!
	(cd "$tmp/g" && timeout 20 "$bin" >/dev/null 2>&1 </dev/null)
	sleep 0.3
	if [ -e "$tmp/g-opened" ]; then bad "g. $1: the FIFO was opened"; else ok; fi
	kill "$writer" 2>/dev/null
	wait "$writer" 2>/dev/null
}
fifo_never_opened "directory search" db.fifo.zone ""
fifo_never_opened "config glob" fifo.zone 'zones: [{glob: "*.zone"}, {file: db.example.com}]'
fifo_never_opened "discovered config" .ptrlint.yaml ""

echo "guarantees: $passed passed, $failed failed"
[ $failed -eq 0 ]
