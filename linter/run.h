/*
 * run.h — one lint run, written once: what main does between parsing the
 * command line and exiting (lint_run), and the steps it is made of for one
 * tree (lint_tree_*), which the unit tests and fuzzers use too, so that
 * they exercise the run ptrlint makes.
 */
#ifndef PTRLINT_RUN_H
#define PTRLINT_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "findings.h"
#include "index.h"
#include "load.h"
#include "report.h"
#include "rule.h"
#include "source.h"
#include "util.h"

#define PTRLINT_VERSION "0.1.0"

enum run_mode {
	RUN_LINT,                    /* lint and report (SPEC §2) */
	RUN_PRINT_CONFIG,            /* print the effective config, lint nothing */
	RUN_LIST_ZONES,              /* load, print the zones, lint nothing */
};

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct severity_override {
	enum rule_id rule;
	enum severity severity;      /* SEV_OFF for --disable; SEV_NEVER marks --enable (default severity) */
};

/* Everything a run takes; every pointer is borrowed for the run. */
struct run_options {
	enum run_mode mode;
	/* what is linted, and with which config */
	const char *config_path;     /* -c FILE; NULL: found beside the PATHs or in the revision */
	bool git;
	const char *git_repo;        /* --git=REPO */
	const char *rev;
	bool staged;
	const char *since;           /* --since BASE: report what is new since it */
	const char *root;
	char **paths;
	size_t npaths;
	/* the command line over the config */
	struct severity_override *overrides;
	size_t noverrides, overrides_cap;
	bool fail_on_set;
	enum severity fail_on;
	int jobs;                    /* -j N; 0 = one per core */
	/* the report */
	enum report_format format;
	const char *output;          /* -o FILE; NULL: standard output */
	enum color_mode color;
	bool quiet;
	const char *baseline;        /* --baseline FILE: a path on disk */
	const char *write_baseline;  /* --write-baseline FILE ("-": standard output) */
};

/* The whole run: config, source, load, index, rules, --since, baseline,
 * report. Returns the exit status (SPEC §2): 0, 1 when a finding is at or
 * above fail-on, 2 after saying on stderr why the run could not be made. */
int lint_run(const struct run_options *opts);

/* "ptrlint: MESSAGE" on stderr, escaped like every message about the run;
 * returns the exit status 2. */
int run_error(const char *fmt, ...) PTRLINT_PRINTF(1, 2);

/* One linted tree: where its files come from, which of them are zones,
 * their index and the findings of the rules. Owns all four. */
struct lint_tree {
	struct source *src;
	struct zone_requests reqs;
	struct index ix;
	struct findings findings;
};

/* An empty tree over src (taken over; NULL for none yet). */
void lint_tree_init(struct lint_tree *tree, struct source *src);
/* Which files are zones: PATHs searched, or the config's zones. 0, or -1
 * with *err set (caller frees). */
int lint_tree_collect(struct lint_tree *tree, const struct config *cfg, char *const *paths,
		      size_t npaths, char **err);
/* Load the requested zones with up to jobs threads (0 = one per core) and
 * finish the index. 0, or -1 with *err set when the source itself failed
 * (a damaged git object store: findings from it would be a guess). */
int lint_tree_load(struct lint_tree *tree, const struct config *cfg, int jobs, char **err);
/* Run the enabled rules; base is the --since base's index or NULL. */
void lint_tree_check(struct lint_tree *tree, const struct config *cfg,
		     const struct index *base);
void lint_tree_free(struct lint_tree *tree);

#endif
