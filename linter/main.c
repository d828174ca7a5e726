/*
 * main.c — one run of ptrlint: options, config, source, load, index,
 * rules, report, exit status (SPEC §2). Owns the objects of the run and
 * frees them in reverse order.
 */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "engine.h"
#include "load.h"
#include "report.h"
#include "source.h"

static int die(const char *fmt, const char *arg)
{
	fputs("ptrlint: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 2;
}

static void list_rules(void)
{
	for (int r = 0; r < RULE_COUNT; r++)
		printf("%-27s %-8s %s\n", rule_table[r].id, severity_name(rule_table[r].severity),
		       rule_table[r].summary);
}

/* .ptrlint.yaml in dir or the nearest parent; NULL if none. */
static char *find_config(void)
{
	char *dir = getcwd(NULL, 0);
	if (!dir)
		return NULL;
	for (;;) {
		char *candidate = xasprintf("%s/.ptrlint.yaml", strcmp(dir, "/") ? dir : "");
		if (!access(candidate, F_OK)) {
			free(dir);
			return candidate;
		}
		free(candidate);
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			free(dir);
			return NULL;
		}
		*slash = '\0';
	}
}

/* A PATH argument relative to the root, or NULL when it is outside. */
static char *path_in_root(const char *root, const char *arg)
{
	char *real = realpath(arg, NULL);
	if (!real)
		return NULL;
	size_t rl = strlen(root);
	char *rel = NULL;
	if (!strcmp(real, root))
		rel = xstrdup("");
	else if (!strncmp(real, root, rl) && (real[rl] == '/' || !strcmp(root, "/")))
		rel = xstrdup(real + rl + (strcmp(root, "/") ? 1 : 0));
	free(real);
	return rel;
}

static void apply_overrides(struct config *cfg, const struct cli_options *opts)
{
	for (size_t i = 0; i < opts->noverrides; i++) {
		const struct severity_override *o = &opts->overrides[i];
		if (o->severity == SEV_NEVER) {
			if (cfg->severity[o->rule] == SEV_OFF)
				cfg->severity[o->rule] = rule_table[o->rule].severity != SEV_OFF
					? rule_table[o->rule].severity : SEV_WARNING;
		} else {
			cfg->severity[o->rule] = o->severity;
		}
	}
	if (opts->fail_on_set)
		cfg->fail_on = opts->fail_on;
}

/* The directory holding a file, as given (realpath'd by the caller). */
static char *path_dirname_abs(const char *file)
{
	const char *slash = strrchr(file, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == file)
		return xstrdup("/");
	return xstrndup(file, (size_t)(slash - file));
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write the report to opts->output atomically: a temporary file beside it,
 * renamed over it at the end, so a reader never sees half a report. */
static int write_report(const struct cli_options *opts, const struct findings *list,
			const struct report_summary *summary, struct report_options *ropts)
{
	if (!opts->output) {
		report_write(stdout, stderr, list, summary, ropts);
		return fflush(stdout) ? die("cannot write the report: %s", strerror(errno)) : 0;
	}
	char *tmp = xasprintf("%s.ptrlint-XXXXXX", opts->output);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int rc = die("cannot write '%s'", opts->output);
		free(tmp);
		return rc;
	}
	FILE *out = fdopen(fd, "w");
	report_write(out, stderr, list, summary, ropts);
	int failed = ferror(out);
	failed |= fclose(out);
	if (failed || rename(tmp, opts->output)) {
		unlink(tmp);
		free(tmp);
		return die("cannot write '%s'", opts->output);
	}
	free(tmp);
	return 0;
}

int main(int argc, char **argv)
{
	/* ldns allocates and frees ~192 KiB scratch buffers per record; without
	 * this glibc gives them back to the kernel and faults them in again
	 * every time (1.7-4.9x slower on large zones). */
	mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
	double started = now_seconds();

	struct cli_options opts;
	char *err = NULL;
	if (cli_parse(&opts, argc, argv, &err)) {
		int rc = die("%s", err);
		free(err);
		cli_free(&opts);
		return rc;
	}
	switch (opts.action) {
	case ACTION_HELP:
		cli_print_help(stdout);
		cli_free(&opts);
		return 0;
	case ACTION_VERSION:
		printf("ptrlint %s\n", PTRLINT_VERSION);
		cli_free(&opts);
		return 0;
	case ACTION_LIST_RULES:
		list_rules();
		cli_free(&opts);
		return 0;
	case ACTION_EXPLAIN: {
		int rule = rule_lookup(opts.explain_rule);
		cli_free(&opts);
		if (rule < 0)
			return die("unknown rule '%s' (see --list-rules)", opts.explain_rule);
		fputs(rule_doc((enum rule_id)rule) ? rule_doc((enum rule_id)rule) : "", stdout);
		return 0;
	}
	default:
		break;
	}
	if (opts.git) {
		cli_free(&opts);
		return die("%s", "git sources (--git, --rev, --staged) are not built yet");
	}
	if (opts.since) {
		cli_free(&opts);
		return die("%s", "--since is not built yet");
	}

	int rc = 2;
	struct config cfg;
	config_init_defaults(&cfg);
	char *config_path = opts.config_path ? xstrdup(opts.config_path) : find_config();
	struct source *src = NULL;
	struct index ix;
	index_init(&ix);
	struct findings list;
	memset(&list, 0, sizeof(list));
	struct zone_requests reqs;
	memset(&reqs, 0, sizeof(reqs));
	char **rel_paths = xcalloc(opts.npaths + 1, sizeof(char *));

	if (config_path && config_load_file(&cfg, config_path, &err)) {
		rc = die("%s", err);
		goto out;
	}
	apply_overrides(&cfg, &opts);
	if (opts.action == ACTION_PRINT_CONFIG) {
		config_print(&cfg, stdout);
		rc = 0;
		goto out;
	}

	/* the linted root: --root, else the config's directory, else here */
	char *root_arg = opts.root ? xstrdup(opts.root)
				   : config_path ? path_dirname_abs(config_path) : xstrdup(".");
	cfg.root = realpath(root_arg, NULL);
	if (!cfg.root) {
		rc = die("cannot use '%s' as the linted root", root_arg);
		free(root_arg);
		goto out;
	}
	free(root_arg);
	src = source_fs_new(cfg.root, &err);
	if (!src) {
		rc = die("%s", err);
		goto out;
	}
	for (size_t i = 0; i < opts.npaths; i++) {
		rel_paths[i] = path_in_root(cfg.root, opts.paths[i]);
		if (!rel_paths[i]) {
			rc = die(access(opts.paths[i], F_OK)
				 ? "cannot read '%s': no such file or directory"
				 : "'%s' is outside the linted root (see --root)", opts.paths[i]);
			goto out;
		}
	}
	if (load_collect(&reqs, src, &cfg, rel_paths, opts.npaths, &err)) {
		rc = die("%s", err);
		goto out;
	}
	if (!reqs.count) {
		struct strbuf patterns = STRBUF_INIT;
		for (size_t i = 0; i < cfg.nzone_patterns; i++)
			strbuf_addf(&patterns, "%s'%s'", i ? ", " : "", cfg.zone_patterns[i]);
		fprintf(stderr, "ptrlint: no zone file found under %s (file names searched: %s)\n",
			reqs.searched.len ? reqs.searched.data : "the given paths",
			patterns.data ? patterns.data : "none");
		strbuf_release(&patterns);
		rc = 2;
		goto out;
	}
	load_zones(&ix, src, &cfg, &reqs);
	index_finish(&ix);
	engine_run(&list, &ix, &cfg);

	size_t zones = 0;
	for (size_t z = 0; z < ix.nzones; z++)
		zones += ix.zones[z].loaded;
	struct report_summary summary = {ix.nzone_files, zones, ix.nrecords,
					 now_seconds() - started, list.hidden};
	bool tty = opts.output ? false : isatty(STDOUT_FILENO);
	const char *no_color = getenv("NO_COLOR");
	struct report_options ropts = {
		.format = opts.format,
		.color = opts.color == COLOR_ALWAYS ||
			 (opts.color == COLOR_AUTO && tty && !(no_color && *no_color)),
		.quiet = opts.quiet,
		.show_time = tty && !getenv("PTRLINT_NO_TIME"),
		.version = PTRLINT_VERSION,
		.doc_base = "https://github.com/ptrlint/ptrlint/blob/main/docs/rules/",
	};
	rc = write_report(&opts, &list, &summary, &ropts);
	if (!rc) {
		for (int s = SEV_INFO; s <= SEV_ERROR; s++)
			if (s >= (int)cfg.fail_on && findings_count_at(&list, (enum severity)s))
				rc = 1;
	}
out:
	free(err);
	for (size_t i = 0; i < opts.npaths; i++)
		free(rel_paths[i]);
	free(rel_paths);
	zone_requests_free(&reqs);
	findings_free(&list);
	index_free(&ix);
	source_free(src);
	free(config_path);
	config_free(&cfg);
	cli_free(&opts);
	return rc;
}
