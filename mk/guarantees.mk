# guarantees.mk — SPEC §9 as tests (tests/test_guarantees.sh): nothing
# outside the linted root is read (strace-checked when strace works),
# nothing but the report is written, output is byte-identical across runs
# and -j, hostile fixtures stay fast, config type errors are exit 2 with a
# position. Part of `make check` (about a minute).

.PHONY: guarantees

guarantees: ptrlint
	@sh tests/test_guarantees.sh ./ptrlint

CHECK_EXTRA += guarantees
