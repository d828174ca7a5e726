/*
 * main.c — one run of ptrlint: options, config, source, load, index,
 * rules, report, exit status (SPEC §2). Owns the objects of the run and
 * frees them in reverse order.
 */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "baseline.h"
#include "cli.h"
#include "config.h"
#include "discover.h"
#include "dname.h"
#include "engine.h"
#include "load.h"
#include "output.h"
#include "report.h"
#include "source.h"

/* A message about the run itself ("ptrlint: ..." on stderr); returns the
 * exit status 2. */
static int die(const char *fmt, ...) PTRLINT_PRINTF(1, 2);
static int die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_run_error(fmt, ap);
	va_end(ap);
	return 2;
}

/* A note about the run on stderr ("ptrlint: ..."), escaped like die's. */
static void note(const char *fmt, ...) PTRLINT_PRINTF(1, 2);
static void note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_run_error(fmt, ap);
	va_end(ap);
}

static void list_rules(void)
{
	for (int r = 0; r < RULE_COUNT; r++)
		printf("%-27s %-8s %s\n", rule_table[r].id, severity_name(rule_table[r].severity),
		       rule_table[r].summary);
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

/* Is path (absolute, resolved) dir itself or below it? */
static bool path_is_below(const char *path, const char *dir)
{
	size_t dl = strlen(dir);
	if (!strcmp(dir, "/"))
		return path[0] == '/';
	return !strncmp(path, dir, dl) && (path[dl] == '/' || !path[dl]);
}

/* A PATH as an absolute path, "." and ".." taken lexically: a link in
 * it is not followed here. NULL when ".." climbs above "/". */
static char *path_lexical(const char *cwd, const char *arg)
{
	char *joined = arg[0] == '/' ? xstrdup(arg + 1) : xasprintf("%s/%s", cwd + 1, arg);
	char *norm = path_join_normalise("", joined);
	free(joined);
	if (!norm)
		return NULL;
	char *abs = xasprintf("/%s", norm);
	free(norm);
	return abs;
}

/* The deepest directory that holds every PATH argument, taken from the
 * paths as written: a directory counts as itself, anything else (a file,
 * or a link, which the source then judges like any link in the tree) by
 * the directory holding it. Below the current directory the tree may be
 * hostile (a checked-out pull request), so the root stops above the first
 * link on the way down, and a link such as "zones -> /" cannot move the
 * root out of the tree; a directory the user names outside the current
 * directory is the machine's, and its links are followed. 0, or 2 after
 * saying which path is missing. */
static int paths_common_dir(char *const *paths, size_t npaths, char **out)
{
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return die("cannot find the current directory: %s", strerror(errno));
	char *common = NULL;
	int rc = 0;
	for (size_t i = 0; i < npaths && !rc; i++) {
		char *lex = path_lexical(cwd, paths[i]);
		struct stat st;
		if (!lex || lstat(lex, &st)) {
			rc = die("cannot read '%s': %s", paths[i], lex ? strerror(errno)
								: "no such file or directory");
			free(lex);
			break;
		}
		if (!S_ISDIR(st.st_mode)) {
			char *dir = path_dirname_abs(lex);
			free(lex);
			lex = dir;
		}
		if (!common) {
			common = lex;
			continue;
		}
		while (!path_is_below(lex, common)) {
			char *up = path_dirname_abs(common);
			free(common);
			common = up;
		}
		free(lex);
	}
	if (!rc && common && path_is_below(common, cwd)) {
		/* cwd is physical: walk down from it, stopping at a link */
		size_t at = strcmp(cwd, "/") ? strlen(cwd) : 0;
		while (common[at]) {
			size_t next = at + 1 + strcspn(common + at + 1, "/");
			char *prefix = xstrndup(common, next);
			struct stat st;
			bool plain = !lstat(prefix, &st) && S_ISDIR(st.st_mode);
			free(prefix);
			if (!plain)
				break;
			at = next;
		}
		common[at ? at : 1] = '\0';
	} else if (!rc && common) {
		char *real = realpath(common, NULL);
		if (!real)
			rc = die("cannot read '%s': %s", common, strerror(errno));
		free(common);
		common = real;
	}
	free(cwd);
	if (rc) {
		free(common);
		return rc;
	}
	*out = common;
	return 0;
}

/* The linted root without --root: the config's directory when it holds
 * the PATHs (or there are none), else the current directory when it
 * holds them, else the PATHs' common directory. Caller frees. */
static char *default_root(const char *config_path, const char *common)
{
	char *dir = config_path ? realpath(config_path, NULL) : NULL;
	if (dir) {
		char *up = path_dirname_abs(dir);
		free(dir);
		dir = up;
	}
	if (dir && (!common || path_is_below(common, dir)))
		return dir;
	free(dir);
	if (common) {
		/* PATHs below the current directory keep their names relative to
		 * it, as before and as editors and CI annotations read them: the
		 * contract's deepest common directory would report 'db.x' for
		 * 'ptrlint zones/' (docs/DESIGN.md, Security) */
		char *cwd = realpath(".", NULL);
		if (cwd && path_is_below(common, cwd))
			return cwd;
		free(cwd);
		return xstrdup(common);
	}
	return config_path ? path_dirname_abs(config_path) : xstrdup(".");
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write the report where -o says (output.c: SPEC §2's rules for links,
 * devices and standard output). 0, or 2 after saying why. */
static int write_report(struct report_output *out, const struct findings *list,
			const struct report_summary *summary, const struct report_options *ropts)
{
	report_write(out->fp, stderr, list, summary, ropts);
	char *err = NULL;
	if (!output_commit(out, &err))
		return 0;
	int rc = die("%s", err);
	free(err);
	return rc;
}

/* The baseline in use: --baseline's file on disk (trusted like the whole
 * command line), else the config's, read from the linted tree like a zone
 * (in git mode from the linted revision). *have is false when there is
 * none. 0, or 2 after saying why. */
static int load_baseline(struct baseline *out, bool *have, const struct cli_options *opts,
			 const struct config *cfg, struct source *src)
{
	char *err = NULL;
	int rc = 0;
	*have = opts->baseline || cfg->baseline;
	if (opts->baseline) {
		rc = baseline_read_file(out, opts->baseline, &err);
	} else if (cfg->baseline) {
		enum source_kind kind = source_kind(src, cfg->baseline);
		char *data = NULL;
		size_t len = 0;
		if (kind != SOURCE_FILE) {
			err = xstrdup(source_kind_why(kind));
			rc = -1;
		} else {
			rc = source_read(src, cfg->baseline, &data, &len, &err);
		}
		if (rc) {
			char *why = err;
			err = xasprintf("cannot read baseline '%s' (named in %s) in the %s: %s",
					cfg->baseline, cfg->path ? cfg->path : "the config",
					src->description, why ? why : "unreadable");
			free(why);
		} else {
			rc = baseline_parse(out, cfg->baseline, data ? data : "", len, &err);
		}
		free(data);
	}
	if (!rc)
		return 0;
	rc = die("%s", err);
	free(err);
	return rc;
}

/* --write-baseline: every finding of the run accepted. The order kept is
 * the file's own when a regular file is there (a link is replaced like
 * -o's, not read through), else the baseline in use. Written where -o
 * would write (output.c): atomically, keeping the old file's mode, a FIFO
 * or device in place, "-" to standard output. */
static int write_baseline(const char *path, const struct baseline *in_use,
			  const struct findings *list, bool quiet)
{
	struct baseline existing;
	memset(&existing, 0, sizeof(existing));
	const struct baseline *old = in_use;
	struct stat st;
	char *err = NULL;
	if (strcmp(path, "-") && !lstat(path, &st) && S_ISREG(st.st_mode)) {
		if (baseline_read_file(&existing, path, &err)) {
			int rc = die("%s (remove it to write a new baseline)", err);
			free(err);
			baseline_free(&existing);
			return rc;
		}
		old = &existing;
	}
	struct report_output dest;
	struct baseline_write_stats stats;
	int rc = 0;
	if (output_open(&dest, path, &err)) {
		rc = die("%s", err);
	} else {
		bool to_stdout = !dest.path;
		baseline_write(dest.fp, old, list, &stats);
		if (output_commit(&dest, &err))
			rc = die("%s", err);
		else if (!quiet)
			note("baseline %s: %zu %s (%zu new, %zu dropped as no longer found)",
			     to_stdout ? "(standard output)" : path, stats.entries,
			     stats.entries == 1 ? "entry" : "entries", stats.added, stats.dropped);
	}
	free(err);
	baseline_free(&existing);
	return rc;
}

/* The root as the user can find it from here: "." or a path below the
 * current directory, else absolute. Caller frees. */
static char *root_shown(const char *root)
{
	char *cwd = getcwd(NULL, 0);
	char *shown;
	if (cwd && !strcmp(cwd, root))
		shown = xstrdup(".");
	else if (cwd && strcmp(cwd, "/") && path_is_below(root, cwd))
		shown = xstrdup(root + strlen(cwd) + 1);
	else
		shown = xstrdup(root);
	free(cwd);
	return shown;
}

/* One linted tree: its source, index and findings. */
struct run {
	struct source *src;
	struct index ix;
	struct findings findings;
	struct zone_requests reqs;
};

static void run_free(struct run *run)
{
	zone_requests_free(&run->reqs);
	findings_free(&run->findings);
	index_free(&run->ix);
	source_free(run->src);
	memset(run, 0, sizeof(*run));
}

/* Which files of one source are zones. 0, or 2 after printing why. A
 * base of --since (what != NULL) may have none, or lack a zone the config
 * names: the change adds it. */
static int collect_source(struct run *run, const struct config *cfg, char *const *paths,
			  size_t npaths, const char *what, bool may_be_empty)
{
	char *err = NULL;
	index_init(&run->ix);
	run->reqs.missing_files_ok = what != NULL;
	if (load_collect(&run->reqs, run->src, cfg, paths, npaths, &err)) {
		char *root = root_shown(cfg->root);
		int rc = die("%s (in the linted root '%s')", err, root);
		free(root);
		free(err);
		return rc;
	}
	if (!run->reqs.count && !may_be_empty) {
		struct strbuf patterns = STRBUF_INIT;
		for (size_t i = 0; i < cfg->nzone_patterns; i++)
			strbuf_addf(&patterns, "%s'%s'", i ? ", " : "", cfg->zone_patterns[i]);
		char *root = root_shown(cfg->root);
		int rc = die("no zone file found under %s%s%s in the linted root '%s' "
			     "(file names searched: %s)",
			     run->reqs.searched.len ? run->reqs.searched.data : "the given paths",
			     what ? " in " : "", what ? what : "", root,
			     patterns.data ? patterns.data : "none");
		free(root);
		strbuf_release(&patterns);
		return rc;
	}
	return 0;
}

/* Load and lint the zones collect_source found. 0, or 2 after printing
 * why (exit 2). */
static int lint_collected(struct run *run, const struct config *cfg, const struct index *base,
			  int jobs)
{
	run->ix.threads = jobs;
	load_zones(&run->ix, run->src, cfg, &run->reqs);
	/* a damaged git object store: findings from it would be a guess */
	if (run->src->failure)
		return die("%s", run->src->failure);
	index_finish(&run->ix);
	engine_run(&run->findings, &run->ix, base, cfg);
	return 0;
}

/* --list-zones: each zone as loaded, one line of four tab-separated
 * fields (origin, file, where the origin came from, "loaded" or "not
 * loaded"), or one JSON object. The format is documented in the man page
 * and kept stable for scripts. */
static void list_zones(FILE *out, const struct index *ix, enum report_format format)
{
	if (format == FORMAT_JSON)
		fprintf(out, "{\n  \"tool\": \"ptrlint\",\n  \"version\": \"%s\",\n  \"zones\": [",
			PTRLINT_VERSION);
	for (size_t z = 0; z < ix->nzones; z++) {
		const struct zone *zone = &ix->zones[z];
		char origin[NAME_TEXT_MAX] = "-";
		if (zone->origin)
			dname_to_text(origin, index_wire(ix, zone->origin));
		const char *source = origin_source_name(zone->origin_source);
		if (format == FORMAT_JSON) {
			fputs(z ? ",\n    {\"origin\": " : "\n    {\"origin\": ", out);
			if (zone->origin)
				json_write_string(out, origin);
			else
				fputs("null", out);
			fputs(", \"file\": ", out);
			json_write_string(out, ix->files[zone->file]);
			fprintf(out, ", \"source\": \"%s\", \"loaded\": %s}", source,
				zone->loaded ? "true" : "false");
			continue;
		}
		struct strbuf line = STRBUF_INIT;
		report_escape(&line, origin);
		strbuf_addch(&line, '\t');
		report_escape(&line, ix->files[zone->file]);
		strbuf_addf(&line, "\t%s\t%s\n", source, zone->loaded ? "loaded" : "not loaded");
		fputs(line.data, out);
		strbuf_release(&line);
	}
	if (format == FORMAT_JSON)
		fputs(ix->nzones ? "\n  ]\n}\n" : "]\n}\n", out);
}

/* In git mode the config comes from the linted revision: .ptrlint.yaml
 * at the repository root, unless -c names a file on disk. */
static int load_git_config(struct config *cfg, struct source *src, char **err)
{
	if (source_kind(src, ".ptrlint.yaml") != SOURCE_FILE)
		return 0;
	char *data = NULL;
	size_t len = 0;
	if (source_read(src, ".ptrlint.yaml", &data, &len, err))
		return -1;
	int rc = config_load_buffer(cfg, ".ptrlint.yaml", data, len, err);
	free(data);
	return rc;
}

/* PATH arguments of a git run: relative to the current directory's place
 * in the work tree, then normalised; they need not exist on disk. */
static char *git_path(const char *root, const char *arg)
{
	char *cwd = getcwd(NULL, 0);
	char *prefix = NULL;
	size_t rl = strlen(root);
	if (cwd && !strncmp(cwd, root, rl) && (cwd[rl] == '/' || !cwd[rl]))
		prefix = xstrdup(cwd[rl] ? cwd + rl + 1 : "");
	free(cwd);
	char *rel;
	if (arg[0] == '/') {
		rel = (!strncmp(arg, root, rl) && (arg[rl] == '/' || !arg[rl]))
			? path_join_normalise("", arg + rl) : NULL;
	} else {
		rel = path_join_normalise(prefix ? prefix : "", arg);
	}
	free(prefix);
	return rel;
}

/* --since BASE could not be read. Before the first commit there is no
 * base at all, which is no reason to lint nothing: say what works. */
static int since_error(const struct cli_options *opts, const char *err)
{
	if (!source_git_is_empty(opts->git_repo))
		return die("%s", err);
	return die("--since '%s': the repository has no commits yet, so there is no base "
		   "to compare with; before the first commit, lint without --since "
		   "(--staged alone lints the index)", opts->since);
}

/* Are the same files zones, with the same origins from the config, on
 * both sides? (The loader's reads of them are compared by the recorder.) */
static bool same_requests(const struct zone_requests *a, const struct zone_requests *b)
{
	if (a->count != b->count || a->ndepth_cut != b->ndepth_cut ||
	    strcmp(a->depth_cut ? a->depth_cut : "", b->depth_cut ? b->depth_cut : ""))
		return false;
	for (size_t i = 0; i < a->count; i++) {
		const struct zone_request *x = &a->items[i], *y = &b->items[i];
		if (strcmp(x->path, y->path) || x->searched != y->searched ||
		    strcmp(x->origin ? x->origin : "", y->origin ? y->origin : "") ||
		    !x->origin != !y->origin)
			return false;
	}
	return true;
}

/* Would the target's run read what the base's run read, byte for byte?
 * Then its findings are the base's and none is new: a change that touches
 * no zone, $INCLUDEd file or config is not linted. The config the target
 * uses counts too, when it comes from the tree (-c is the same for both). */
static bool lints_the_same(struct run *base, const struct run *target,
			   const struct config *cfg, const struct cli_options *opts)
{
	if (!same_requests(&base->reqs, &target->reqs))
		return false;
	if (!opts->config_path) {
		const char *path = cfg->path && cfg->path[0] != '/' ? cfg->path : ".ptrlint.yaml";
		char *data = NULL, *err = NULL;
		size_t len = 0;
		/* asked through the recorder, so that it is compared too */
		if (source_kind(base->src, path) == SOURCE_FILE)
			source_read(base->src, path, &data, &len, &err);
		free(data);
		free(err);
	}
	if (!source_record_same(base->src, target->src))
		return false;
	if (!opts->quiet)
		note("not linted: no zone file, $INCLUDEd file or config differs from '%s'",
		     opts->since);
	return true;
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
		if (rule < 0) {
			char *why = unknown_rule_message(opts.explain_rule);
			int rc = die("%s", why);
			free(why);
			cli_free(&opts);
			return rc;
		}
		fputs(rule_doc((enum rule_id)rule) ? rule_doc((enum rule_id)rule) : "", stdout);
		cli_free(&opts);
		return 0;
	}
	default:
		break;
	}

	int rc = 2;
	struct config cfg;
	config_init_defaults(&cfg);
	char *config_path = NULL;
	char *common = NULL;         /* the PATHs' common directory (working tree) */
	struct run target, base;
	memset(&target, 0, sizeof(target));
	memset(&base, 0, sizeof(base));
	char **rel_paths = xcalloc(opts.npaths + 1, sizeof(char *));
	struct baseline baseline;
	bool have_baseline = false;
	memset(&baseline, 0, sizeof(baseline));

	if (opts.git) {
		if (opts.root) {
			rc = die("%s", "--root applies to the working tree; in git mode the root is the repository's top");
			goto out;
		}
		target.src = source_git_new(opts.git_repo,
					    opts.staged ? NULL : opts.rev ? opts.rev : "HEAD", &err);
		if (!target.src) {
			rc = die("%s", err);
			goto out;
		}
		cfg.root = xstrdup(source_git_root(target.src));
		if (opts.config_path) {
			config_path = xstrdup(opts.config_path);
			if (config_load_file(&cfg, config_path, &err)) {
				rc = die("%s", err);
				goto out;
			}
		} else if (load_git_config(&cfg, target.src, &err)) {
			rc = die("%s", err);
			goto out;
		}
	} else {
		/* -c is trusted like the whole command line; a config found
		 * by discovery is the tree's, read like a zone */
		if (opts.npaths && (rc = paths_common_dir(opts.paths, opts.npaths, &common)))
			goto out;
		/* PATHs elsewhere are linted under their own config: the one
		 * above them, not the one above the current directory */
		config_path = opts.config_path ? xstrdup(opts.config_path)
					       : discover_config_from(common);
		if (config_path && (opts.config_path ? config_load_file(&cfg, config_path, &err)
						     : discover_load_config(&cfg, config_path, &err))) {
			rc = die("%s", err);
			goto out;
		}
	}
	apply_overrides(&cfg, &opts);
	if (opts.action == ACTION_PRINT_CONFIG) {
		config_print(&cfg, stdout);
		rc = 0;
		goto out;
	}

	if (!opts.git) {
		char *root_arg = opts.root ? xstrdup(opts.root) : default_root(config_path, common);
		cfg.root = realpath(root_arg, NULL);
		if (!cfg.root) {
			rc = die("cannot use '%s' as the linted root", root_arg);
			free(root_arg);
			goto out;
		}
		free(root_arg);
		target.src = source_fs_new(cfg.root, &err);
		if (!target.src) {
			rc = die("%s", err);
			goto out;
		}
	}
	if (cfg.path && !opts.git) {
		/* findings located in the config name it like every other file:
		 * relative to the root (SPEC §3), when it lies inside the root */
		char *real = realpath(cfg.path, NULL);
		size_t rl = strlen(cfg.root);
		if (real && !strncmp(real, cfg.root, rl) && real[rl] == '/') {
			free(cfg.path);
			cfg.path = xstrdup(real + rl + 1);
		}
		free(real);
	}
	for (size_t i = 0; i < opts.npaths; i++) {
		rel_paths[i] = opts.git ? git_path(cfg.root, opts.paths[i])
					: path_in_root(cfg.root, opts.paths[i]);
		if (!rel_paths[i]) {
			if (!opts.git && access(opts.paths[i], F_OK)) {
				rc = die("cannot read '%s': no such file or directory", opts.paths[i]);
			} else {
				char *root = root_shown(cfg.root);
				rc = die("'%s' is outside the linted root '%s' (see --root)",
					 opts.paths[i], root);
				free(root);
			}
			goto out;
		}
	}
	if (opts.action == ACTION_LIST_ZONES) {
		if (!(rc = collect_source(&target, &cfg, rel_paths, opts.npaths, NULL, false)) &&
		    !(rc = lint_collected(&target, &cfg, NULL, opts.jobs))) {
			list_zones(stdout, &target.ix, opts.format);
			rc = fflush(stdout) ? die("cannot write the zone list: %s", strerror(errno)) : 0;
		}
		goto out;
	}
	bool unchanged = false;
	/* read before linting: a bad baseline fails the run at once */
	if ((rc = load_baseline(&baseline, &have_baseline, &opts, &cfg, target.src)))
		goto out;
	if (opts.since) {
		/* the base comes from the same repository as the target: --git's,
		 * else the one holding the current directory */
		base.src = source_git_new(opts.git_repo,
					  opts.since, &err);
		if (!base.src) {
			rc = since_error(&opts, err);
			goto out;
		}
		if ((rc = collect_source(&base, &cfg, rel_paths, opts.npaths, opts.since, true)))
			goto out;
		/* what the base's loader asks is remembered, to ask the target */
		base.src = source_record_new(base.src);
		if ((rc = lint_collected(&base, &cfg, NULL, opts.jobs)))
			goto out;
	}
	/* no zone on either side: a change that touches none */
	if ((rc = collect_source(&target, &cfg, rel_paths, opts.npaths, NULL,
				 opts.since && !base.reqs.count)))
		goto out;
	unchanged = opts.since && lints_the_same(&base, &target, &cfg, &opts);
	if (!unchanged && (rc = lint_collected(&target, &cfg, opts.since ? &base.ix : NULL,
					       opts.jobs)))
		goto out;
	/* unchanged: the linted tree's findings are the base's */
	if (have_baseline)
		baseline_note(&baseline, unchanged ? &base.findings : &target.findings);
	if (unchanged)
		target.findings.hidden = base.findings.count;
	else if (opts.since)
		findings_subtract(&target.findings, &base.findings);
	if (opts.write_baseline) {
		rc = write_baseline(opts.write_baseline, have_baseline ? &baseline : NULL,
				    &target.findings, opts.quiet);
		goto out;
	}
	/* after --since, before --fail-on: what is left is what gates */
	if (have_baseline)
		baseline_apply(&baseline, &target.findings);

	/* unchanged: the target's run would have loaded what the base's did */
	const struct index *shown = unchanged ? &base.ix : &target.ix;
	size_t zones = 0;
	for (size_t z = 0; z < shown->nzones; z++)
		zones += shown->zones[z].loaded;
	struct report_summary summary = {shown->nzone_files, zones, shown->nrecords,
					 now_seconds() - started, target.findings.hidden,
					 have_baseline ? &baseline : NULL};
	/* the temporary file is made only now, so that nothing is left
	 * behind by a run that fails or is stopped before its report */
	struct report_output dest;
	if (output_open(&dest, opts.output, &err)) {
		rc = die("%s", err);
		goto out;
	}
	bool tty = isatty(fileno(dest.fp));
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
	rc = write_report(&dest, &target.findings, &summary, &ropts);
	if (!rc) {
		for (int s = SEV_INFO; s <= SEV_ERROR; s++)
			if (s >= (int)cfg.fail_on && findings_count_at(&target.findings, (enum severity)s))
				rc = 1;
	}
out:
	free(err);
	for (size_t i = 0; i < opts.npaths; i++)
		free(rel_paths[i]);
	free(rel_paths);
	run_free(&base);
	run_free(&target);
	baseline_free(&baseline);
	free(config_path);
	free(common);
	config_free(&cfg);
	cli_free(&opts);
	return rc;
}
