# bench.mk — issue 7: the zone-set generator (tools/genzones.c), the
# ground-truth test that `make check` runs at 15k hosts, and `make bench`
# (ptrlint against validns, named-checkzone, kzonecheck, nsd-checkzone,
# ldns-read-zone and a bare libzscanner parse; not part of `make check`:
# the 1M-host set takes minutes). Sets are cached in bench-data/.

# tests/ground-truth.sh reads ptrlint's JSON with jq
DEB_PACKAGES += jq
CHECK_EXTRA += ground-truth

.PHONY: ground-truth bench

build/genzones: tools/genzones.c
	@mkdir -p build
	$(CC) $(WARN) $(CFLAGS) -o $@ $<

# Only where libknot-dev is installed (make bench installs it): the bare
# parse that stands for the practical limit of a master-file parser.
build/zscan: tools/zscan.c
	@mkdir -p build
	$(CC) $(WARN) $(CFLAGS) $$(pkg-config --cflags libzscanner) -o $@ $< $$(pkg-config --libs libzscanner)

# 15,000 hosts: over 50,000 records, where index_finish and the rules run
# on several threads; the sanitizer build must give the same bytes
ground-truth: ptrlint build/genzones build/ptrlint-san
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		GT_SAN="$(CURDIR)/build/ptrlint-san" sh tests/ground-truth.sh ./ptrlint build/genzones 15000

bench: ptrlint build/genzones
	@SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	if ! pkg-config --exists libzscanner 2>/dev/null && [ -z "$$BENCH_NO_INSTALL" ]; then \
		$$SUDO apt-get install -y -qq libknot-dev >/dev/null 2>&1 || \
		echo "bench: libknot-dev cannot be installed: no bare libzscanner row"; fi
	@if pkg-config --exists libzscanner 2>/dev/null; then $(MAKE) --no-print-directory build/zscan; fi
	@sh tools/bench.sh ./ptrlint build/genzones build/zscan
