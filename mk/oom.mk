# oom.mk — out of memory is exit 2 with a message at any -j
# (tests/test_oom.sh over a generated set under ulimit -v). Part of
# `make check` (a few seconds).

.PHONY: oom-test

oom-test: ptrlint build/genzones
	@sh tests/test_oom.sh ./ptrlint build/genzones

CHECK_EXTRA += oom-test
