#!/bin/sh
# test_git_hostile.sh PTRLINT — a damaged, huge or foreign git repository
# ends in a clear message and exit status, in bounded time and memory
# (SPEC §9; issue 15 items 5 and 9 and its git weak spots). What a golden
# case cannot stage: memory limits, a FIFO in .git, ownership (as root),
# a shallow clone. Each run is under `timeout`, so a regression to a hang
# fails in seconds.
#
#  1. a blob of 1 GiB + 1 byte (4.5 MB on disk, zeros) under ulimit -v
#     700 MB: refused from its header, naming the limit (was: inflated
#     by libgit2 first, 1 GiB of memory for nothing)
#  2. a truncated loose object, a blob and a commit named by a short id:
#     exit 2 at once (was: libgit2 1.5.1 looped forever)
#  3. a loose object whose header understates its size: exit 2 (was: a
#     heap overflow inside libgit2 1.5.1)
#  4. a hang left to the watchdog (.git/index a FIFO): exit 2 after
#     PTRLINT_GIT_TIMEOUT=1 second (was: blocked forever)
#  5. a repository owned by another user (as root only)
#  6. a shallow clone asked for history it does not hold
#  7. a repository without commits: --rev says so, --staged works
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(pwd)
tmp=$(mktemp -d)
trap 'chown -R "$(id -u)" "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
failed=0
export NO_COLOR=1 PTRLINT_TODAY=2026-11-23 GIT_CONFIG_NOSYSTEM=1 HOME="$tmp"
git config --global user.email test@example.com
git config --global user.name test
git config --global init.defaultBranch main

fail() {
	echo "test_git_hostile: $*"
	sed 's/^/    /' "$tmp/out" | head -20
	failed=1
}

# run NAME EXPECTED-EXIT PATTERN... -- PTRLINT-ARGS: run ptrlint (at most
# 20 s) and require its exit status and each pattern in its output
run() {
	name=$1 want=$2
	shift 2
	patterns=
	while [ "$1" != -- ]; do
		patterns="$patterns
$1"
		shift
	done
	shift
	timeout 20 "$bin" "$@" >"$tmp/out" 2>&1 </dev/null
	rc=$?
	[ "$rc" = "$want" ] || { fail "$name: exit $rc, want $want"; return 1; }
	echo "$patterns" | while IFS= read -r p; do
		[ -z "$p" ] || grep -qF -- "$p" "$tmp/out" || echo "$p"
	done >"$tmp/missing"
	if [ -s "$tmp/missing" ]; then
		fail "$name: output lacks: $(cat "$tmp/missing")"
		return 1
	fi
	if grep -q 'Sanitizer\|runtime error' "$tmp/out"; then
		fail "$name: sanitizer report"
		return 1
	fi
}

zone() { # FILE SERIAL: a small healthy zone
	printf '$ORIGIN example.com.\n@ 3600 IN SOA ns.example.com. hostmaster.example.com. %s 7200 3600 1209600 300\n@ 3600 IN NS ns.example.com.\nns 3600 IN A 192.0.2.1\n' "$2" >"$1"
}

new_repo() { # DIR: a repository with one commit of one zone
	git init -q "$1" && zone "$1/db.example.com" 1 &&
		git -C "$1" add db.example.com && git -C "$1" commit -qm one
}

loose_path() { # REPO OBJECT-ID
	echo "$1/.git/objects/$(echo "$2" | cut -c1-2)/$(echo "$2" | cut -c3-)"
}

# 1. the blob over the limit
if command -v python3 >/dev/null; then
	new_repo "$tmp/big"
	id=$(python3 "$top/tests/git-big-blob.py" "$tmp/big/.git/objects")
	git -C "$tmp/big" update-index --add --cacheinfo "100644,$id,big.example.zone"
	git -C "$tmp/big" commit -qm big
	(ulimit -v 700000 && run "blob over 1 GiB" 1 "cannot read 'big.example.zone'" \
		"1073741825 bytes, larger than the limit of 1 GiB" -- --git="$tmp/big" --rev HEAD) ||
		failed=1
	[ -s "$tmp/big/.git/objects/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-)" ] ||
		fail "blob over 1 GiB: the blob was not written"
	rm -rf "$tmp/big"
else
	fail "blob over 1 GiB: python3 missing (make deps installs it)"
fi

cut_object() { # REPO OBJECT-ID: keep the first half of its loose file
	f=$(loose_path "$1" "$2")
	chmod u+w "$f"
	head -c "$(($(wc -c <"$f") / 2))" "$f" >"$tmp/half" && cat "$tmp/half" >"$f"
}

# 2. a loose object cut in half: a blob; a commit named by a short id
# (libgit2 reads a prefix through every backend, its own loose one too)
new_repo "$tmp/cut"
blob=$(git -C "$tmp/cut" rev-parse HEAD:db.example.com)
commit=$(git -C "$tmp/cut" rev-parse HEAD)
cut_object "$tmp/cut" "$blob"
run "truncated loose object" 2 "git object store is damaged" "$blob" "is cut short" \
	"db.example.com" -- --git="$tmp/cut" --rev HEAD
cut_object "$tmp/cut" "$commit"
short=$(echo "$commit" | cut -c1-8)
run "truncated commit, short id" 2 "resolving revision '$short'" "$commit" "is cut short" \
	-- --git="$tmp/cut" --rev "$short"

# 3. "blob 5" holding 100 bytes, in place of the zone's blob
new_repo "$tmp/over"
blob=$(git -C "$tmp/over" rev-parse HEAD:db.example.com)
f=$(loose_path "$tmp/over" "$blob")
chmod u+w "$f"
{ printf 'blob 5\0'; head -c 100 /dev/zero | tr '\0' A; } | gzip -c -n -1 | tail -c +11 >"$tmp/deflated"
# gzip's deflate stream with zlib's two-byte header (its trailer is not
# checked before the size mismatch is)
{ printf '\170\001'; cat "$tmp/deflated"; } >"$f"
run "header understates the size" 2 "git object store is damaged" "$blob" \
	"holds more than the 5 bytes its header states" -- --git="$tmp/over" --rev HEAD

# 4. the watchdog: libgit2 blocks opening a FIFO as the index
new_repo "$tmp/fifo"
rm -f "$tmp/fifo/.git/index"
mkfifo "$tmp/fifo/.git/index"
start=$(date +%s)
PTRLINT_GIT_TIMEOUT=1 run "watchdog" 2 "no answer from libgit2 after 1 s while reading the index" \
	-- --git="$tmp/fifo" --staged
[ $(($(date +%s) - start)) -le 10 ] || fail "watchdog: took more than 10 s"

# 5. owned by another user: libgit2 (like git) refuses it
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	new_repo "$tmp/foreign"
	chown -R nobody "$tmp/foreign"
	run "owned by another user" 2 "owned by another user" "safe.directory" \
		-- --git="$tmp/foreign" --rev HEAD
else
	echo "test_git_hostile: not root, case 5 (owned by another user) not run"
fi

# 6. a shallow clone: --since a revision before its cut
new_repo "$tmp/deep"
zone "$tmp/deep/db.example.com" 2
git -C "$tmp/deep" commit -qam two
git clone -q --depth 1 "file://$tmp/deep" "$tmp/shallow" 2>/dev/null
run "shallow clone" 2 "resolving revision 'HEAD~1'" "shallow clone" "git fetch --deepen" \
	"--unshallow" -- --git="$tmp/shallow" --rev HEAD --since HEAD~1

# 7. no commits yet
git init -q "$tmp/empty"
run "no commits" 2 "resolving revision 'HEAD': the repository has no commits yet" "--staged" \
	-- --git="$tmp/empty" --rev HEAD
run "no commits, --since" 2 "--since 'HEAD': the repository has no commits yet" \
	"lint without --since" -- --git="$tmp/empty" --staged --since HEAD
zone "$tmp/empty/db.example.com" 1
git -C "$tmp/empty" add db.example.com
run "first commit, index alone" 0 "no findings in 1 zone" -- --git="$tmp/empty" --staged

[ $failed = 0 ] && echo "test_git_hostile: all cases passed"
exit $failed
