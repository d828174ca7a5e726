/*
 * fuzz_glob.c — libFuzzer target for config globs and command-line paths
 * (discover.c, path_join_normalise).
 *
 * Input: lines. The first is a glob; each further line (up to 24) is a
 * path as a user or a config could write it ("zones/../x", "/abs", "a//b").
 * Checks beyond "no crash, leak or UB":
 *   - path_join_normalise, alone and below the previous path's directory,
 *     never yields ".." or "." components, a leading or trailing '/', or
 *     an empty component;
 *   - on short inputs the glob matcher agrees with a slow recursive one
 *     built on fnmatch(3) per component, and the name matcher with
 *     fnmatch(3) itself;
 *   - the normalised paths become an in-memory tree; load_collect with the
 *     glob (and twice the same glob, and a file entry) finds only files of
 *     that tree, each once, each one the glob matches.
 */
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "discover.h"

#define MAX_PATHS 24
/* the reference is exponential: only inputs this short are compared */
#define REFERENCE_MAX 40

static void check_normalised(const char *p)
{
	if (!p)
		return;
	if (p[0] == '/' || (*p && p[strlen(p) - 1] == '/') || strstr(p, "//"))
		abort();
	for (const char *c = p; *c;) {
		const char *end = strchr(c, '/');
		size_t len = end ? (size_t)(end - c) : strlen(c);
		if ((len == 1 && c[0] == '.') || (len == 2 && c[0] == '.' && c[1] == '.'))
			abort();
		c += len + (end != NULL);
	}
}

/* Collating elements and equivalence classes ([.a.], [=a=]) are
 * fnmatch's and not ours; bytes past ASCII take another code path in
 * glibc (wide characters) with rules of their own; and a '[' that no ']'
 * follows is a literal for us, while glibc's reading of it depends on what
 * comes after ("[a" matches itself, "[a-" nothing): such inputs are not
 * compared. */
static bool brackets_closed(const char *pattern)
{
	const char *open = strrchr(pattern, '[');
	if (!open)
		return true;
	const char *first = open + 1 + (open[1] == '!' || open[1] == '^');
	return *first && strchr(first + 1, ']');   /* a ']' first is a member */
}

static bool ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

static bool comparable(const char *pattern, const char *path)
{
	return ascii(pattern) && ascii(path) && brackets_closed(pattern) &&
	       !strstr(pattern, "[.") && !strstr(pattern, "[=");
}

/* One component of pattern, [p, p_end), on one of path, [s, s_end). */
static bool ref_component(const char *p, size_t plen, const char *s, size_t slen)
{
	char *pc = xstrndup(p, plen), *sc = xstrndup(s, slen);
	bool ok = !fnmatch(pc, sc, 0);
	free(pc);
	free(sc);
	return ok;
}

/* The straightforward reading of the glob: a "**" component followed by
 * more tries every number of path components, recursively. */
static bool ref_glob(const char *p, const char *s)
{
	const char *pslash = strchr(p, '/');
	if (pslash && pslash - p == 2 && p[0] == '*' && p[1] == '*') {
		for (const char *t = s;; t++) {
			if (*t && ref_glob(pslash + 1, t))
				return true;
			t = strchr(t, '/');
			if (!t)
				return false;
		}
	}
	if (!*s)
		return false;
	const char *sslash = strchr(s, '/');
	size_t plen = pslash ? (size_t)(pslash - p) : strlen(p);
	size_t slen = sslash ? (size_t)(sslash - s) : strlen(s);
	if (!ref_component(p, plen, s, slen))
		return false;
	if (!pslash || !sslash)
		return !pslash && !sslash;
	return ref_glob(pslash + 1, sslash + 1);
}

static size_t count_double_stars(const char *p)
{
	size_t n = 0;
	for (const char *c = strstr(p, "**"); c; c = strstr(c + 2, "**"))
		n++;
	return n;
}

static void compare_with_reference(const char *pattern, const char *path)
{
	if (strlen(pattern) > REFERENCE_MAX || strlen(path) > REFERENCE_MAX ||
	    count_double_stars(pattern) > 4 || !comparable(pattern, path) || !*path)
		return;
	size_t work = 0;
	if (discover_glob_match(pattern, path, &work) != ref_glob(pattern, path))
		abort();
	/* O(pattern x path), with room for bracket expressions */
	if (work > (strlen(pattern) + 2) * (strlen(path) + 2) * 4)
		abort();
	if (!strchr(pattern, '/') && !strchr(path, '/')) {
		work = 0;
		bool got = discover_name_match(pattern, strlen(pattern), path, strlen(path), &work);
		if (got != !fnmatch(pattern, path, 0))
			abort();
	}
}

/* Does a tree of files hold path as a directory, or a file as a
 * directory of path? (source_mem cannot hold both.) */
static bool clashes(char *const *files, size_t n, const char *path)
{
	size_t b = strlen(path);
	for (size_t i = 0; i < n; i++) {
		size_t a = strlen(files[i]);
		if (!strcmp(files[i], path) ||
		    (a < b && !strncmp(files[i], path, a) && path[a] == '/') ||
		    (b < a && !strncmp(files[i], path, b) && files[i][b] == '/'))
			return true;
	}
	return false;
}

static void check_collect(const char *glob, char *const *files, size_t n)
{
	struct source *src = source_mem_new();
	for (size_t i = 0; i < n; i++)
		source_mem_add(src, files[i], "", 0);
	struct config cfg;
	config_init_defaults(&cfg);
	struct zone_spec specs[3] = {
		{NULL, (char *)glob, NULL, 1},
		{n ? files[0] : NULL, n ? NULL : (char *)glob, NULL, 2},
		{NULL, (char *)glob, NULL, 3},
	};
	cfg.zones = specs;
	cfg.nzones = 3;
	struct zone_requests reqs;
	memset(&reqs, 0, sizeof(reqs));
	char *err = NULL;
	if (!load_collect(&reqs, src, &cfg, NULL, 0, &err)) {
		for (size_t r = 0; r < reqs.count; r++) {
			const char *got = reqs.items[r].path;
			bool in_tree = false;
			for (size_t i = 0; i < n && !in_tree; i++)
				in_tree = !strcmp(files[i], got);
			size_t work = 0;
			bool named = n && !strcmp(got, files[0]);
			if (!in_tree || (!named && !discover_glob_match(glob, got, &work)))
				abort();
			for (size_t k = 0; k < r; k++)
				if (!strcmp(reqs.items[k].path, got))
					abort();
		}
	} else if (!err || !*err) {
		abort();
	}
	free(err);
	zone_requests_free(&reqs);
	cfg.zones = NULL;
	cfg.nzones = 0;
	config_free(&cfg);
	source_free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
	if (memchr(bytes, '\0', len))
		return 0;
	char *text = xstrndup((const char *)bytes, len);
	char *save = NULL;
	char *glob = strtok_r(text, "\n", &save);
	if (!glob) {
		free(text);
		return 0;
	}
	char *files[MAX_PATHS];
	size_t n = 0;
	char *previous_dir = xstrdup("");
	for (char *line = strtok_r(NULL, "\n", &save); line && n < MAX_PATHS;
	     line = strtok_r(NULL, "\n", &save)) {
		char *alone = path_join_normalise("", line);
		char *below = path_join_normalise(previous_dir, line);
		check_normalised(alone);
		check_normalised(below);
		free(below);
		if (alone && *alone) {
			compare_with_reference(glob, alone);
			free(previous_dir);
			previous_dir = path_dirname(alone);
		}
		if (alone && *alone && !clashes(files, n, alone))
			files[n++] = alone;
		else
			free(alone);
	}
	check_collect(glob, files, n);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(previous_dir);
	free(text);
	return 0;
}
