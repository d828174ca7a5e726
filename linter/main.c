/*
 * main.c — the ptrlint command: parse the command line, answer what needs
 * no tree (--help, --version, --list-rules, --explain), else make the run
 * (run.c) and exit with its status (SPEC §2).
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "run.h"

static void list_rules(void)
{
	for (int r = 0; r < RULE_COUNT; r++)
		printf("%-27s %-8s %s\n", rule_table[r].id, severity_name(rule_table[r].severity),
		       rule_table[r].summary);
}

/* --explain RULE: the rule's page. 0, or 2 for an unknown rule. */
static int explain(const char *id)
{
	int rule = rule_lookup(id);
	if (rule < 0) {
		char *why = unknown_rule_message(id);
		int rc = run_error("%s", why);
		free(why);
		return rc;
	}
	const char *doc = rule_doc((enum rule_id)rule);
	fputs(doc ? doc : "", stdout);
	return 0;
}

static int act(const struct cli_options *opts)
{
	switch (opts->action) {
	case ACTION_HELP:
		cli_print_help(stdout);
		return 0;
	case ACTION_VERSION:
		printf("ptrlint %s\n", PTRLINT_VERSION);
		return 0;
	case ACTION_LIST_RULES:
		list_rules();
		return 0;
	case ACTION_EXPLAIN:
		return explain(opts->explain_rule);
	case ACTION_LINT:
		break;
	}
	return lint_run(&opts->run);
}

int main(int argc, char **argv)
{
	/* ldns allocates and frees ~192 KiB scratch buffers per record; without
	 * this glibc gives them back to the kernel and faults them in again
	 * every time (1.7-4.9x slower on large zones). */
	mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);

	struct cli_options opts;
	char *err = NULL;
	int rc;
	if (cli_parse(&opts, argc, argv, &err)) {
		rc = run_error("%s", err);
		free(err);
	} else {
		rc = act(&opts);
	}
	cli_free(&opts);
	return rc;
}
