/*
 * cli.c — see cli.h.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum {
	OPT_GIT = 256, OPT_REV, OPT_STAGED, OPT_SINCE, OPT_ROOT, OPT_FAIL_ON, OPT_ENABLE,
	OPT_DISABLE, OPT_SEVERITY, OPT_LIST_RULES, OPT_EXPLAIN, OPT_COLOR, OPT_VERSION,
	OPT_PRINT_CONFIG, OPT_BASELINE, OPT_WRITE_BASELINE, OPT_LIST_ZONES,
};

static const struct option long_options[] = {
	{"config", required_argument, NULL, 'c'},
	{"git", optional_argument, NULL, OPT_GIT},
	{"rev", required_argument, NULL, OPT_REV},
	{"staged", no_argument, NULL, OPT_STAGED},
	{"since", required_argument, NULL, OPT_SINCE},
	{"root", required_argument, NULL, OPT_ROOT},
	{"format", required_argument, NULL, 'f'},
	{"output", required_argument, NULL, 'o'},
	{"fail-on", required_argument, NULL, OPT_FAIL_ON},
	{"enable", required_argument, NULL, OPT_ENABLE},
	{"disable", required_argument, NULL, OPT_DISABLE},
	{"severity", required_argument, NULL, OPT_SEVERITY},
	{"list-rules", no_argument, NULL, OPT_LIST_RULES},
	{"explain", required_argument, NULL, OPT_EXPLAIN},
	{"color", required_argument, NULL, OPT_COLOR},
	{"colour", required_argument, NULL, OPT_COLOR},
	{"quiet", no_argument, NULL, 'q'},
	{"jobs", required_argument, NULL, 'j'},
	{"print-config", no_argument, NULL, OPT_PRINT_CONFIG},
	{"baseline", required_argument, NULL, OPT_BASELINE},
	{"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
	{"list-zones", no_argument, NULL, OPT_LIST_ZONES},
	{"version", no_argument, NULL, OPT_VERSION},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

void cli_print_help(FILE *out)
{
	fputs("usage: ptrlint [OPTIONS] [PATH...]\n"
	      "\n"
	      "Lint DNS zone files: forward-confirmed reverse DNS of mail hosts (iprev),\n"
	      "PTR/forward consistency and zone hygiene. PATHs are zone files or\n"
	      "directories searched for them (default: the config's zones, else '.').\n"
	      "\n"
	      "  -c, --config FILE       YAML config (default: .ptrlint.yaml here or above)\n"
	      "      --root DIR          the linted root: nothing outside it is read\n"
	      "      --git[=REPO]        read zones from a git repository, not the working tree\n"
	      "      --rev REV           lint this revision (implies --git)\n"
	      "      --staged            lint the git index (implies --git)\n"
	      "      --since BASE        report only findings new since revision BASE\n"
	      "  -f, --format FORMAT     text, json, sarif or github (default text)\n"
	      "  -o, --output FILE       write the report to FILE\n"
	      "      --fail-on LEVEL     error, warning, info or never (default error)\n"
	      "      --baseline FILE     do not report the old findings FILE accepts\n"
	      "      --write-baseline FILE  accept every finding of this run in FILE; exit 0\n"
	      "      --enable RULE       turn a rule on at its default severity\n"
	      "      --disable RULE      turn a rule off\n"
	      "      --severity RULE=LEVEL  set a rule's severity (error, warning, info, off)\n"
	      "      --list-rules        list every rule\n"
	      "      --explain RULE      print a rule's documentation\n"
	      "      --print-config      print the effective configuration as YAML\n"
	      "      --list-zones        print the zones that would be loaded, with their origins\n"
	      "      --color WHEN        auto, always or never (NO_COLOR is honoured)\n"
	      "  -q, --quiet             findings only, no summary line\n"
	      "  -j, --jobs N            parallel jobs (default: one per core)\n"
	      "      --version           print the version\n"
	      "  -h, --help              this help\n"
	      "\n"
	      "Exit status: 0 no finding at or above --fail-on, 1 some, 2 the run failed.\n",
	      out);
}

static int fail(char **err, const char *fmt, const char *arg)
{
	*err = xasprintf(fmt, arg);
	return -1;
}

char *unknown_rule_message(const char *id)
{
	const char *near = rule_suggest(id);
	if (near)
		return xasprintf("unknown rule '%s', did you mean '%s'?", id, near);
	return xasprintf("unknown rule '%s' (see --list-rules)", id);
}

static int rule_arg(const char *id, char **err)
{
	int rule = rule_lookup(id);
	if (rule < 0)
		*err = unknown_rule_message(id);
	return rule;
}

int cli_parse(struct cli_options *out, int argc, char **argv, char **err)
{
	memset(out, 0, sizeof(*out));
	struct run_options *run = &out->run;
	run->format = FORMAT_TEXT;
	run->fail_on = SEV_ERROR;
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":c:f:o:qj:h", long_options, NULL)) != -1) {
		switch (c) {
		case 'c':
			run->config_path = optarg;
			break;
		case OPT_GIT:
			run->git = true;
			run->git_repo = optarg;
			break;
		case OPT_REV:
			run->git = true;
			run->rev = optarg;
			break;
		case OPT_STAGED:
			run->git = true;
			run->staged = true;
			break;
		case OPT_SINCE:
			run->since = optarg;
			break;
		case OPT_ROOT:
			run->root = optarg;
			break;
		case 'f':
			if (!report_format_parse(optarg, &run->format))
				return fail(err, "unknown format '%s' (expected text, json, sarif or github)", optarg);
			break;
		case 'o':
			run->output = optarg;
			break;
		case OPT_FAIL_ON:
			if (!strcmp(optarg, "never"))
				run->fail_on = SEV_NEVER;
			else if (!severity_parse(optarg, &run->fail_on) || run->fail_on == SEV_OFF)
				return fail(err, "unknown --fail-on level '%s' (expected error, warning, info or never)", optarg);
			run->fail_on_set = true;
			break;
		case OPT_ENABLE:
		case OPT_DISABLE: {
			int rule = rule_arg(optarg, err);
			if (rule < 0)
				return -1;
			struct severity_override *o = ARRAY_PUSH(run->overrides, run->noverrides, run->overrides_cap);
			o->rule = (enum rule_id)rule;
			o->severity = c == OPT_ENABLE ? SEV_NEVER : SEV_OFF;
			break;
		}
		case OPT_SEVERITY: {
			const char *eq = strchr(optarg, '=');
			if (!eq)
				return fail(err, "--severity needs RULE=LEVEL, not '%s'", optarg);
			char *id = xstrndup(optarg, (size_t)(eq - optarg));
			int rule = rule_arg(id, err);
			free(id);
			if (rule < 0)
				return -1;
			enum severity sev;
			if (!severity_parse(eq + 1, &sev))
				return fail(err, "unknown severity '%s' (expected error, warning, info or off)", eq + 1);
			struct severity_override *o = ARRAY_PUSH(run->overrides, run->noverrides, run->overrides_cap);
			o->rule = (enum rule_id)rule;
			o->severity = sev;
			break;
		}
		case OPT_LIST_RULES:
			out->action = ACTION_LIST_RULES;
			break;
		case OPT_EXPLAIN:
			out->action = ACTION_EXPLAIN;
			out->explain_rule = optarg;
			break;
		case OPT_LIST_ZONES:
			out->action = ACTION_LINT;
			run->mode = RUN_LIST_ZONES;
			break;
		case OPT_PRINT_CONFIG:
			out->action = ACTION_LINT;
			run->mode = RUN_PRINT_CONFIG;
			break;
		case OPT_BASELINE:
			run->baseline = optarg;
			break;
		case OPT_WRITE_BASELINE:
			run->write_baseline = optarg;
			break;
		case OPT_COLOR:
			if (!strcmp(optarg, "auto"))
				run->color = COLOR_AUTO;
			else if (!strcmp(optarg, "always"))
				run->color = COLOR_ALWAYS;
			else if (!strcmp(optarg, "never"))
				run->color = COLOR_NEVER;
			else
				return fail(err, "unknown --color value '%s' (expected auto, always or never)", optarg);
			break;
		case 'q':
			run->quiet = true;
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 256)
				return fail(err, "-j needs a number from 1 to 256, not '%s'", optarg);
			run->jobs = (int)n;
			break;
		}
		case OPT_VERSION:
			out->action = ACTION_VERSION;
			break;
		case 'h':
			out->action = ACTION_HELP;
			break;
		case ':':
			return fail(err, "option '%s' needs an argument", argv[optind - 1]);
		default:
			return fail(err, "unknown option '%s' (see --help)", argv[optind - 1]);
		}
	}
	run->paths = argv + optind;
	run->npaths = (size_t)(argc - optind);
	return 0;
}

void cli_free(struct cli_options *opts)
{
	free(opts->run.overrides);
	opts->run.overrides = NULL;
}
