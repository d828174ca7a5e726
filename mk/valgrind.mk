# valgrind.mk — `make valgrind`: every golden fixture run (tests/golden.sh,
# all formats it checks) under valgrind's memcheck, failing on any memory
# error or leak (tests/valgrind-run.sh). Not part of `make check`: it takes
# about 8 minutes on two cores; ASan and UBSan cover the same runs there.
# VALGRIND_CASES narrows it: make valgrind VALGRIND_CASES=fixtures/hostile

VALGRIND_CASES ?=

.PHONY: valgrind

build/valgrind/ptrlint: tests/valgrind-run.sh
	@mkdir -p build/valgrind
	@printf '#!/bin/sh\nPTRLINT_BIN=%s exec sh %s "$$@"\n' \
		"$(CURDIR)/ptrlint" "$(CURDIR)/tests/valgrind-run.sh" >$@
	@chmod +x $@

valgrind: ptrlint build/valgrind/ptrlint
	@dpkg -s valgrind >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		echo "valgrind: installing valgrind"; $$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq valgrind >/dev/null; } || \
		{ echo "valgrind: cannot install valgrind"; exit 1; }
	@sh tests/golden.sh build/valgrind/ptrlint $(VALGRIND_CASES)
