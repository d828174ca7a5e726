# mk/install.mk — `make install` and `make uninstall` (PREFIX, default
# /usr/local, and DESTDIR for staged installs and packages), and
# `make install-test`, part of `make check`, which installs into a
# temporary DESTDIR with PREFIX=/usr, checks that what a user touches
# works from there (man page, binary, completion, hook), and that
# uninstall leaves no file behind.
#
# Layout under PREFIX:
#   bin/ptrlint
#   share/man/man1/ptrlint.1
#   share/doc/ptrlint/README.md
#   share/doc/ptrlint/docs/{DESIGN.md,config.md,fcrdns.md,...,rules/ID.md}
#     (as in the source tree, so that README's links to docs/ work)
#   share/ptrlint/hooks/pre-commit
#   share/bash-completion/completions/ptrlint

INSTALL ?= install
BINDIR = $(PREFIX)/bin
MAN1DIR = $(PREFIX)/share/man/man1
DOCDIR = $(PREFIX)/share/doc/ptrlint
DATADIR = $(PREFIX)/share/ptrlint
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions

INSTALL_DOCS := $(wildcard docs/*.md)
INSTALL_RULE_DOCS := $(wildcard docs/rules/*.md)

.PHONY: install uninstall install-test
CHECK_EXTRA += install-test

install: ptrlint
	$(INSTALL) -D -m 755 ptrlint $(DESTDIR)$(BINDIR)/ptrlint
	$(INSTALL) -D -m 644 docs/ptrlint.1 $(DESTDIR)$(MAN1DIR)/ptrlint.1
	$(INSTALL) -D -m 755 hooks/pre-commit $(DESTDIR)$(DATADIR)/hooks/pre-commit
	$(INSTALL) -D -m 644 completion/ptrlint.bash $(DESTDIR)$(BASHCOMPDIR)/ptrlint
	$(INSTALL) -d -m 755 $(DESTDIR)$(DOCDIR)/docs/rules
	$(INSTALL) -m 644 README.md $(DESTDIR)$(DOCDIR)/
	$(INSTALL) -m 644 $(INSTALL_DOCS) $(DESTDIR)$(DOCDIR)/docs/
	$(INSTALL) -m 644 $(INSTALL_RULE_DOCS) $(DESTDIR)$(DOCDIR)/docs/rules/

# The doc and data directories are ptrlint's own and go whole, so that a
# page a newer checkout no longer has does not stay behind; bin, man1 and
# completions are shared with other packages: only our file goes.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ptrlint $(DESTDIR)$(MAN1DIR)/ptrlint.1 \
		$(DESTDIR)$(BASHCOMPDIR)/ptrlint
	rm -rf $(DESTDIR)$(DOCDIR) $(DESTDIR)$(DATADIR)

install-test: ptrlint
	@dest=$$(mktemp -d "$${TMPDIR:-/tmp}/ptrlint-install.XXXXXX") || exit 2; \
	trap 'rm -rf "$$dest"' EXIT; \
	passed=0; failed=0; \
	ok() { passed=$$((passed + 1)); }; \
	no() { failed=$$((failed + 1)); echo "install-test: FAIL: $$*"; }; \
	$(MAKE) --no-print-directory install DESTDIR="$$dest" PREFIX=/usr >"$$dest.log" 2>&1 || { \
		cat "$$dest.log"; rm -f "$$dest.log"; echo "install-test: make install failed"; exit 1; }; \
	rm -f "$$dest.log"; \
	u=$$dest/usr; \
	[ -x "$$u/bin/ptrlint" ] && ok || no "no executable usr/bin/ptrlint"; \
	[ -x "$$u/share/ptrlint/hooks/pre-commit" ] && ok || no "no executable hook in usr/share/ptrlint/hooks"; \
	for f in share/man/man1/ptrlint.1 share/bash-completion/completions/ptrlint \
		share/doc/ptrlint/README.md share/doc/ptrlint/docs/config.md; do \
		[ -f "$$u/$$f" ] && ok || no "usr/$$f not installed"; done; \
	for link in $$(grep -o '](docs/[^)#]*' README.md | cut -c3- | sort -u); do \
		[ -e "$$u/share/doc/ptrlint/$$link" ] && ok || \
			no "README links to $$link, not installed beside it"; done; \
	for id in $$(./ptrlint --list-rules | cut -d' ' -f1); do \
		cmp -s "docs/rules/$$id.md" "$$u/share/doc/ptrlint/docs/rules/$$id.md" && ok || \
			no "usr/share/doc/ptrlint/docs/rules/$$id.md missing or different"; done; \
	if command -v man >/dev/null 2>&1; then \
		render="man -l"; else render="mandoc -T utf8"; fi; \
	MANWIDTH=80 $$render "$$u/share/man/man1/ptrlint.1" 2>"$$dest/render.err" >"$$dest/render.out"; \
	if grep -q '^EXIT STATUS' "$$dest/render.out" && grep -q -- '--fail-on' "$$dest/render.out" && \
		[ ! -s "$$dest/render.err" ]; then ok; else \
		no "$$render does not render the installed page"; cat "$$dest/render.err"; fi; \
	rm -f "$$dest/render.out" "$$dest/render.err"; \
	"$$u/bin/ptrlint" --version | grep -q '^ptrlint [0-9]' && ok || no "installed ptrlint --version"; \
	"$$u/bin/ptrlint" --explain mail-ptr-missing | cmp -s - docs/rules/mail-ptr-missing.md && ok || \
		no "installed ptrlint --explain"; \
	comp=$$(PATH="$$u/bin:$$PATH" bash -c '. "$$1"; COMP_LINE="ptrlint --explain mail-ptr-mi"; \
		COMP_POINT=$${#COMP_LINE}; COMP_WORDS=(ptrlint --explain mail-ptr-mi); COMP_CWORD=2; \
		_ptrlint; echo "$${COMPREPLY[*]}"' sh "$$u/share/bash-completion/completions/ptrlint"); \
	[ "$$comp" = "mail-ptr-missing mail-ptr-mismatch" ] && ok || no "completion of rule ids gave '$$comp'"; \
	offered=$$(sed -n "/^_ptrlint_options='/,/'\$$/p" completion/ptrlint.bash | tr -d "'" | tr -s ' =' '\n\n'); \
	for opt in $$(./ptrlint --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do \
		printf '%s\n' "$$offered" | grep -qx -- "$$opt" && ok || no "completion does not offer $$opt"; done; \
	$(MAKE) --no-print-directory uninstall DESTDIR="$$dest" PREFIX=/usr >/dev/null || no "make uninstall failed"; \
	left=$$(find "$$dest" ! -type d); \
	[ -z "$$left" ] && ok || no "uninstall left: $$left"; \
	MAKEFLAGS= $(MAKE) --no-print-directory install DESTDIR="$$dest/default" >/dev/null 2>&1 && \
		[ -x "$$dest/default/usr/local/bin/ptrlint" ] && \
		[ -f "$$dest/default/usr/local/share/doc/ptrlint/docs/rules/zone-syntax.md" ] && ok || \
		no "the default PREFIX is not /usr/local"; \
	echo "install-test: $$passed passed, $$failed failed"; \
	[ $$failed -eq 0 ]
