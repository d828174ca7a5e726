/*
 * run.c — one run of ptrlint (run.h): config, source, load, index, rules,
 * --since, baseline, report, exit status (SPEC §2). Owns the objects of the
 * run and frees them in reverse order. main.c makes it with lint_run; the
 * unit tests and fuzzers load and lint through the same lint_tree_* steps.
 */
#include "run.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "baseline.h"
#include "discover.h"
#include "dname.h"
#include "engine.h"
#include "output.h"

int run_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_run_error(fmt, ap);
	va_end(ap);
	return 2;
}

/* run_error with an allocated message, which it frees. */
static int fail_with(char *err)
{
	int rc = run_error("%s", err);
	free(err);
	return rc;
}

/* A note about the run on stderr ("ptrlint: ..."), escaped like run_error's. */
static void note(const char *fmt, ...) PTRLINT_PRINTF(1, 2);
static void note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_run_error(fmt, ap);
	va_end(ap);
}

/* ---- one tree ---- */

void lint_tree_init(struct lint_tree *tree, struct source *src)
{
	memset(tree, 0, sizeof(*tree));
	tree->src = src;
	index_init(&tree->ix);
}

int lint_tree_collect(struct lint_tree *tree, const struct config *cfg, char *const *paths,
		      size_t npaths, char **err)
{
	return load_collect(&tree->reqs, tree->src, cfg, paths, npaths, err);
}

int lint_tree_load(struct lint_tree *tree, const struct config *cfg, int jobs, char **err)
{
	/* -j, set once: index_finish and the rules read it from the index */
	tree->ix.threads = jobs;
	load_zones(&tree->ix, tree->src, cfg, &tree->reqs);
	if (tree->src->failure) {
		*err = xstrdup(tree->src->failure);
		return -1;
	}
	index_finish(&tree->ix);
	return 0;
}

void lint_tree_check(struct lint_tree *tree, const struct config *cfg,
		     const struct index *base)
{
	engine_run(&tree->findings, &tree->ix, base, cfg);
}

void lint_tree_free(struct lint_tree *tree)
{
	zone_requests_free(&tree->reqs);
	findings_free(&tree->findings);
	index_free(&tree->ix);
	source_free(tree->src);
	memset(tree, 0, sizeof(*tree));
}

/* ---- paths and the root ---- */

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
		return run_error("cannot find the current directory: %s", strerror(errno));
	char *common = NULL;
	int rc = 0;
	for (size_t i = 0; i < npaths && !rc; i++) {
		char *lex = path_lexical(cwd, paths[i]);
		struct stat st;
		if (!lex || lstat(lex, &st)) {
			rc = run_error("cannot read '%s': %s", paths[i], lex ? strerror(errno)
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
			rc = run_error("cannot read '%s': %s", common, strerror(errno));
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

/* ---- the config ---- */

static void apply_overrides(struct config *cfg, const struct run_options *opts)
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

/* ---- baseline and report ---- */

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
	int rc = run_error("%s", err);
	free(err);
	return rc;
}

/* The baseline in use: --baseline's file on disk (trusted like the whole
 * command line), else the config's, read from the linted tree like a zone
 * (in git mode from the linted revision). *have is false when there is
 * none. 0, or 2 after saying why. */
static int load_baseline(struct baseline *out, bool *have, const struct run_options *opts,
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
	rc = run_error("%s", err);
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
			int rc = run_error("%s (remove it to write a new baseline)", err);
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
		rc = run_error("%s", err);
	} else {
		bool to_stdout = !dest.path;
		baseline_write(dest.fp, old, list, &stats);
		if (output_commit(&dest, &err))
			rc = run_error("%s", err);
		else if (!quiet)
			note("baseline %s: %zu %s (%zu new, %zu dropped as no longer found)",
			     to_stdout ? "(standard output)" : path, stats.entries,
			     stats.entries == 1 ? "entry" : "entries", stats.added, stats.dropped);
	}
	free(err);
	baseline_free(&existing);
	return rc;
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

/* ---- --since ---- */

/* --since BASE could not be read. Before the first commit there is no
 * base at all, which is no reason to lint nothing: say what works. */
static int since_error(const struct run_options *opts, const char *err)
{
	if (!source_git_is_empty(opts->git_repo))
		return run_error("%s", err);
	return run_error("--since '%s': the repository has no commits yet, so there is no base "
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
static bool lints_the_same(struct lint_tree *base, const struct lint_tree *target,
			   const struct config *cfg, const struct run_options *opts)
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

/* ---- the run ---- */

/* What one run holds; run_state_free releases it in reverse order. */
struct run_state {
	const struct run_options *opts;
	double started;              /* for the report's time */
	struct config cfg;
	char *config_path;           /* the config file read; NULL: built-in defaults */
	char *common;                /* the PATHs' common directory (working tree) */
	char **rel_paths;            /* the PATHs relative to the root */
	struct lint_tree target, base;
	struct baseline baseline;
	bool have_baseline;
	bool unchanged;              /* --since: the target would lint as the base did */
};

static void run_state_init(struct run_state *st, const struct run_options *opts)
{
	memset(st, 0, sizeof(*st));
	st->opts = opts;
	st->started = now_seconds();
	config_init_defaults(&st->cfg);
	st->rel_paths = xcalloc(opts->npaths + 1, sizeof(char *));
}

static void run_state_free(struct run_state *st)
{
	for (size_t i = 0; i < st->opts->npaths; i++)
		free(st->rel_paths[i]);
	free(st->rel_paths);
	lint_tree_free(&st->base);
	lint_tree_free(&st->target);
	baseline_free(&st->baseline);
	free(st->config_path);
	free(st->common);
	config_free(&st->cfg);
}

/* In git mode the tree is the revision (or the index with --staged), and
 * the config comes from it unless -c names a file on disk. */
static int read_git_config(struct run_state *st)
{
	const struct run_options *opts = st->opts;
	char *err = NULL;
	if (opts->root)
		return run_error("%s", "--root applies to the working tree; in git mode the root is the repository's top");
	lint_tree_init(&st->target, source_git_new(opts->git_repo,
						   opts->staged ? NULL : opts->rev ? opts->rev : "HEAD",
						   &err));
	if (!st->target.src)
		return fail_with(err);
	st->cfg.root = xstrdup(source_git_root(st->target.src));
	if (opts->config_path) {
		st->config_path = xstrdup(opts->config_path);
		if (config_load_file(&st->cfg, st->config_path, &err))
			return fail_with(err);
	} else if (load_git_config(&st->cfg, st->target.src, &err)) {
		return fail_with(err);
	}
	return 0;
}

/* -c is trusted like the whole command line; a config found by discovery
 * is the tree's, read like a zone. */
static int read_tree_config(struct run_state *st)
{
	const struct run_options *opts = st->opts;
	char *err = NULL;
	int rc;
	if (opts->npaths && (rc = paths_common_dir(opts->paths, opts->npaths, &st->common)))
		return rc;
	/* PATHs elsewhere are linted under their own config: the one above
	 * them, not the one above the current directory */
	st->config_path = opts->config_path ? xstrdup(opts->config_path)
					    : discover_config_from(st->common);
	if (st->config_path && (opts->config_path ? config_load_file(&st->cfg, st->config_path, &err)
						  : discover_load_config(&st->cfg, st->config_path, &err)))
		return fail_with(err);
	return 0;
}

/* The working tree's root and source; the config named relative to it. */
static int open_work_tree(struct run_state *st)
{
	struct config *cfg = &st->cfg;
	char *err = NULL;
	char *root_arg = st->opts->root ? xstrdup(st->opts->root)
					: default_root(st->config_path, st->common);
	cfg->root = realpath(root_arg, NULL);
	if (!cfg->root) {
		int rc = run_error("cannot use '%s' as the linted root", root_arg);
		free(root_arg);
		return rc;
	}
	free(root_arg);
	lint_tree_init(&st->target, source_fs_new(cfg->root, &err));
	if (!st->target.src)
		return fail_with(err);
	if (cfg->path) {
		/* findings located in the config name it like every other file:
		 * relative to the root (SPEC §3), when it lies inside the root */
		char *real = realpath(cfg->path, NULL);
		size_t rl = strlen(cfg->root);
		if (real && !strncmp(real, cfg->root, rl) && real[rl] == '/') {
			free(cfg->path);
			cfg->path = xstrdup(real + rl + 1);
		}
		free(real);
	}
	return 0;
}

/* The PATH arguments relative to the root, each inside it. */
static int resolve_paths(struct run_state *st)
{
	const struct run_options *opts = st->opts;
	for (size_t i = 0; i < opts->npaths; i++) {
		st->rel_paths[i] = opts->git ? git_path(st->cfg.root, opts->paths[i])
					     : path_in_root(st->cfg.root, opts->paths[i]);
		if (st->rel_paths[i])
			continue;
		if (!opts->git && access(opts->paths[i], F_OK))
			return run_error("cannot read '%s': no such file or directory", opts->paths[i]);
		char *root = root_shown(st->cfg.root);
		int rc = run_error("'%s' is outside the linted root '%s' (see --root)",
				   opts->paths[i], root);
		free(root);
		return rc;
	}
	return 0;
}

/* Which files of one tree are zones. 0, or 2 after printing why. A base
 * of --since (what != NULL) may have none, or lack a zone the config
 * names: the change adds it. */
static int collect_source(struct lint_tree *tree, const struct config *cfg, char *const *paths,
			  size_t npaths, const char *what, bool may_be_empty)
{
	char *err = NULL;
	tree->reqs.missing_files_ok = what != NULL;
	if (lint_tree_collect(tree, cfg, paths, npaths, &err)) {
		char *root = root_shown(cfg->root);
		int rc = run_error("%s (in the linted root '%s')", err, root);
		free(root);
		free(err);
		return rc;
	}
	if (tree->reqs.count || may_be_empty)
		return 0;
	struct strbuf patterns = STRBUF_INIT;
	for (size_t i = 0; i < cfg->nzone_patterns; i++)
		strbuf_addf(&patterns, "%s'%s'", i ? ", " : "", cfg->zone_patterns[i]);
	char *root = root_shown(cfg->root);
	int rc = run_error("no zone file found under %s%s%s in the linted root '%s' "
			   "(file names searched: %s)",
			   tree->reqs.searched.len ? tree->reqs.searched.data : "the given paths",
			   what ? " in " : "", what ? what : "", root,
			   patterns.data ? patterns.data : "none");
	free(root);
	strbuf_release(&patterns);
	return rc;
}

/* Load and lint the zones collect_source found. 0, or 2 after printing
 * why. */
static int lint_collected(struct lint_tree *tree, const struct config *cfg,
			  const struct index *base, int jobs)
{
	char *err = NULL;
	if (lint_tree_load(tree, cfg, jobs, &err))
		return fail_with(err);
	lint_tree_check(tree, cfg, base);
	return 0;
}

/* --list-zones: load, print the zones, lint nothing. */
static int list_zones_run(struct run_state *st)
{
	const struct run_options *opts = st->opts;
	int rc;
	if ((rc = collect_source(&st->target, &st->cfg, st->rel_paths, opts->npaths, NULL, false)) ||
	    (rc = lint_collected(&st->target, &st->cfg, NULL, opts->jobs)))
		return rc;
	list_zones(stdout, &st->target.ix, opts->format);
	return fflush(stdout) ? run_error("cannot write the zone list: %s", strerror(errno)) : 0;
}

/* --since: the base, from the same repository as the target (--git's,
 * else the one holding the current directory), linted first. */
static int lint_base(struct run_state *st)
{
	const struct run_options *opts = st->opts;
	char *err = NULL;
	lint_tree_init(&st->base, source_git_new(opts->git_repo, opts->since, &err));
	if (!st->base.src) {
		int rc = since_error(opts, err);
		free(err);
		return rc;
	}
	int rc = collect_source(&st->base, &st->cfg, st->rel_paths, opts->npaths, opts->since, true);
	if (rc)
		return rc;
	/* what the base's loader asks is remembered, to ask the target */
	st->base.src = source_record_new(st->base.src);
	return lint_collected(&st->base, &st->cfg, NULL, opts->jobs);
}

/* The linted tree, unless with --since it would read what the base read. */
static int lint_target(struct run_state *st)
{
	const struct run_options *opts = st->opts;
	int rc;
	/* no zone on either side: a change that touches none */
	if ((rc = collect_source(&st->target, &st->cfg, st->rel_paths, opts->npaths, NULL,
				 opts->since && !st->base.reqs.count)))
		return rc;
	st->unchanged = opts->since && lints_the_same(&st->base, &st->target, &st->cfg, opts);
	if (st->unchanged)
		return 0;
	return lint_collected(&st->target, &st->cfg, opts->since ? &st->base.ix : NULL, opts->jobs);
}

/* The findings that are new since the base; the baseline told which of
 * all of them it knows. */
static void keep_new_findings(struct run_state *st)
{
	/* unchanged: the linted tree's findings are the base's */
	if (st->have_baseline)
		baseline_note(&st->baseline, st->unchanged ? &st->base.findings : &st->target.findings);
	if (st->unchanged)
		st->target.findings.hidden = st->base.findings.count;
	else if (st->opts->since)
		findings_subtract(&st->target.findings, &st->base.findings);
}

/* Is a finding left at or above fail-on? */
static bool fails_gate(const struct findings *list, enum severity fail_on)
{
	for (int s = SEV_INFO; s <= SEV_ERROR; s++)
		if (s >= (int)fail_on && findings_count_at(list, (enum severity)s))
			return true;
	return false;
}

/* Write the report where -o says; the exit status. */
static int report_run(struct run_state *st)
{
	const struct run_options *opts = st->opts;
	/* unchanged: the target's run would have loaded what the base's did */
	const struct index *shown = st->unchanged ? &st->base.ix : &st->target.ix;
	size_t zones = 0;
	for (size_t z = 0; z < shown->nzones; z++)
		zones += shown->zones[z].loaded;
	struct report_summary summary = {shown->nzone_files, zones, shown->nrecords,
					 now_seconds() - st->started, st->target.findings.hidden,
					 st->have_baseline ? &st->baseline : NULL};
	/* the temporary file is made only now, so that nothing is left
	 * behind by a run that fails or is stopped before its report */
	struct report_output dest;
	char *err = NULL;
	if (output_open(&dest, opts->output, &err))
		return fail_with(err);
	bool tty = isatty(fileno(dest.fp));
	const char *no_color = getenv("NO_COLOR");
	struct report_options ropts = {
		.format = opts->format,
		.color = opts->color == COLOR_ALWAYS ||
			 (opts->color == COLOR_AUTO && tty && !(no_color && *no_color)),
		.quiet = opts->quiet,
		.show_time = tty && !getenv("PTRLINT_NO_TIME"),
		.version = PTRLINT_VERSION,
		.doc_base = "https://github.com/ptrlint/ptrlint/blob/main/docs/rules/",
	};
	int rc = write_report(&dest, &st->target.findings, &summary, &ropts);
	if (!rc && fails_gate(&st->target.findings, st->cfg.fail_on))
		rc = 1;
	return rc;
}

/* Everything after the config: the tree, its PATHs, then list or lint. */
static int run_on_tree(struct run_state *st)
{
	const struct run_options *opts = st->opts;
	int rc;
	if ((!opts->git && (rc = open_work_tree(st))) || (rc = resolve_paths(st)))
		return rc;
	if (opts->mode == RUN_LIST_ZONES)
		return list_zones_run(st);
	/* read before linting: a bad baseline fails the run at once */
	if ((rc = load_baseline(&st->baseline, &st->have_baseline, opts, &st->cfg, st->target.src)))
		return rc;
	if ((opts->since && (rc = lint_base(st))) || (rc = lint_target(st)))
		return rc;
	keep_new_findings(st);
	if (opts->write_baseline)
		return write_baseline(opts->write_baseline, st->have_baseline ? &st->baseline : NULL,
				      &st->target.findings, opts->quiet);
	/* after --since, before --fail-on: what is left is what gates */
	if (st->have_baseline)
		baseline_apply(&st->baseline, &st->target.findings);
	return report_run(st);
}

int lint_run(const struct run_options *opts)
{
	struct run_state st;
	run_state_init(&st, opts);
	int rc = opts->git ? read_git_config(&st) : read_tree_config(&st);
	if (!rc) {
		apply_overrides(&st.cfg, opts);
		if (opts->mode == RUN_PRINT_CONFIG)
			config_print(&st.cfg, stdout);
		else
			rc = run_on_tree(&st);
	}
	run_state_free(&st);
	return rc;
}
