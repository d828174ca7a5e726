/*
 * source_git.c — a git revision or the git index as a source (see
 * source.h), read through libgit2: blobs come out of the object database,
 * nothing is checked out and the working tree is never read, so --rev and
 * --staged lint exactly what the revision or the next commit holds, and
 * bare repositories work. Owns the libgit2 handles of one source and the
 * symlink rules inside a tree: a link is followed only while it stays in
 * the tree, with at most SYMLINK_MAX links per lookup.
 *
 * Not thread-safe: one source, one thread (libgit2's repository objects
 * are not meant to be shared without locking).
 */
#include "source.h"

#include <git2.h>
#include <git2/sys/repository.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "git_guard.h"
#include "util.h"

#define SYMLINK_MAX 8
#define LFS_POINTER_PREFIX "version https://git-lfs.github.com/spec/v1"

struct source_git {
	struct source base;
	git_repository *repo;
	git_tree *tree;              /* revision mode */
	git_index *index;            /* index mode (tree == NULL) */
	bool index_icase;            /* the index sorts case-insensitively */
	char *root;
	char *description;
	bool borrowed_repo;          /* source_git_from_tree: the caller frees repo */
	git_odb *odb;                /* for object headers, read before the object */
	bool guarded;                /* git_guard_install ran: release it */
	char *damage;                /* the first object that could not be read (owned) */
};

/* What one path is, before or after following links. */
enum node_type {
	NODE_MISSING,
	NODE_FILE,
	NODE_DIR,
	NODE_LINK,
	NODE_OTHER,
	NODE_OUTSIDE,
	NODE_LOOP,                   /* more than SYMLINK_MAX links */
	NODE_ERROR,                  /* libgit2 failed: error holds its message */
};

struct node {
	enum node_type type;
	git_oid id;                  /* blob or tree (revision mode) */
	char *path;                  /* where it was found after links (owned) */
	const char *why;             /* NODE_OTHER: what it is instead of a file */
	char *error;                 /* NODE_ERROR (owned) */
};

static const char *git_message(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown libgit2 error";
}

/* A failed read of an object the tree or the index names: the object
 * store is damaged (or incomplete), which ends the run with exit 2 once
 * the loader is done (git_failure); the message also goes to the one
 * read that failed. */
PTRLINT_PRINTF(2, 3)
static char *damaged(struct source_git *sg, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (!sg->damage) {
		sg->damage = xasprintf("the git object store is damaged: %s", msg);
		sg->base.failure = sg->damage;
	}
	return msg;
}

/* libgit2 calls that read objects, each under the watchdog: a damaged
 * store that still makes libgit2 spin ends in exit 2 */
static int blob_lookup(struct source_git *sg, git_blob **out, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_guard_arm("reading blob %s", git_oid_tostr(hex, sizeof(hex), id));
	int rc = git_blob_lookup(out, sg->repo, id);
	git_guard_disarm();
	return rc;
}

static int tree_lookup(git_repository *repo, git_tree **out, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_guard_arm("reading tree %s", git_oid_tostr(hex, sizeof(hex), id));
	int rc = git_tree_lookup(out, repo, id);
	git_guard_disarm();
	return rc;
}

/* The size and type an object's header states, read without inflating
 * the object, so that a blob of gigabytes compressed into a small
 * repository is refused before it costs its size in memory. */
static int object_header(struct source_git *sg, const git_oid *id, size_t *size,
			 git_object_t *type)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_guard_arm("reading the header of object %s", git_oid_tostr(hex, sizeof(hex), id));
	int rc = git_odb_read_header(size, type, sg->odb, id);
	git_guard_disarm();
	return rc;
}

static void node_release(struct node *n)
{
	free(n->path);
	free(n->error);
	n->path = n->error = NULL;
}

static enum node_type classify(uint32_t mode, const char **why)
{
	switch (mode) {
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		return NODE_FILE;
	case GIT_FILEMODE_TREE:
		return NODE_DIR;
	case GIT_FILEMODE_LINK:
		return NODE_LINK;
	case GIT_FILEMODE_COMMIT:
		*why = "is a submodule, not a file";
		return NODE_OTHER;
	default:
		*why = "has a file mode git does not write";
		return NODE_OTHER;
	}
}

/* Does the index entry path start with prefix, under the index's own
 * ordering? With core.ignorecase the entries of one directory are
 * contiguous only case-insensitively, so the scan must run on that way. */
static bool in_prefix_range(const struct source_git *sg, const char *path, const char *prefix,
			    size_t n)
{
	return sg->index_icase ? !strncasecmp(path, prefix, n) : !strncmp(path, prefix, n);
}

/* An entry "git add -N" left: no content yet, and "git commit" leaves it
 * out, so it does not exist for a linter of what will be committed. */
static bool entry_is_placeholder(const git_index_entry *e)
{
	return (e->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD) != 0;
}

/* Is there a committed-to-be entry below dir? (The index holds no
 * directory entries.) */
static bool index_has_dir(struct source_git *sg, const char *dir)
{
	char *prefix = xasprintf("%s/", dir);
	size_t n = strlen(prefix), pos;
	bool found = false;
	if (git_index_find_prefix(&pos, sg->index, prefix) == 0) {
		for (size_t count = git_index_entrycount(sg->index); pos < count && !found; pos++) {
			const git_index_entry *e = git_index_get_byindex(sg->index, pos);
			if (!e || !in_prefix_range(sg, e->path, prefix, n))
				break;
			found = !strncmp(e->path, prefix, n) && !entry_is_placeholder(e);
		}
	}
	free(prefix);
	return found;
}

/* The entry at exactly path, links not followed. */
static void lookup_exact(struct source_git *sg, const char *path, struct node *out)
{
	out->type = NODE_MISSING;
	if (!*path) {
		out->type = NODE_DIR;
		if (sg->tree)
			git_oid_cpy(&out->id, git_tree_id(sg->tree));
		return;
	}
	if (sg->tree) {
		git_tree_entry *entry = NULL;
		char hex[GIT_OID_HEXSZ + 1];
		git_guard_arm("looking up a path below tree %s",
			      git_oid_tostr(hex, sizeof(hex), git_tree_id(sg->tree)));
		int rc = git_tree_entry_bypath(&entry, sg->tree, path);
		git_guard_disarm();
		if (rc == GIT_ENOTFOUND)
			return;
		if (rc < 0) {
			out->type = NODE_ERROR;
			out->error = damaged(sg, "looking up the path in the tree: %s", git_message());
			return;
		}
		out->type = classify(git_tree_entry_filemode(entry), &out->why);
		git_oid_cpy(&out->id, git_tree_entry_id(entry));
		git_tree_entry_free(entry);
		return;
	}
	const git_index_entry *e = git_index_get_bypath(sg->index, path, 0);
	size_t pos;
	if (e) {
		if (entry_is_placeholder(e))
			return;
		out->type = classify(e->mode, &out->why);
		git_oid_cpy(&out->id, &e->id);
	} else if (git_index_find(&pos, sg->index, path) == 0) {
		/* only stages 1-3: a merge conflict git would not commit */
		out->type = NODE_OTHER;
		out->why = "is unmerged in the index (a merge conflict)";
	} else if (index_has_dir(sg, path)) {
		out->type = NODE_DIR;
	}
}

/* A symlink's target, as git stores it: the blob's bytes. */
static int read_link_target(struct source_git *sg, const git_oid *id, char **target, char **err)
{
	git_blob *blob = NULL;
	int rc = -1;
	size_t size;
	git_object_t type;
	if (object_header(sg, id, &size, &type) == 0 && size > PATH_MAX) {
		*target = NULL;      /* as below, without inflating it */
		return 0;
	}
	if (blob_lookup(sg, &blob, id) < 0) {
		*err = damaged(sg, "reading a symlink's target: %s", git_message());
		goto out;
	}
	size_t len = (size_t)git_blob_rawsize(blob);
	const char *raw = git_blob_rawcontent(blob);
	if (len > PATH_MAX || (len && memchr(raw, '\0', len))) {
		*target = NULL;      /* no system could create it: a dangling link */
		rc = 0;
		goto out;
	}
	*target = xstrndup(raw, len);
	rc = 0;
out:
	git_blob_free(blob);
	return rc;
}

/* Replace the link at link_path (rest: what followed it in the path being
 * resolved, "" or "/..."). Returns the new path, or NULL with out->type
 * set when the walk ends here. */
static char *follow_link(struct source_git *sg, const char *link_path, const char *rest,
			 struct node *out)
{
	char *target = NULL, *err = NULL, *next = NULL;
	if (read_link_target(sg, &out->id, &target, &err)) {
		out->type = NODE_ERROR;
		out->error = err;
		goto out;
	}
	if (!target || !*target) {
		out->type = NODE_MISSING;
		goto out;
	}
	/* An absolute target names the machine's file system, never the tree. */
	if (target[0] == '/') {
		out->type = NODE_OUTSIDE;
		goto out;
	}
	char *dir = path_dirname(link_path);
	char *rel = xasprintf("%s%s", target, rest);
	next = path_join_normalise(dir, rel);
	free(dir);
	free(rel);
	if (!next)
		out->type = NODE_OUTSIDE;
out:
	free(target);
	return next;
}

/* What path names, links followed (also links in its directories). */
static void resolve(struct source_git *sg, const char *path, struct node *out)
{
	memset(out, 0, sizeof(*out));
	char *cur = path[0] == '/' ? NULL : path_join_normalise("", path);
	if (!cur) {
		out->type = NODE_OUTSIDE;
		return;
	}
	for (unsigned links = 0;;) {
		lookup_exact(sg, cur, out);
		char *link_path = NULL;
		const char *rest = "";
		if (out->type == NODE_LINK) {
			link_path = xstrdup(cur);
		} else if (out->type == NODE_MISSING) {
			/* A real path would have been found whole: look for a
			 * link among its directories, shortest prefix first. */
			for (char *slash = strchr(cur, '/'); slash; slash = strchr(slash + 1, '/')) {
				char *prefix = xstrndup(cur, (size_t)(slash - cur));
				struct node at = {0};
				lookup_exact(sg, prefix, &at);
				if (at.type == NODE_DIR) {
					free(prefix);
					continue;
				}
				if (at.type == NODE_LINK) {
					link_path = prefix;
					rest = slash;
					out->id = at.id;
				} else {
					free(prefix);
				}
				if (at.type == NODE_ERROR) {
					out->type = NODE_ERROR;
					out->error = at.error;
					at.error = NULL;
				}
				node_release(&at);
				break;
			}
			if (!link_path)
				break;
		} else {
			break;
		}
		char *next = NULL;
		if (++links > SYMLINK_MAX)
			out->type = NODE_LOOP;
		else
			next = follow_link(sg, link_path, rest, out);
		free(link_path);
		free(cur);
		cur = next;
		if (!cur)
			return;
	}
	out->path = cur;
}

static enum source_kind git_kind(struct source *src, const char *path)
{
	struct node n;
	resolve((struct source_git *)src, path, &n);
	enum source_kind kind;
	switch (n.type) {
	case NODE_FILE:
	/* libgit2 could not tell (a missing or corrupt object): say "file" so
	 * that the read which follows reports libgit2's message instead of
	 * the loader hiding the damage as a missing file */
	case NODE_ERROR:
		kind = SOURCE_FILE;
		break;
	case NODE_DIR:
		kind = SOURCE_DIR;
		break;
	case NODE_OTHER:
		kind = SOURCE_OTHER;
		break;
	case NODE_OUTSIDE:
		kind = SOURCE_OUTSIDE;
		break;
	case NODE_LOOP:
		kind = SOURCE_LOOP;
		break;
	default:
		kind = SOURCE_MISSING;
		break;
	}
	node_release(&n);
	return kind;
}

/* The message read() and list() give when path is not what they need. */
static char *not_found_message(const struct node *n, bool want_dir)
{
	switch (n->type) {
	case NODE_OUTSIDE:
		return xstrdup("leads outside the linted root");
	case NODE_LOOP:
		return xstrdup("too many levels of symbolic links");
	case NODE_ERROR:
		return xstrdup(n->error);
	case NODE_OTHER:
		return xstrdup(n->why);
	case NODE_DIR:
		return xstrdup("is a directory");
	case NODE_FILE:
		return xstrdup("not a directory");
	default:
		return xstrdup(want_dir ? "no such directory" : "no such file");
	}
}

static int git_read(struct source *src, const char *path, char **data, size_t *len, char **err)
{
	struct source_git *sg = (struct source_git *)src;
	git_blob *blob = NULL;
	struct node n;
	int rc = -1;
	resolve(sg, path, &n);
	if (n.type != NODE_FILE) {
		*err = not_found_message(&n, false);
		if (n.type == NODE_OTHER && n.why && strstr(n.why, "submodule"))
			rc = SOURCE_SKIPPED;
		goto out;
	}
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), &n.id);
	size_t stated;
	git_object_t type;
	if (object_header(sg, &n.id, &stated, &type) < 0) {
		*err = damaged(sg, "reading blob %s of '%s': %s", hex, n.path, git_message());
		goto out;
	}
	if (stated > SOURCE_MAX_FILE_SIZE) {
		*err = xasprintf("blob %s is %zu bytes, larger than the limit of 1 GiB "
				 "(1073741824 bytes) for one file; not read", hex, stated);
		goto out;
	}
	if (blob_lookup(sg, &blob, &n.id) < 0) {
		*err = damaged(sg, "reading blob %s of '%s': %s", hex, n.path, git_message());
		goto out;
	}
	git_object_size_t size = git_blob_rawsize(blob);
	if (size > SOURCE_MAX_FILE_SIZE) {
		/* the header understated it: libgit2 1.5 reads a packed
		 * object's real size, the guard a loose one's */
		*err = damaged(sg, "reading blob %s of '%s': its size does not match its header",
			       hex, n.path);
		goto out;
	}
	const char *raw = git_blob_rawcontent(blob);
	size_t prefix_len = strlen(LFS_POINTER_PREFIX);
	if (size >= prefix_len && !memcmp(raw, LFS_POINTER_PREFIX, prefix_len)) {
		/* the zone itself lives on an LFS server ptrlint does not ask */
		*err = xstrdup("a Git LFS pointer, not the file");
		rc = SOURCE_SKIPPED;
		goto out;
	}
	*data = xmalloc((size_t)size + 1);
	if (size)
		memcpy(*data, raw, (size_t)size);
	(*data)[size] = '\0';
	*len = (size_t)size;
	rc = 0;
out:
	git_blob_free(blob);
	node_release(&n);
	return rc;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_tree(const git_tree *tree, char ***names, size_t *count)
{
	size_t n = git_tree_entrycount(tree);
	char **list = n ? xcalloc(n, sizeof(*list)) : NULL;
	for (size_t i = 0; i < n; i++)
		list[i] = xstrdup(git_tree_entry_name(git_tree_entry_byindex(tree, i)));
	/* git orders a tree "a.b" before "a" (as "a/"); callers get strcmp */
	if (n)
		qsort(list, n, sizeof(*list), compare_names);
	*names = list;
	*count = n;
}

/* The index is one sorted list of paths: the children of dir are the
 * first components after "dir/" of the entries in that range. */
static void list_index(struct source_git *sg, const char *dir, char ***names, size_t *count)
{
	char *prefix = *dir ? xasprintf("%s/", dir) : xstrdup("");
	size_t n = strlen(prefix), pos = 0, used = 0, cap = 0;
	char **list = NULL;
	if (n && git_index_find_prefix(&pos, sg->index, prefix) != 0)
		pos = git_index_entrycount(sg->index);
	for (size_t total = git_index_entrycount(sg->index); pos < total; pos++) {
		const git_index_entry *e = git_index_get_byindex(sg->index, pos);
		if (!e || !in_prefix_range(sg, e->path, prefix, n))
			break;
		if (strncmp(e->path, prefix, n) || entry_is_placeholder(e))
			continue;
		const char *child = e->path + n;
		const char *slash = strchr(child, '/');
		size_t child_len = slash ? (size_t)(slash - child) : strlen(child);
		/* the common repeat: the next entry of the same subdirectory */
		if (used && !strncmp(list[used - 1], child, child_len) && !list[used - 1][child_len])
			continue;
		*ARRAY_PUSH(list, used, cap) = xstrndup(child, child_len);
	}
	free(prefix);
	/* with core.ignorecase a child's entries need not sit together */
	size_t kept = 0;
	if (used)
		qsort(list, used, sizeof(*list), compare_names);
	for (size_t i = 0; i < used; i++) {
		if (kept && !strcmp(list[kept - 1], list[i]))
			free(list[i]);
		else
			list[kept++] = list[i];
	}
	*names = list;
	*count = kept;
}

static int git_list(struct source *src, const char *dir, char ***names, size_t *count, char **err)
{
	struct source_git *sg = (struct source_git *)src;
	git_tree *tree = NULL;
	struct node n;
	int rc = -1;
	resolve(sg, dir, &n);
	if (n.type != NODE_DIR) {
		*err = not_found_message(&n, true);
		goto out;
	}
	if (sg->tree) {
		if (tree_lookup(sg->repo, &tree, &n.id) < 0) {
			*err = damaged(sg, "reading a tree: %s", git_message());
			goto out;
		}
		list_tree(tree, names, count);
	} else {
		list_index(sg, n.path, names, count);
	}
	rc = 0;
out:
	git_tree_free(tree);
	node_release(&n);
	return rc;
}

static void git_free(struct source *src)
{
	struct source_git *sg = (struct source_git *)src;
	git_tree_free(sg->tree);
	git_index_free(sg->index);
	git_odb_free(sg->odb);
	if (sg->guarded)
		git_guard_release();
	free(sg->damage);
	if (!sg->borrowed_repo)
		git_repository_free(sg->repo);
	free(sg->root);
	free(sg->description);
	free(sg);
	git_libgit2_shutdown();
}

static bool git_is_link(struct source *src, const char *path)
{
	struct node n = {0};
	lookup_exact((struct source_git *)src, path, &n);
	bool link = n.type == NODE_LINK;
	node_release(&n);
	return link;
}

static const struct source_ops git_ops = {git_kind, git_read, git_list, git_free, git_is_link,
					  NULL};

/* The repository containing the current directory, found the way git
 * finds it, so that a hook sees what git commit is about to commit: git
 * runs hooks with GIT_DIR and, for "commit -a" or "commit FILE", with
 * GIT_INDEX_FILE naming a temporary index that holds the next commit. */
static int open_from_environment(git_repository **out)
{
	git_index *index = NULL;
	const char *work_tree = getenv("GIT_WORK_TREE");
	int rc;
	if (!work_tree || !*work_tree)
		return git_repository_open_ext(out, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
	/* libgit2 1.5 answers "GIT_WORK_TREE unimplemented" under
	 * OPEN_FROM_ENV, yet git exports it to hooks under --work-tree: honour
	 * the variables that decide what is linted by hand. */
	const char *git_dir = getenv("GIT_DIR");
	bool have_dir = git_dir && *git_dir;
	rc = git_repository_open_ext(out, have_dir ? git_dir : ".",
				     have_dir ? GIT_REPOSITORY_OPEN_NO_SEARCH : 0,
				     getenv("GIT_CEILING_DIRECTORIES"));
	if (rc < 0)
		goto out;
	/* libgit2 1.5 leaks its copy of the path when it is already the
	 * work tree: set it only when it differs */
	char *real = realpath(work_tree, NULL);
	const char *current = git_repository_workdir(*out);
	size_t real_len = real ? strlen(real) : 0;
	bool same = real && current && !strncmp(current, real, real_len) &&
		    (!strcmp(current + real_len, "/") || !current[real_len]);
	free(real);
	if (!same && (rc = git_repository_set_workdir(*out, work_tree, 0)) < 0)
		goto out;
	const char *index_file = getenv("GIT_INDEX_FILE");
	if (index_file && *index_file) {
		if ((rc = git_index_open(&index, index_file)) < 0 ||
		    (rc = git_repository_set_index(*out, index)) < 0)
			goto out;
	}
out:
	git_index_free(index);
	if (rc < 0) {
		git_repository_free(*out);
		*out = NULL;
	}
	return rc;
}

/* The top without a trailing '/', through realpath() like the working
 * tree's root so that paths given on the command line compare equal. */
static char *root_of(const char *dir)
{
	char *real = realpath(dir, NULL);
	char *root = real ? real : xstrdup(dir);
	size_t len = strlen(root);
	while (len > 1 && root[len - 1] == '/')
		root[--len] = '\0';
	return root;
}

#define OWNER_MESSAGE "the repository is owned by another user, and git (like libgit2) " \
	"refuses such a repository unless it is listed as safe; if it is trusted, allow it " \
	"with: git config --global --add safe.directory PATH"

/* libgit2 1.5.1 refuses a repository owned by another user while it
 * looks for safe.directory, and leaks that lookup's "not found" instead
 * of GIT_EOWNER, which later versions return */
static bool owner_refused(int rc)
{
	const char *message = git_message();
	return rc == GIT_EOWNER || strstr(message, "'safe.directory'") ||
	       strstr(message, "not owned by current user");
}

/* Why rev could not be read, with what libgit2 does not say: a repository
 * without commits has no revision yet; a shallow clone lacks the history
 * before its cut. */
static char *revision_error(git_repository *repo, const char *rev, const char *doing)
{
	/* taken first: the questions below reset libgit2's last error */
	char *message = xstrdup(git_message()), *out;
	if (git_repository_is_empty(repo) == 1)
		out = xasprintf("%s '%s': the repository has no commits yet, so there is no "
				"revision to read (--staged lints the index, which works before "
				"the first commit)", doing, rev);
	else if (git_repository_is_shallow(repo) == 1)
		out = xasprintf("%s '%s': %s; this is a shallow clone, which lacks the history "
				"before its cut: fetch more of it (git fetch --deepen=N, or git "
				"fetch --unshallow; in CI, a checkout with full depth)", doing, rev,
				message);
	else
		out = xasprintf("%s '%s': %s", doing, rev, message);
	free(message);
	return out;
}

struct source *source_git_new(const char *repo_path, const char *rev, char **err)
{
	struct source_git *sg = NULL;
	git_repository *repo = NULL;
	git_object *object = NULL, *tree = NULL;
	git_index *index = NULL;
	git_odb *odb = NULL;
	bool guarded = false;
	int rc;

	if (git_libgit2_init() < 0) {
		*err = xasprintf("initialising libgit2: %s", git_message());
		return NULL;
	}
	rc = repo_path ? git_repository_open_ext(&repo, repo_path, 0, NULL)
		       : open_from_environment(&repo);
	if (rc < 0) {
		const char *git_dir = getenv("GIT_DIR");
		*err = xasprintf("opening the git repository at '%s': %s",
				 repo_path ? repo_path : git_dir && *git_dir ? git_dir : ".",
				 owner_refused(rc) ? OWNER_MESSAGE : git_message());
		goto out;
	}
	if ((rc = git_guard_install(repo, !repo_path)) < 0) {
		*err = xasprintf("opening the git object store: %s", git_message());
		goto out;
	}
	guarded = true;
	if ((rc = git_repository_odb(&odb, repo)) < 0) {
		*err = xasprintf("opening the git object store: %s", git_message());
		goto out;
	}
	if (rev) {
		git_guard_arm("resolving the revision to lint");
		rc = git_revparse_single(&object, repo, rev);
		git_guard_disarm();
		if (rc < 0) {
			*err = revision_error(repo, rev, "resolving revision");
			goto out;
		}
		git_guard_arm("reading the tree of the revision to lint");
		/* git_commit_tree keeps the reason a tree cannot be read,
		 * which git_object_peel replaces with "can not be peeled" */
		rc = git_object_type(object) == GIT_OBJECT_COMMIT
		     ? git_commit_tree((git_tree **)&tree, (git_commit *)object)
		     : git_object_peel(&tree, object, GIT_OBJECT_TREE);
		git_guard_disarm();
		if (rc < 0) {
			*err = revision_error(repo, rev, "reading the tree of revision");
			goto out;
		}
	} else {
		if (git_repository_is_bare(repo)) {
			*err = xstrdup("reading the index: a bare repository has no index");
			goto out;
		}
		git_guard_arm("reading the index");
		rc = git_repository_index(&index, repo);
		git_guard_disarm();
		if (rc < 0) {
			*err = xasprintf("reading the index: %s", git_message());
			goto out;
		}
	}
	const char *top = git_repository_is_bare(repo) ? git_repository_path(repo)
							: git_repository_workdir(repo);
	if (!top) {
		*err = xstrdup("opening the git repository: it has neither a work tree nor a git directory");
		goto out;
	}
	sg = xcalloc(1, sizeof(*sg));
	sg->base.ops = &git_ops;
	sg->description = xstrdup(rev ? rev : "the index");
	sg->base.description = sg->description;
	sg->root = root_of(top);
	sg->repo = repo;
	sg->tree = (git_tree *)tree;
	sg->index = index;
	sg->index_icase = index && (git_index_caps(index) & GIT_INDEX_CAPABILITY_IGNORE_CASE);
	sg->odb = odb;
	sg->guarded = guarded;
	repo = NULL;
	tree = NULL;
	index = NULL;
	odb = NULL;
out:
	git_odb_free(odb);
	git_object_free(object);
	git_object_free(tree);
	git_index_free(index);
	git_repository_free(repo);
	if (!sg && guarded)
		git_guard_release();
	if (!sg)
		git_libgit2_shutdown();
	return sg ? &sg->base : NULL;
}

struct source *source_git_from_tree(struct git_repository *repo, const struct git_oid *tree_id,
				    const char *root, char **err)
{
	git_tree *tree = NULL;
	git_odb *odb = NULL;
	if (git_libgit2_init() < 0) {
		*err = xasprintf("initialising libgit2: %s", git_message());
		return NULL;
	}
	if (git_repository_odb(&odb, repo) < 0 || tree_lookup(repo, &tree, tree_id) < 0) {
		*err = xasprintf("reading a tree: %s", git_message());
		git_odb_free(odb);
		git_libgit2_shutdown();
		return NULL;
	}
	struct source_git *sg = xcalloc(1, sizeof(*sg));
	sg->base.ops = &git_ops;
	sg->description = xstrdup("a tree");
	sg->base.description = sg->description;
	sg->root = xstrdup(root);
	sg->repo = repo;
	sg->borrowed_repo = true;
	sg->tree = tree;
	sg->odb = odb;
	return &sg->base;
}

const char *source_git_root(struct source *src)
{
	return ((struct source_git *)src)->root;
}

bool source_git_is_empty(const char *repo_path)
{
	if (git_libgit2_init() < 0)
		return false;
	git_repository *repo = NULL;
	int rc = repo_path ? git_repository_open_ext(&repo, repo_path, 0, NULL)
			   : open_from_environment(&repo);
	bool empty = rc == 0 && git_repository_is_empty(repo) == 1;
	git_repository_free(repo);
	git_libgit2_shutdown();
	return empty;
}
