# ptrlint — see README.md. `make demo` and `make check` are all a new
# machine needs: both install missing Debian packages first (target deps).

CC ?= cc
PKGS := ldns yaml-0.1 libgit2 zlib
DEB_PACKAGES := build-essential pkg-config git libldns-dev libyaml-dev libgit2-dev zlib1g-dev libcmocka-dev mandoc python3 \
	bind9-utils

WARN := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror
CFLAGS ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)
ALL_CFLAGS = $(WARN) $(CFLAGS) -Ilinter -Ibuild $(PKG_CFLAGS)
LIBS = $(PKG_LIBS) -lpthread

SAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

# oom.c replaces malloc for the ptrlint binary alone (see its header)
LIB_SRC := $(filter-out linter/main.c linter/oom.c,$(wildcard linter/*.c)) $(wildcard rules/*.c)
GEN_SRC := build/tlds_data.c build/rule_docs.c
TEST_SRC := $(wildcard tests/test_*.c)
DOCS := $(wildcard docs/rules/*.md)

OBJ := $(patsubst %.c,build/obj/%.o,$(LIB_SRC) $(GEN_SRC))
SAN_OBJ := $(patsubst %.c,build/san/%.o,$(LIB_SRC) $(GEN_SRC))
TESTS := $(patsubst tests/%.c,build/%,$(TEST_SRC))
SAN_TESTS := $(patsubst tests/%.c,build/san/%,$(TEST_SRC))

PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: all deps demo check unit golden catalogue san-unit san-golden clean new-rule
.DEFAULT_GOAL := all

# Further targets live in mk/*.mk (install, bench, fuzz, ...); a fragment
# adds a target to `make check` with CHECK_EXTRA += target.
CHECK_EXTRA :=
# Compiler lines only with V=1: `make check` is a line per suite.
Q := $(if $(filter 1,$(V)),,@)
-include $(sort $(wildcard mk/*.mk))

all: deps ptrlint

# Install whatever Debian package is missing, and say which.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "deps: installing$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null || \
		{ echo "deps: apt-get failed for$$missing"; exit 1; }; \
	fi

build/tlds_data.c: data/iana-tlds.txt tools/gen-tlds.sh
	@mkdir -p build
	$(Q)sh tools/gen-tlds.sh data/iana-tlds.txt > $@.tmp && mv $@.tmp $@

build/rule_docs.c: rules/rules.def tools/embed-docs.sh $(DOCS)
	@mkdir -p build
	$(Q)sh tools/embed-docs.sh rules/rules.def docs/rules > $@.tmp && mv $@.tmp $@

build/obj/%.o: %.c $(wildcard linter/*.h) rules/rules.def | deps
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

build/san/%.o: %.c $(wildcard linter/*.h) rules/rules.def | deps
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(WARN) $(SAN_FLAGS) -Ilinter -Ibuild $(PKG_CFLAGS) -c $< -o $@

ptrlint: build/obj/linter/main.o build/obj/linter/oom.o $(OBJ)
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

build/ptrlint-san: build/san/linter/main.o $(SAN_OBJ)
	$(Q)$(CC) $(SAN_FLAGS) -o $@ $^ $(LIBS)

# test_generic.c includes rules/mail_ptr_generic.c to test its static
# helpers, so it links every object but that one.
build/test_generic: tests/test_generic.c $(filter-out build/obj/rules/mail_ptr_generic.o,$(OBJ))
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $^ $(LIBS) $(CMOCKA_LIBS)

build/san/test_generic: tests/test_generic.c $(filter-out build/san/rules/mail_ptr_generic.o,$(SAN_OBJ))
	$(Q)$(CC) $(WARN) $(SAN_FLAGS) -Ilinter -Ibuild $(PKG_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $^ $(LIBS) $(CMOCKA_LIBS)

build/test_%: tests/test_%.c $(OBJ)
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $^ $(LIBS) $(CMOCKA_LIBS)

build/san/test_%: tests/test_%.c $(SAN_OBJ)
	$(Q)$(CC) $(WARN) $(SAN_FLAGS) -Ilinter -Ibuild $(PKG_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $^ $(LIBS) $(CMOCKA_LIBS)

demo: all
	@echo "== ./ptrlint fixtures/demo   (built-in defaults)"
	@./ptrlint fixtures/demo; rc=$$?; echo "== exit status $$rc (1: findings at or above --fail-on)"; [ $$rc -le 1 ]

unit: $(TESTS)
	@sh tests/run-unit.sh $(TESTS)

golden: ptrlint
	@sh tests/golden.sh ./ptrlint
	@sh tests/test_hook.sh ./ptrlint

catalogue: ptrlint
	@sh tools/check-catalogue.sh ./ptrlint

# The same suites under ASan and UBSan, their lines labelled san-*.
san-unit: $(SAN_TESTS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		SUITE=san-unit sh tests/run-unit.sh $(SAN_TESTS)

san-golden: build/ptrlint-san
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		SUITE=san-golden sh tests/golden.sh build/ptrlint-san
	@out=$$(ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		sh tests/test_hook.sh build/ptrlint-san 2>&1); rc=$$?; \
		printf '%s\n' "$$out" | sed 's/^hook: /san-hook: /'; exit $$rc

check: deps
	@$(MAKE) --no-print-directory all
	@for t in unit golden catalogue san-unit san-golden $(CHECK_EXTRA); do \
		sh tools/run-suite.sh $$t $(MAKE) --no-print-directory $$t || exit 1; done
	@echo "check: all suites passed"

# make new-rule ID=some-rule-id [FLAGS=RULE_READS_MAIL]: the rule file, its
# registry line, its doc page and its fixture folders.
new-rule:
	@sh tools/new-rule.sh "$(ID)" "$(FLAGS)"

clean:
	rm -rf build ptrlint
