# mk/hook.mk — tests/test_hook.sh also runs the hook through the
# pre-commit framework, so the suites that run it install Debian's
# pre-commit first (only the tests need it: not in DEB_PACKAGES, which
# `make demo` installs too). `deps` does the installing, given this list.

HOOK_DEB_PACKAGES := pre-commit

.PHONY: hook-deps
hook-deps:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(HOOK_DEB_PACKAGES)"

golden san-golden: hook-deps
