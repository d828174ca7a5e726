#!/bin/sh
# test_hook.sh PTRLINT — the pre-commit hook end to end (SPEC §8), twice:
# as a plain git hook (hooks/pre-commit copied into .git/hooks) and
# through the pre-commit framework with this checkout's
# .pre-commit-hooks.yaml (Debian's `pre-commit`; `make golden` installs
# it: missing, this test fails). Each run builds a throw-away zone
# repository with PTRLINT pointing at the binary under test and checks
# that the hook gates what a commit changes, not the repository: a first
# commit with an error is refused and a clean one passes (no HEAD yet); a
# commit touching no zone passes unlinted although old errors and a
# broken zone sit elsewhere; a new error is refused, a fix left unstaged
# does not count and "git commit -a" lints what it commits; a changed
# zone or $INCLUDEd file whose serial was not raised is refused and with
# the serial raised passes; a deleted $INCLUDEd file, a renamed zone and a
# changed config are linted; in a repository without zones, commits pass
# unlinted until one adds the first zones, which are linted alone. Closing line: "hook: N passed, N failed";
# exit status non-zero on any failure.

if [ $# -ne 1 ]; then
	echo "usage: $0 PTRLINT" >&2
	exit 2
fi
case $1 in
/*) ptrlint=$1 ;;
*) ptrlint=$(pwd)/$1 ;;
esac
checkout=$(cd "$(dirname "$0")/.." && pwd)

passed=0
failed=0
pass() {
	passed=$((passed + 1))
}
fail() {
	failed=$((failed + 1))
	echo "hook: FAIL: $method: $1"
	if [ -n "${2-}" ] && [ -f "$2" ]; then
		sed 's/^/    | /' "$2"
	fi
}
method=setup

if [ ! -x "$ptrlint" ]; then
	fail "'$ptrlint' is not an executable"
	echo "hook: $passed passed, $failed failed"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ptrlint-hook.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# Repositories of our own, whatever the caller's git setup: no outer
# repository from a hook we may run under, no global hooksPath or signing,
# and the pre-commit framework's cache inside $tmp.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_CEILING_DIRECTORIES GIT_NAMESPACE
HOME=$tmp
XDG_CONFIG_HOME=$tmp
XDG_CACHE_HOME=$tmp/cache
PRE_COMMIT_HOME=$tmp/pre-commit-cache
GIT_CONFIG_NOSYSTEM=1
PTRLINT=$ptrlint
export HOME XDG_CONFIG_HOME XDG_CACHE_HOME PRE_COMMIT_HOME GIT_CONFIG_NOSYSTEM PTRLINT
git config --global user.name "Zone Keeper"
git config --global user.email hostmaster@example.com
git config --global commit.gpgsign false
git config --global init.defaultBranch main

forward_zone() { # SERIAL [EXTRA RECORD]
	cat <<EOF
\$ORIGIN example.com.
\$TTL 3600
@	IN SOA	ns1.example.com. hostmaster.example.com. (
		$1 7200 3600 1209600 3600 )
	IN NS	ns1.example.com.
	IN MX	10 mail.example.com.
ns1	IN A	192.0.2.53
mail	IN A	192.0.2.25
\$INCLUDE hosts.inc
${2-}
EOF
}
reverse_zone() { # SERIAL PTR-TARGET-OF-.25
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
# example.net's MX names a host that has no address: an error
old_error_zone() {
	cat <<'EOF'
$ORIGIN example.net.
$TTL 3600
@	IN SOA	ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600
	IN NS	ns1.example.com.
	IN MX	10 gone.example.net.
EOF
}

# commits WHAT [GIT-COMMIT-ARGS]: the commit must go through
commits() {
	what=$1
	shift
	before=$(git rev-parse -q --verify HEAD)
	if git commit -q -m "$what" "$@" > "$tmp/out" 2>&1 &&
		[ "$(git rev-parse -q --verify HEAD)" != "$before" ]; then
		pass
	else
		fail "$what: refused" "$tmp/out"
	fi
}

# refused WHAT RULE [GIT-COMMIT-ARGS]: the commit must be refused, HEAD
# stay, and the output name RULE and how to bypass the hook
refused() {
	what=$1
	rule=$2
	shift 2
	before=$(git rev-parse -q --verify HEAD)
	if git commit -q -m "$what" "$@" > "$tmp/out" 2>&1; then
		fail "$what: went through" "$tmp/out"
	elif [ "$(git rev-parse -q --verify HEAD)" != "$before" ]; then
		fail "$what: HEAD moved although the commit was refused" "$tmp/out"
	elif ! grep -q -- "$rule" "$tmp/out" || ! grep -q -- "--no-verify" "$tmp/out"; then
		fail "$what: the refusal does not name '$rule' and --no-verify" "$tmp/out"
	else
		pass
	fi
}

# linted WHAT / not_linted WHAT: did the last commit's hook lint the
# change, or say that it had nothing to lint?
linted() {
	if grep -q "not linted" "$tmp/out" || ! grep -q "in [0-9]* zones" "$tmp/out"; then
		fail "$1: the change was not linted" "$tmp/out"
	else
		pass
	fi
}
not_linted() {
	if grep -q "not linted: no zone file, \$INCLUDEd file or config differs" "$tmp/out"; then
		pass
	else
		fail "$1: the change was linted" "$tmp/out"
	fi
}

# The hook repository the framework clones: this checkout's manifest and
# hook script as they are now, committed.
hook_repository() {
	hooks=$tmp/hook-repo
	mkdir -p "$hooks/hooks"
	cp "$checkout/.pre-commit-hooks.yaml" "$hooks/" &&
		cp "$checkout/hooks/pre-commit" "$hooks/hooks/pre-commit" &&
		git init -q "$hooks" &&
		git -C "$hooks" add . &&
		git -C "$hooks" commit -q -m hooks || return 1
	hooks_rev=$(git -C "$hooks" rev-parse HEAD)
}

# A new zone repository in $1 with the hook installed the way $method says.
new_repository() {
	git init -q "$1" && cd "$1" || exit 2
	case $method in
	git-hook)
		cp "$checkout/hooks/pre-commit" .git/hooks/pre-commit &&
			chmod +x .git/hooks/pre-commit || exit 2
		;;
	pre-commit-framework)
		# verbose: the hook's output also when it passes, to see
		# whether it linted
		cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $hooks
    rev: $hooks_rev
    hooks:
      - id: ptrlint
        verbose: true
EOF
		pre-commit install > "$tmp/out" 2>&1 || {
			fail "pre-commit install failed" "$tmp/out"
			return 1
		}
		git add .pre-commit-config.yaml
		;;
	esac
	mkdir zones
	printf 'fail-on: error\n' > .ptrlint.yaml
	forward_zone 2024010101 > zones/db.example.com
	printf 'www\tIN A\t192.0.2.80\n' > zones/hosts.inc
	reverse_zone 2024010101 mail.example.com. > zones/db.192.0.2
	old_error_zone > zones/db.example.net
}

scenario() {
	new_repository "$tmp/$method" || return

	# the first commit (no HEAD): the index alone is linted
	git add .ptrlint.yaml zones
	refused "first commit with an error" "mail-host-no-address"
	git rm -q --cached zones/db.example.net
	commits "first commit, clean"

	# an old error and a zone that does not parse, committed past the hook
	git add zones/db.example.net
	printf '$ORIGIN example.org.\n@ IN SOA ns1 hostmaster (\n' > zones/db.example.org
	git add zones/db.example.org
	git commit -q --no-verify -m "old problems" || exit 2

	echo "Zones of example.com" > README
	git add README
	commits "README only, old errors elsewhere"
	not_linted "README only"

	# a new error (the serial is raised): refused for it alone
	reverse_zone 2024010102 ns1.example.com. > zones/db.192.0.2
	git add zones/db.192.0.2
	refused "new error" "mail-ptr-mismatch"
	# fixed in the working tree only: the index is what gets committed
	reverse_zone 2024010102 mail.example.com. > zones/db.192.0.2
	refused "fix left unstaged" "mail-ptr-mismatch"
	commits "git commit -a with the fix" -a
	linted "git commit -a"

	forward_zone 2024010101 'mx2	IN A	192.0.2.26' > zones/db.example.com
	git add zones/db.example.com
	refused "zone changed, serial not raised" "soa-serial-not-incremented"
	forward_zone 2024010102 'mx2	IN A	192.0.2.26' > zones/db.example.com
	git add zones/db.example.com
	commits "zone changed, serial raised"
	linted "zone changed, serial raised"

	printf 'www\tIN A\t192.0.2.81\n' > zones/hosts.inc
	git add zones/hosts.inc
	refused "\$INCLUDEd file changed, serial not raised" "soa-serial-not-incremented"
	forward_zone 2024010103 'mx2	IN A	192.0.2.26' > zones/db.example.com
	git add zones/db.example.com
	commits "\$INCLUDEd file changed, serial raised"

	git rm -q -f zones/hosts.inc
	forward_zone 2024010104 'mx2	IN A	192.0.2.26' > zones/db.example.com
	git add zones/db.example.com
	refused "\$INCLUDEd file deleted" "hosts.inc' not read"

	git reset -q --hard
	git mv zones/db.192.0.2 zones/2.0.192.in-addr.arpa
	commits "zone renamed"
	linted "zone renamed"

	printf 'fail-on: error\nrules:\n  host-ptr-missing: warning\n' > .ptrlint.yaml
	git add .ptrlint.yaml
	commits "config changed"
	linted "config changed"
	printf 'rules: [\n' > .ptrlint.yaml
	git add .ptrlint.yaml
	refused "config broken" "ptrlint could not lint"
	git reset -q --hard
}

# A repository that had no zone before: commits without one are not
# linted, and the commit that adds the first zones (listed in the config,
# so missing from HEAD) lints them alone.
scenario_zones_later() {
	new_repository "$tmp/$method-later" || return
	echo "Zones of example.com, soon" > README
	git add README
	commits "first commit, no zone"
	echo "Zones of example.com, sooner" > README
	git add README
	commits "no zone before or after"
	not_linted "no zone before or after"

	printf 'zones:\n  - file: zones/db.example.com\n  - file: zones/db.192.0.2\n  - file: zones/db.example.net\n' > .ptrlint.yaml
	git add .ptrlint.yaml zones
	refused "first zones, one with an error" "mail-host-no-address"
	printf 'zones:\n  - file: zones/db.example.com\n  - file: zones/db.192.0.2\n' > .ptrlint.yaml
	git rm -q --cached zones/db.example.net
	git add .ptrlint.yaml
	commits "first zones, clean"
	linted "first zones, clean"
}

method=git-hook
scenario
scenario_zones_later

method=pre-commit-framework
if ! command -v pre-commit > /dev/null 2>&1; then
	fail "the pre-commit framework is not installed (make hook-deps installs it)"
elif hook_repository; then
	scenario
	scenario_zones_later
else
	fail "cannot build the hook repository for the framework"
fi

echo "hook: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
