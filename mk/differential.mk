# differential.mk — ptrlint against BIND's named-checkzone on mutated zones
# (tests/differential.sh, SPEC §4 "Strict fields", issue 16): every zone
# BIND refuses gets an error, no zone BIND loads gets zone-syntax, except
# the kinds tests/differential/known allows (docs/differential.md).
# `make check` runs a slice of 300 zones (about 15 s); `make differential`
# runs 5,000 (a few minutes). Needs named-checkzone (bind9-utils, make deps).

.PHONY: differential differential-slice
CHECK_EXTRA += differential-slice

differential-slice: ptrlint
	@sh tests/differential.sh ./ptrlint 300 1

differential: ptrlint
	@sh tests/differential.sh ./ptrlint 5000 1
