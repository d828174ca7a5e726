/*
 * source_fs.c — the working tree as a source (see source.h). Every path is
 * resolved with realpath() and must stay below the root's real path, so a
 * symlink out of the root is refused like "../"; a path must be a regular
 * file before it is opened (non-blocking, not following a link), so a FIFO
 * or a device is never opened, let alone read. Also what all sources share: the path helpers and
 * source_read_buf().
 */
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

int source_read_buf(struct source *src, const char *path, struct strbuf *buf, char **err)
{
	if (src->ops->read_buf)
		return src->ops->read_buf(src, path, buf, err);
	char *data = NULL;
	size_t len = 0;
	int rc = src->ops->read(src, path, &data, &len, err);
	if (rc)
		return rc;
	strbuf_release(buf);
	buf->data = data;
	buf->len = len;
	buf->cap = len + 1;
	return 0;
}

char *path_join_normalise(const char *base, const char *rel)
{
	struct strbuf out = STRBUF_INIT;
	char *joined = (base && *base && rel[0] != '/') ? xasprintf("%s/%s", base, rel)
							: xstrdup(rel);
	/* components onto a stack held in out; ".." pops one */
	strbuf_addstr(&out, "");
	char *save = NULL;
	for (char *part = strtok_r(joined, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
		if (!strcmp(part, "."))
			continue;
		if (!strcmp(part, "..")) {
			if (!out.len) {
				free(joined);
				strbuf_release(&out);
				return NULL;
			}
			char *slash = strrchr(out.data, '/');
			out.len = slash ? (size_t)(slash - out.data) : 0;
			out.data[out.len] = '\0';
			continue;
		}
		if (out.len)
			strbuf_addch(&out, '/');
		strbuf_addstr(&out, part);
	}
	free(joined);
	return strbuf_detach(&out);
}

const char *source_kind_why(enum source_kind kind)
{
	switch (kind) {
	case SOURCE_FILE:
		return "a file";
	case SOURCE_DIR:
		return "it is a directory";
	case SOURCE_OTHER:
		return "not a regular file (a FIFO, socket or device)";
	case SOURCE_OUTSIDE:
		return "it leads outside the linted root";
	case SOURCE_LOOP:
		return "a loop of symbolic links";
	case SOURCE_GIT_DIR:
		return "it lies in a .git directory (the repository's own data, never read as a zone)";
	case SOURCE_MISSING:
		break;
	}
	return "no such file";
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
}

struct source_fs {
	struct source base;
	char *root;                  /* realpath of the root */
	size_t root_len;
};

/* Does the part of a real path below the root pass through a directory
 * named .git (in any case, as git itself refuses such trees)? A pull
 * request could name .git/config as a zone file, an $INCLUDE or through a
 * link, and have its lines quoted in findings: in CI it can hold the
 * runner's credentials (an http extraheader). */
static bool in_git_dir(const char *below_root)
{
	for (const char *p = below_root; *p; ) {
		while (*p == '/')
			p++;
		size_t len = strcspn(p, "/");
		if (len == 4 && ascii_equal_n(p, ".git", 4))
			return true;
		p += len;
	}
	return false;
}

/* The real path of path below the root, or NULL (*kind says why). */
static char *resolve(struct source_fs *fs, const char *path, enum source_kind *kind)
{
	char *full = *path ? xasprintf("%s/%s", fs->root, path) : xstrdup(fs->root);
	char *real = realpath(full, NULL);
	free(full);
	if (!real) {
		*kind = errno == ELOOP ? SOURCE_LOOP : SOURCE_MISSING;
		return NULL;
	}
	if (strncmp(real, fs->root, fs->root_len) != 0 ||
	    (real[fs->root_len] != '/' && real[fs->root_len] != '\0' &&
	     strcmp(fs->root, "/") != 0)) {
		free(real);
		*kind = SOURCE_OUTSIDE;
		return NULL;
	}
	if (in_git_dir(real + fs->root_len)) {
		free(real);
		*kind = SOURCE_GIT_DIR;
		return NULL;
	}
	*kind = SOURCE_FILE;
	return real;
}

static enum source_kind fs_kind(struct source *src, const char *path)
{
	struct source_fs *fs = (struct source_fs *)src;
	enum source_kind kind;
	char *real = resolve(fs, path, &kind);
	if (!real)
		return kind;
	struct stat st;
	int rc = stat(real, &st);
	free(real);
	if (rc)
		return SOURCE_MISSING;
	if (S_ISREG(st.st_mode))
		return SOURCE_FILE;
	if (S_ISDIR(st.st_mode))
		return SOURCE_DIR;
	return SOURCE_OTHER;
}

/* Into buf, whose memory is reused when it is large enough: reading every
 * zone file into fresh memory had the kernel zero as many pages as the
 * files have bytes, twice per run. */
static const char *unresolved(enum source_kind kind, const char *missing)
{
	return kind == SOURCE_OUTSIDE ? "leads outside the linted root" :
	       kind == SOURCE_MISSING ? missing : source_kind_why(kind);
}

/* 0 when st is a regular file ptrlint will read, else why not (the
 * return value of fs_read_buf) with *err. */
static int refuse_unreadable(const struct stat *st, char **err)
{
	if (S_ISDIR(st->st_mode)) {
		*err = xstrdup("is a directory");
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		*err = xstrdup("is not a regular file (a FIFO, socket or device)");
		return SOURCE_SKIPPED;
	}
	if ((size_t)st->st_size > SOURCE_MAX_FILE_SIZE) {
		*err = xstrdup("larger than 1 GiB");
		return -1;
	}
	return 0;
}

/* The real path is looked at before it is opened: a device or FIFO is
 * never opened at all (opening one can have effects: a tape rewinds, a
 * FIFO's writer wakes). O_NOFOLLOW and a second look at what was opened
 * close the window in which the path could be swapped for a link. */
static int open_regular(struct source_fs *fs, const char *path, struct stat *st, char **err)
{
	enum source_kind kind;
	char *real = resolve(fs, path, &kind);
	if (!real) {
		*err = xstrdup(unresolved(kind, "no such file"));
		return -1;
	}
	if (stat(real, st)) {
		*err = xstrdup(strerror(errno));
		free(real);
		return -1;
	}
	int rc = refuse_unreadable(st, err);
	if (rc) {
		free(real);
		return rc;
	}
	int fd = open(real, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
	free(real);
	if (fd < 0) {
		*err = xstrdup(strerror(errno));
		return -1;
	}
	if (fstat(fd, st)) {
		*err = xstrdup(strerror(errno));
		close(fd);
		return -1;
	}
	if ((rc = refuse_unreadable(st, err)) != 0) {
		close(fd);
		return rc;
	}
	return fd;
}

static int fs_read_buf(struct source *src, const char *path, struct strbuf *buf, char **err)
{
	struct source_fs *fs = (struct source_fs *)src;
	struct stat st;
	int fd = open_regular(fs, path, &st, err);
	if (fd < 0)
		return fd;   /* -1, or SOURCE_SKIPPED */
	/* room for the size fstat gave, the NUL, and one byte more: the read
	 * that finds the end then needs no doubling of a buffer that was
	 * right (a copy of the whole file, for every file) */
	size_t need = (size_t)st.st_size + 2, used = 0;
	if (buf->cap < need) {
		free(buf->data);
		buf->data = xmalloc_large(need);
		buf->cap = need;
	}
	for (;;) {
		if (used + 1 >= buf->cap) {
			if (buf->cap > SOURCE_MAX_FILE_SIZE) {
				*err = xstrdup("larger than 1 GiB");
				close(fd);
				return -1;
			}
			buf->cap *= 2;
			buf->data = xrealloc(buf->data, buf->cap);
		}
		ssize_t n = read(fd, buf->data + used, buf->cap - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = xstrdup(strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	buf->data[used] = '\0';
	buf->len = used;
	return 0;
}

static int fs_read(struct source *src, const char *path, char **data, size_t *len, char **err)
{
	struct strbuf buf = STRBUF_INIT;
	int rc = fs_read_buf(src, path, &buf, err);
	if (rc) {
		strbuf_release(&buf);
		return rc;
	}
	*len = buf.len;
	*data = strbuf_detach(&buf);
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int fs_list(struct source *src, const char *dir, char ***names, size_t *count, char **err)
{
	struct source_fs *fs = (struct source_fs *)src;
	enum source_kind kind;
	char *real = resolve(fs, dir, &kind);
	if (!real) {
		*err = xstrdup(unresolved(kind, "no such directory"));
		return -1;
	}
	DIR *d = opendir(real);
	free(real);
	if (!d) {
		*err = xstrdup(strerror(errno));
		return -1;
	}
	char **list = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		*ARRAY_PUSH(list, n, cap) = xstrdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(list, n, sizeof(*list), compare_names);
	*names = list;
	*count = n;
	return 0;
}

static void fs_free(struct source *src)
{
	struct source_fs *fs = (struct source_fs *)src;
	free(fs->root);
	free(fs);
}

static bool fs_is_link(struct source *src, const char *path)
{
	struct source_fs *fs = (struct source_fs *)src;
	if (!*path)
		return false;
	char *full = xasprintf("%s/%s", fs->root, path);
	struct stat st;
	bool link = !lstat(full, &st) && S_ISLNK(st.st_mode);
	free(full);
	return link;
}

static const struct source_ops fs_ops = {fs_kind, fs_read, fs_list, fs_free, fs_is_link,
					 fs_read_buf};

struct source *source_fs_new(const char *root, char **err)
{
	char *real = realpath(root, NULL);
	if (!real) {
		*err = xasprintf("cannot open '%s': %s", root, strerror(errno));
		return NULL;
	}
	struct source_fs *fs = xcalloc(1, sizeof(*fs));
	fs->base.ops = &fs_ops;
	fs->base.description = "working tree";
	fs->root = real;
	fs->root_len = strlen(real);
	return &fs->base;
}
