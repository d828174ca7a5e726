/*
 * cli.h — the command line of SPEC §2, parsed into a plain struct: what
 * main.c does, and for a lint the run_options lint_run takes. Knows
 * nothing about loading or linting.
 */
#ifndef PTRLINT_CLI_H
#define PTRLINT_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "run.h"

enum cli_action {
	ACTION_LINT,                 /* lint_run with run's mode */
	ACTION_HELP,
	ACTION_VERSION,
	ACTION_LIST_RULES,
	ACTION_EXPLAIN,
};

struct cli_options {
	enum cli_action action;
	const char *explain_rule;
	struct run_options run;      /* its paths are borrowed from argv */
};

/* Returns 0, or -1 with *err set (caller frees): exit status 2. */
int cli_parse(struct cli_options *out, int argc, char **argv, char **err);
void cli_free(struct cli_options *opts);
void cli_print_help(FILE *out);
/* "unknown rule 'x', did you mean 'y'?" (or "... (see --list-rules)"),
 * allocated: the caller frees it. */
char *unknown_rule_message(const char *id);

#endif
