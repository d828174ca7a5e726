/*
 * fuzz_load.c — libFuzzer target for the whole pipeline after the
 * command line: config, zone search, origin inference, the loader with
 * $INCLUDE/$GENERATE over an in-memory tree, index_finish and every rule
 * (engine_run). Nothing touches the disk.
 *
 * Input: up to 4 files and an optional config in the format of parts.h.
 * The default names are zone-like so that directory search finds them
 * (origins inferred from SOA, $ORIGIN or the name), except "inc/common",
 * which only an $INCLUDE reaches. On a config error the defaults stay, as
 * a run would stop there.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine.h"
#include "index.h"
#include "load.h"
#include "parts.h"
#include "source.h"

#define MAX_FILES 4
/* $GENERATE's default limit (65,536 records, each parsed by ldns) would
 * spend the fuzzer's time in ldns; a lower one keeps executions fast and
 * still crosses it. */
#define FUZZ_GENERATE_LIMIT 1000

static const char *const default_names[MAX_FILES] = {
	"db.example.com", "db.192.0.2", "inc/common", "8.b.d.0.1.0.0.2.ip6.arpa.zone",
};

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
	struct fuzz_part items[MAX_FILES];
	struct fuzz_parts parts = {.items = items, .max = MAX_FILES, .default_names = default_names};
	fuzz_parts_split(&parts, (const char *)bytes, len);
	const char *config = parts.config;
	size_t config_len = parts.config_len;

	struct config cfg;
	config_init_defaults(&cfg);
	char *err = NULL;
	if (config && config_load_buffer(&cfg, ".ptrlint.yaml", config, config_len, &err)) {
		free(err);
		config_free(&cfg);
		config_init_defaults(&cfg);
	}
	/* absolute $INCLUDE paths below this root resolve into the tree */
	free(cfg.root);
	cfg.root = xstrdup("/fuzz/root");
	if (cfg.generate_limit > FUZZ_GENERATE_LIMIT)
		cfg.generate_limit = FUZZ_GENERATE_LIMIT;

	struct source *src = source_mem_new();
	for (size_t i = 0; i < parts.count; i++)
		source_mem_add(src, items[i].name, items[i].data, items[i].len);

	struct zone_requests reqs;
	memset(&reqs, 0, sizeof(reqs));
	struct index ix;
	index_init(&ix);
	if (!load_collect(&reqs, src, &cfg, NULL, 0, &err)) {
		load_zones(&ix, src, &cfg, &reqs, 1);
		index_finish(&ix);
		struct findings findings;
		memset(&findings, 0, sizeof(findings));
		engine_run(&findings, &ix, NULL, &cfg);
		for (size_t i = 0; i < findings.count; i++)
			if (!findings.items[i].message || !findings.items[i].file)
				abort();
		findings_free(&findings);
	} else {
		free(err);
	}
	zone_requests_free(&reqs);
	index_free(&ix);
	source_free(src);
	config_free(&cfg);
	fuzz_parts_free(&parts);
	return 0;
}
