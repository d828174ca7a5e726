/*
 * fuzz_load.c — libFuzzer target for the whole pipeline after the
 * command line: config, zone search, origin inference, the loader with
 * $INCLUDE/$GENERATE over an in-memory tree, index_finish and every rule
 * (engine_run). Nothing touches the disk.
 *
 * Input: up to 4 files and an optional config in the format of parts.h.
 * The default names are zone-like so that directory search finds them
 * (origins inferred from SOA, $ORIGIN or the name), except "inc/common",
 * which only an $INCLUDE reaches. The run itself: pipeline.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parts.h"
#include "pipeline.h"
#include "source.h"

#define MAX_FILES 4

static const char *const default_names[MAX_FILES] = {
	"db.example.com", "db.192.0.2", "inc/common", "8.b.d.0.1.0.0.2.ip6.arpa.zone",
};

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
	struct fuzz_part items[MAX_FILES];
	struct fuzz_parts parts = {.items = items, .max = MAX_FILES, .default_names = default_names};
	fuzz_parts_split(&parts, (const char *)bytes, len);

	struct source *src = source_mem_new();
	for (size_t i = 0; i < parts.count; i++)
		source_mem_add(src, items[i].name, items[i].data, items[i].len);
	fuzz_lint(src, parts.config, parts.config_len);
	fuzz_parts_free(&parts);
	return 0;
}
