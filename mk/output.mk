# output.mk — where the report goes (tests/test_output.sh): -o as SPEC §2
# says for files, links, FIFOs and devices, no temporary file left by a
# signal, findings before the summary, github's notice. Part of
# `make check` (a few seconds).

.PHONY: output-tests

output-tests: ptrlint
	@sh tests/test_output.sh ./ptrlint

CHECK_EXTRA += output-tests
