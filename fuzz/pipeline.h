/*
 * pipeline.h — what fuzz_load and fuzz_git run over their trees: the
 * whole lint after the command line (config, zone search, origin
 * inference, the loader with $INCLUDE/$GENERATE, index_finish, every
 * rule) through the steps lint_run makes for each tree (run.h), with the
 * checks both make of the findings.
 */
#ifndef PTRLINT_FUZZ_PIPELINE_H
#define PTRLINT_FUZZ_PIPELINE_H

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "run.h"
#include "source.h"

/* $GENERATE's default limit (65,536 records, each parsed) would spend the
 * fuzzer's time in the parser; a lower one keeps executions fast and
 * still crosses it. */
#define FUZZ_GENERATE_LIMIT 1000
/* The same for the run's record budget: $INCLUDE fan-out of a few files
 * reaches the default 10,000,000 only after seconds; this one is crossed
 * within milliseconds, so the fuzzer meets the path where loading stops. */
#define FUZZ_RECORD_LIMIT 20000

/* Lint src (taken over: freed here) with the config text (NULL: none; on
 * a config error the defaults stay, as a run would stop there). Absolute
 * $INCLUDE paths below /fuzz/root resolve into the tree. Aborts on a
 * finding without a message or a file. */
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

	/* the run's own steps for one tree (run.h), one thread */
	struct lint_tree tree;
	lint_tree_init(&tree, src);
	if (!lint_tree_collect(&tree, &cfg, NULL, 0, &err) &&
	    !lint_tree_load(&tree, &cfg, 1, &err)) {
		lint_tree_check(&tree, &cfg, NULL);
		for (size_t i = 0; i < tree.findings.count; i++)
			if (!tree.findings.items[i].message || !tree.findings.items[i].file)
				abort();
	}
	free(err);
	lint_tree_free(&tree);
	config_free(&cfg);
}

#endif
