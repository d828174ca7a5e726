/*
 * pipeline.h — what fuzz_load and fuzz_git run over their trees: the
 * whole lint after the command line (config, zone search, origin
 * inference, the loader with $INCLUDE/$GENERATE, index_finish, every
 * rule), with the checks both make of the findings.
 */
#ifndef PTRLINT_FUZZ_PIPELINE_H
#define PTRLINT_FUZZ_PIPELINE_H

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine.h"
#include "index.h"
#include "load.h"
#include "source.h"

/* $GENERATE's default limit (65,536 records, each parsed) would spend the
 * fuzzer's time in the parser; a lower one keeps executions fast and
 * still crosses it. */
#define FUZZ_GENERATE_LIMIT 1000
/* The same for the run's record budget: $INCLUDE fan-out of a few files
 * reaches the default 10,000,000 only after seconds; this one is crossed
 * within milliseconds, so the fuzzer meets the path where loading stops. */
#define FUZZ_RECORD_LIMIT 20000

/* Lint src with the config text (NULL: none; on a config error the
 * defaults stay, as a run would stop there). Absolute $INCLUDE paths below
 * /fuzz/root resolve into the tree. Aborts on a finding without a message
 * or a file. */
static void fuzz_lint(struct source *src, const char *config, size_t config_len)
{
	struct config cfg;
	config_init_defaults(&cfg);
	char *err = NULL;
	if (config && config_load_buffer(&cfg, ".ptrlint.yaml", config, config_len, &err)) {
		free(err);
		err = NULL;
		config_free(&cfg);
		config_init_defaults(&cfg);
	}
	free(cfg.root);
	cfg.root = xstrdup("/fuzz/root");
	if (cfg.generate_limit > FUZZ_GENERATE_LIMIT)
		cfg.generate_limit = FUZZ_GENERATE_LIMIT;
	if (cfg.record_limit > FUZZ_RECORD_LIMIT)
		cfg.record_limit = FUZZ_RECORD_LIMIT;

	struct zone_requests reqs;
	memset(&reqs, 0, sizeof(reqs));
	struct index ix;
	index_init(&ix);
	if (!load_collect(&reqs, src, &cfg, NULL, 0, &err)) {
		ix.threads = 1;
		load_zones(&ix, src, &cfg, &reqs);
		index_finish(&ix);
		struct findings findings;
		memset(&findings, 0, sizeof(findings));
		engine_run(&findings, &ix, NULL, &cfg);
		for (size_t i = 0; i < findings.count; i++)
			if (!findings.items[i].message || !findings.items[i].file)
				abort();
		findings_free(&findings);
	}
	free(err);
	zone_requests_free(&reqs);
	index_free(&ix);
	config_free(&cfg);
}

#endif
