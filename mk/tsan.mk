# tsan.mk — `make tsan`: ptrlint built with ThreadSanitizer lints a
# generated set of some 60,000 records, large enough for every threaded
# stage (parse batches on another thread, index_finish in two halves, the
# rules shared out over threads: docs/DESIGN.md "Threads"), at -j2 and -j4.
# Any data race it reports fails the run, and so does output that differs
# from the plain binary's. Part of `make check` (about a minute, most of it
# the build).

TSAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=thread
TSAN_OBJ := $(patsubst %.c,build/tsan/%.o,$(LIB_SRC) $(GEN_SRC))

.PHONY: tsan
.SECONDARY: $(TSAN_OBJ)

build/tsan/%.o: %.c $(wildcard linter/*.h) rules/rules.def | deps
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(TSAN_FLAGS) -Ilinter -Ibuild $(PKG_CFLAGS) -c $< -o $@

build/ptrlint-tsan: build/tsan/linter/main.o $(TSAN_OBJ)
	$(CC) $(TSAN_FLAGS) -o $@ $^ $(LIBS)

tsan: ptrlint build/ptrlint-tsan build/genzones
	@sh tests/test_threads.sh ./ptrlint build/ptrlint-tsan build/genzones

CHECK_EXTRA += tsan
