/*
 * source.h — where zone files, $INCLUDEd files and the config come from:
 * the working tree (source_fs.c), a git revision or the git index
 * (source_git.c). The loader reads only through this interface, so
 * $INCLUDE resolution and directory search behave the same in all three.
 *
 * Paths are relative to the linted root, '/'-separated, normalised (no
 * "." or ".." components, no leading or trailing '/'; "" is the root).
 * A source never hands out anything outside the root: the path rules and
 * symlinks are checked here, not by callers.
 */
#ifndef PTRLINT_SOURCE_H
#define PTRLINT_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum source_kind {
	SOURCE_MISSING = 0,
	SOURCE_FILE,
	SOURCE_DIR,
	SOURCE_OTHER,            /* FIFO, device, socket, submodule: never read */
	SOURCE_OUTSIDE,          /* a symlink that leads out of the root */
	SOURCE_LOOP,             /* symlinks that loop (or too many in a row) */
};

struct source;
struct source_ops {
	enum source_kind (*kind)(struct source *src, const char *path);
	/* Whole content into a new buffer (caller frees *data). Returns 0;
	 * SOURCE_SKIPPED with *err when the path is something ptrlint leaves
	 * alone by design (a submodule, a Git LFS pointer, a FIFO or device);
	 * or -1 with *err on failure. *err has no path; the caller frees it. */
	int (*read)(struct source *src, const char *path, char **data,
		    size_t *len, char **err);
	/* Entries of a directory: names only, sorted, caller frees the array
	 * and each name. -1 with *err on failure. */
	int (*list)(struct source *src, const char *dir, char ***names,
		    size_t *count, char **err);
	void (*free)(struct source *src);
	/* Is path itself a symbolic link (its last component, not followed)?
	 * NULL: the source has none. Directory search does not descend into
	 * links to directories: a link to "." or to a sibling would load the
	 * same zones again under other names. */
	bool (*is_link)(struct source *src, const char *path);
	/* As read, into buf (a caller's buffer kept from file to file, whose
	 * memory is reused); NULL: source_read_buf() does it with read. */
	int (*read_buf)(struct source *src, const char *path, struct strbuf *buf, char **err);
};

struct source {
	const struct source_ops *ops;
	const char *description;     /* "working tree", "HEAD", "the index" */
	/* Set by the source when the run cannot be trusted although each read
	 * said what failed (a git object store that could not give an object
	 * its tree names): the message for exit 2 after loading. */
	const char *failure;
};

/* The working tree below root (an existing directory). NULL with *err. */
struct source *source_fs_new(const char *root, char **err);

/* An in-memory tree (tests, fuzzing): add files with source_mem_add;
 * directories exist implicitly. Content is copied. */
struct source *source_mem_new(void);
void source_mem_add(struct source *src, const char *path, const char *data, size_t len);

/* inner, asked through: every path a run asks about is remembered.
 * Takes inner over (freed with the recorder). */
struct source *source_record_new(struct source *inner);
/* Does other answer every question the recorder was asked, about the same
 * paths, as the recorder's source does (kinds, links, listings, bytes)?
 * Then a run over other would give what the recorded run gave. */
bool source_record_same(struct source *recorder, struct source *other);

/* A git revision (rev != NULL: any revparse syntax, e.g. "HEAD",
 * "origin/main", a tag) or the index (rev == NULL) of the repository at or
 * above repo_path (NULL: the current directory; bare repositories work).
 * The linted root is the repository's top (work tree) or the bare repo
 * itself. NULL with *err = "what ptrlint was doing: libgit2's message" on
 * failure (not a repository, unknown revision, repository without commits
 * for a rev, missing or corrupt objects as in a shallow clone). */
struct source *source_git_new(const char *repo_path, const char *rev, char **err);
/* For tests and fuzzing: the tree tree_id of an open repository, with root
 * as the linted root's name. repo is borrowed: free it after the source. */
struct git_repository;
struct git_oid;
struct source *source_git_from_tree(struct git_repository *repo, const struct git_oid *tree_id,
				    const char *root, char **err);
/* Is the repository at or above repo_path (NULL: as source_git_new finds
 * it) one without commits yet, where HEAD names no revision? */
bool source_git_is_empty(const char *repo_path);
/* The repository's work tree top (absolute, no trailing slash) or, for a
 * bare repository, its git dir; borrowed. */
const char *source_git_root(struct source *src);

static inline enum source_kind source_kind(struct source *src, const char *path)
{
	return src->ops->kind(src, path);
}
static inline int source_read(struct source *src, const char *path, char **data,
			      size_t *len, char **err)
{
	return src->ops->read(src, path, data, len, err);
}
/* As source_read, the content into buf (buf->data NUL-terminated,
 * buf->len its length) and buf's memory reused where the source can: the
 * loader reads thousands of files, some of them tens of MiB. */
int source_read_buf(struct source *src, const char *path, struct strbuf *buf, char **err);
static inline int source_list(struct source *src, const char *dir, char ***names,
			      size_t *count, char **err)
{
	return src->ops->list(src, dir, names, count, err);
}
static inline bool source_is_link(struct source *src, const char *path)
{
	return src->ops->is_link && src->ops->is_link(src, path);
}
static inline void source_free(struct source *src)
{
	if (src)
		src->ops->free(src);
}

/* Join base (a normalised directory, "" = root) and a relative path and
 * normalise. Returns a new string, or NULL when ".." climbs above the
 * root. */
char *path_join_normalise(const char *base, const char *rel);
/* The directory part of a normalised path ("" for a top-level file). */
char *path_dirname(const char *path);

#define SOURCE_SKIPPED (-2)
#define SOURCE_MAX_FILE_SIZE ((size_t)1 << 30)   /* 1 GiB: larger is refused */

#endif
