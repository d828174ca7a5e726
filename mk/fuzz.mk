# fuzz.mk — libFuzzer targets (fuzz/*.c, SPEC §9 "no input crashes
# ptrlint"). `make fuzz` builds them into build/fuzz/ with clang, ASan and
# UBSan; `make fuzz-smoke` runs each for FUZZ_SMOKE_SECONDS over seeds made
# from fixtures/ (fuzz/seeds.sh, fuzz/seeds-fastparse.sh), two at a time
# (2 cores: 8 targets take about 80 s), and is part of `make check`. Longer runs:
#   make fuzz-run FUZZ_TARGET=fuzz_load FUZZ_SECONDS=3600
# (fuzz/run.sh runs any list of targets two at a time.)
# New inputs that reach new code accumulate in build/fuzz/corpus/TARGET;
# a crash is written to build/fuzz/crashes/ and fails the run.

FUZZ_CC ?= clang
FUZZ_TARGETS := fuzz_split fuzz_generate fuzz_revname fuzz_load fuzz_config fuzz_fastparse fuzz_git \
	fuzz_glob
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -O1 -g -fno-omit-frame-pointer \
	$(FUZZ_SAN) -fsanitize=fuzzer-no-link -Ilinter -Ibuild
FUZZ_OBJ := $(patsubst %.c,build/fuzz/obj/%.o,$(LIB_SRC) $(GEN_SRC))
FUZZ_BINS := $(addprefix build/fuzz/,$(FUZZ_TARGETS))
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_SECONDS ?= 600

FUZZ_DEB_PACKAGES := clang libclang-rt-dev

.PHONY: fuzz fuzz-deps fuzz-seeds fuzz-smoke fuzz-run

# clang and libFuzzer's runtime are not in DEB_PACKAGES (only fuzzing
# needs them): installed here the way `deps` does it
fuzz-deps:
	@missing=""; for p in $(FUZZ_DEB_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null; then \
		echo "fuzz-deps: installing$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null || \
		{ echo "fuzz-deps: apt-get failed for$$missing"; exit 1; }; \
	fi

fuzz: $(FUZZ_BINS)

# objects reached only through the pattern rule below are not intermediate
.SECONDARY: $(FUZZ_OBJ)

# The project's own sources with the fuzzer's coverage instrumentation;
# -Werror stays for fuzz/*.c only, so that a clang-only warning in a core
# file does not stop fuzzing.
build/fuzz/obj/%.o: %.c $(wildcard linter/*.h) rules/rules.def | deps fuzz-deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

build/fuzz/%: fuzz/%.c $(FUZZ_OBJ)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Werror $(PKG_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LIBS)

fuzz-seeds:
	@sh fuzz/seeds.sh build/fuzz/seeds
	@sh fuzz/seeds-fastparse.sh build/fuzz/seeds/fastparse

# make check runs its suites one by one; the ~50 instrumented objects
# build on both cores here all the same
fuzz-smoke: fuzz-seeds
	@$(MAKE) --no-print-directory -j2 fuzz
	@sh fuzz/run.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

fuzz-run: fuzz fuzz-seeds
	@sh fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGET)

CHECK_EXTRA += fuzz-smoke
