# mk/man.mk — the manual page docs/ptrlint.1: `make man-lint` checks it
# with mandoc (one of DEB_PACKAGES) at warning level, so a broken macro or
# a misspelt cross-reference fails `make check`, and also that every long
# option of `ptrlint --help` appears in the page, so an option added to
# the CLI without a manual entry fails too.

.PHONY: man-lint
CHECK_EXTRA += man-lint

man-lint: ptrlint
	@mandoc -T lint -W warning docs/ptrlint.1 || { echo "man-lint: mandoc found problems in docs/ptrlint.1"; exit 1; }
	@missing=""; \
	for opt in $$(./ptrlint --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do \
		esc=$$(printf '%s' "$$opt" | sed 's/-/\\\\-/g'); \
		grep -q -- "$$esc" docs/ptrlint.1 || missing="$$missing $$opt"; \
	done; \
	if [ -n "$$missing" ]; then echo "man-lint: docs/ptrlint.1 does not document$$missing"; exit 1; fi
	@echo "man-lint: docs/ptrlint.1 is clean and documents every option of --help"
