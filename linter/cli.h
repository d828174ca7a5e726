/*
 * cli.h — the command line of SPEC §2, parsed into a plain struct. Knows
 * nothing about loading or linting; main.c acts on the result.
 */
#ifndef PTRLINT_CLI_H
#define PTRLINT_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"
#include "rule.h"

#define PTRLINT_VERSION "0.1.0"

enum cli_action {
	ACTION_LINT,
	ACTION_HELP,
	ACTION_VERSION,
	ACTION_LIST_RULES,
	ACTION_EXPLAIN,
	ACTION_PRINT_CONFIG,
	ACTION_LIST_ZONES,           /* load, print the zones, lint nothing */
};

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct severity_override {
	enum rule_id rule;
	enum severity severity;      /* SEV_OFF for --disable; SEV_NEVER marks --enable (default severity) */
};

struct cli_options {
	enum cli_action action;
	const char *explain_rule;
	const char *config_path;
	bool git;
	const char *git_repo;        /* --git=REPO */
	const char *rev;
	bool staged;
	const char *since;
	const char *root;
	enum report_format format;
	const char *output;
	bool fail_on_set;
	enum severity fail_on;
	struct severity_override *overrides;
	size_t noverrides, overrides_cap;
	enum color_mode color;
	bool quiet;
	int jobs;                    /* -j N; 0 = one per core */
	const char *baseline;        /* --baseline FILE: a path on disk */
	const char *write_baseline;  /* --write-baseline FILE ("-": standard output) */
	char **paths;                /* borrowed from argv */
	size_t npaths;
};

/* Returns 0, or -1 with *err set (caller frees): exit status 2. */
int cli_parse(struct cli_options *out, int argc, char **argv, char **err);
void cli_free(struct cli_options *opts);
void cli_print_help(FILE *out);
/* "unknown rule 'x', did you mean 'y'?" (or "... (see --list-rules)"),
 * allocated: the caller frees it. */
char *unknown_rule_message(const char *id);

#endif
