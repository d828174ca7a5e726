#!/bin/sh
# test_hook.sh PTRLINT — hooks/pre-commit end to end (SPEC §8): in a
# throw-away repository with the hook installed and PTRLINT pointing at the
# binary under test, a clean zone set commits (the repository's first
# commit: no HEAD yet), a staged PTR that names another host is refused
# with mail-ptr-mismatch, a fix left unstaged does not count, and
# "git commit -a" lints what it is about to commit. Closing line:
# "hook: N passed, N failed"; exit status non-zero on any failure.

if [ $# -ne 1 ]; then
	echo "usage: $0 PTRLINT" >&2
	exit 2
fi
case $1 in
/*) ptrlint=$1 ;;
*) ptrlint=$(pwd)/$1 ;;
esac
hook=$(cd "$(dirname "$0")/.." && pwd)/hooks/pre-commit

passed=0
failed=0
pass() {
	passed=$((passed + 1))
}
fail() {
	failed=$((failed + 1))
	echo "hook: FAIL: $1"
	if [ -n "${2-}" ] && [ -f "$2" ]; then
		sed 's/^/    | /' "$2"
	fi
}

if [ ! -x "$ptrlint" ]; then
	fail "'$ptrlint' is not an executable"
	echo "hook: $passed passed, $failed failed"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ptrlint-hook.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# A repository of our own, whatever the caller's git setup: no outer
# repository from a hook we may run under, no global hooksPath or signing.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_CEILING_DIRECTORIES GIT_NAMESPACE
HOME=$tmp
XDG_CONFIG_HOME=$tmp
GIT_CONFIG_NOSYSTEM=1
PTRLINT=$ptrlint
export HOME XDG_CONFIG_HOME GIT_CONFIG_NOSYSTEM PTRLINT

repo=$tmp/repo
git init -q "$repo" || exit 2
cd "$repo" || exit 2
git config user.name "Zone Keeper"
git config user.email hostmaster@example.com
git config commit.gpgsign false
cp "$hook" .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit || exit 2

mkdir zones
cat > .ptrlint.yaml <<'EOF'
zones:
  - file: zones/db.example.com
  - file: zones/db.192.0.2
EOF
cat > zones/db.example.com <<'EOF'
$ORIGIN example.com.
$TTL 3600
@	IN SOA	ns1.example.com. hostmaster.example.com. (
		2024010101 7200 3600 1209600 3600 )
	IN NS	ns1.example.com.
	IN MX	10 mail.example.com.
ns1	IN A	192.0.2.53
mail	IN A	192.0.2.25
EOF
reverse_zone() {
	cat <<EOF
\$ORIGIN 2.0.192.in-addr.arpa.
\$TTL 3600
@	IN SOA	ns1.example.com. hostmaster.example.com. (
		$1 7200 3600 1209600 3600 )
	IN NS	ns1.example.com.
25	IN PTR	$2
53	IN PTR	ns1.example.com.
EOF
}
reverse_zone 2024010101 mail.example.com. > zones/db.192.0.2

# 1. a clean zone set: the first commit goes through
git add .ptrlint.yaml zones
if git commit -q -m "zones" > "$tmp/out" 2>&1; then
	pass
else
	fail "a clean first commit was refused" "$tmp/out"
fi
if git rev-parse -q --verify HEAD > /dev/null; then
	pass
else
	fail "no commit was made"
fi
first=$(git rev-parse -q --verify HEAD)

# 2. the PTR of the mail host names another host: refused, and says why
reverse_zone 2024010102 ns1.example.com. > zones/db.192.0.2
git add zones/db.192.0.2
if git commit -q -m "break the mail PTR" > "$tmp/out" 2>&1; then
	fail "a commit that breaks the mail host's PTR went through" "$tmp/out"
else
	pass
fi
if grep -q "mail-ptr-mismatch" "$tmp/out"; then
	pass
else
	fail "the refusal does not name mail-ptr-mismatch" "$tmp/out"
fi
if grep -q -- "--no-verify" "$tmp/out"; then
	pass
else
	fail "the refusal does not say how to bypass the hook" "$tmp/out"
fi
if [ "$(git rev-parse -q --verify HEAD)" = "$first" ]; then
	pass
else
	fail "HEAD moved although the commit was refused"
fi

# 3. fixed in the working tree only: the index still holds the broken
#    PTR, and the index is what gets committed
reverse_zone 2024010102 mail.example.com. > zones/db.192.0.2
if git commit -q -m "fix left unstaged" > "$tmp/out" 2>&1; then
	fail "the hook read the working tree instead of the index" "$tmp/out"
else
	pass
fi

# 4. git commit -a stages the fix into the index it hands the hook
if git commit -q -a -m "fix the mail PTR" > "$tmp/out" 2>&1; then
	pass
else
	fail "git commit -a with the fix was refused (was the index of GIT_INDEX_FILE read?)" "$tmp/out"
fi
if [ "$(git show HEAD:zones/db.192.0.2 | sed -n 's/^25[[:space:]]*IN PTR[[:space:]]*//p')" = "mail.example.com." ]; then
	pass
else
	fail "HEAD does not hold the fixed PTR"
fi

echo "hook: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
