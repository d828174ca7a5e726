/*
 * git_guard.c — loose objects read with our own bounds, and a wall-clock
 * watchdog around libgit2 calls (see git_guard.h). Owns the guard backend
 * (freed by the object database it is added to) and the watchdog
 * thread; touches nothing else of libgit2's.
 */
#include "git_guard.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2/sys/odb_backend.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "source.h"

/* Above libgit2's packed (2) and loose (1) backends: asked first. */
#define GUARD_PRIORITY 1000
/* git follows alternates of alternates this deep, libgit2 too */
#define ALTERNATES_MAX_DEPTH 5
/* "commit 18446744073709551615\0" fits with room to spare */
#define HEADER_MAX 32

struct loose;
struct guard {
	git_odb_backend parent;
	char **dirs;                 /* objects directories, own one first */
	size_t ndirs, cap;
	/* the object whose header was read last, open past its header: the
	 * source reads a blob's header, then the blob (one open, not two) */
	struct loose *kept;
};

/* ---- the watchdog ----------------------------------------------------- */

/* A thread that looks twice a second at what the reading thread armed:
 * arming costs two clock reads and a few stores, no system call, which
 * matters at several arms per file (a timer per call tripled the time of
 * a tree of 2,000 loose zone files). */
#define WATCHDOG_POLL_MS 200

static struct {
	pthread_mutex_t lock;        /* start, stop, users, the wake-up */
	pthread_cond_t wake;
	pthread_t thread;
	unsigned users;              /* sources open through git_guard_install */
	bool stop;
	unsigned seconds;
	/* the armed call: generation 0 when none; the message is written
	 * before the generation is published and not touched while armed */
	atomic_ulong generation;
	atomic_llong since_ms;
	char message[512];
	size_t len;
} watchdog = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *watchdog_run(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&watchdog.lock);
	while (!watchdog.stop) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += WATCHDOG_POLL_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&watchdog.wake, &watchdog.lock, &until);
		unsigned long gen = atomic_load(&watchdog.generation);
		long long since = atomic_load(&watchdog.since_ms);
		if (!gen || now_ms() - since < (long long)watchdog.seconds * 1000)
			continue;
		/* the same call still armed: the reading thread is stuck in it */
		if (atomic_load(&watchdog.generation) != gen)
			continue;
		ssize_t ignored = write(STDERR_FILENO, watchdog.message, watchdog.len);
		(void)ignored;
		_exit(2);
	}
	pthread_mutex_unlock(&watchdog.lock);
	return NULL;
}

static unsigned watchdog_seconds(void)
{
	const char *env = getenv("PTRLINT_GIT_TIMEOUT");
	if (env && *env) {
		char *end;
		errno = 0;
		long v = strtol(env, &end, 10);
		if (!errno && !*end && v >= 1 && v <= 86400)
			return (unsigned)v;
	}
	return GIT_GUARD_DEFAULT_TIMEOUT;
}

/* 0, or -1 when no thread could be started (the run goes on unguarded
 * rather than failing: the guard of loose objects still holds) */
static int watchdog_start(void)
{
	int rc = 0;
	pthread_mutex_lock(&watchdog.lock);
	if (!watchdog.users) {
		watchdog.stop = false;
		watchdog.seconds = watchdog_seconds();
		rc = pthread_create(&watchdog.thread, NULL, watchdog_run, NULL) ? -1 : 0;
	}
	if (!rc)
		watchdog.users++;
	pthread_mutex_unlock(&watchdog.lock);
	return rc;
}

void git_guard_release(void)
{
	pthread_mutex_lock(&watchdog.lock);
	bool last = watchdog.users && !--watchdog.users;
	if (last) {
		watchdog.stop = true;
		pthread_cond_signal(&watchdog.wake);
	}
	pthread_mutex_unlock(&watchdog.lock);
	if (last)
		pthread_join(watchdog.thread, NULL);
}

void git_guard_arm(const char *fmt, ...)
{
	static unsigned long generation;
	/* only this (the reading) thread arms: no other writer of message */
	if (!watchdog.users)
		return;
	atomic_store(&watchdog.generation, 0);
	char what[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	int n = snprintf(watchdog.message, sizeof(watchdog.message),
			 "ptrlint: git: no answer from libgit2 after %u s while %s; the "
			 "repository may be damaged (git fsck checks it; PTRLINT_GIT_TIMEOUT "
			 "sets the limit)\n", watchdog.seconds, what);
	watchdog.len = n < 0 ? 0 : (size_t)n < sizeof(watchdog.message) ? (size_t)n
					: sizeof(watchdog.message) - 1;
	atomic_store(&watchdog.since_ms, now_ms());
	atomic_store(&watchdog.generation, ++generation ? generation : ++generation);
}

void git_guard_disarm(void)
{
	atomic_store(&watchdog.generation, 0);
}

/* ---- loose objects ---------------------------------------------------- */

/* Set libgit2's error to "loose object ID (FILE) WHY: ..." and return
 * GIT_EINVALID (not GIT_ENOTFOUND: the odb would go on to the next
 * backend, libgit2's own loose reader). */
PTRLINT_PRINTF(3, 4)
static int corrupt(const git_oid *id, const char *file, const char *fmt, ...)
{
	char hex[GIT_OID_HEXSZ + 1], why[256];
	git_oid_tostr(hex, sizeof(hex), id);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	char *msg = xasprintf("loose object %s (%s) %s: the object store is corrupt "
			      "(git fsck lists the damage)", hex, file, why);
	git_error_set_str(GIT_ERROR_ODB, msg);
	free(msg);
	return GIT_EINVALID;
}

/* The loose file of id under one of the guard's directories: 1 with an
 * open FILE and its path (caller frees), 0 when none holds it, or a
 * libgit2 error for one that is there but cannot be read as a file
 * (opened non-blocking: a FIFO would stall libgit2 and the guard alike). */
static int open_loose(const struct guard *g, const git_oid *id, FILE **file, char **path)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	for (size_t i = 0; i < g->ndirs; i++) {
		char *p = xasprintf("%s/%.2s/%s", g->dirs[i], hex, hex + 2);
		int fd = open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0 && (errno == ENOENT || errno == ENOTDIR)) {
			free(p);
			continue;
		}
		struct stat st;
		int rc = 0;
		if (fd < 0)
			rc = corrupt(id, p, "cannot be opened: %s", strerror(errno));
		else if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
			rc = corrupt(id, p, "is not a regular file");
		else if (!(*file = fdopen(fd, "rb")))
			rc = corrupt(id, p, "cannot be opened: %s", strerror(errno));
		if (rc < 0) {
			if (fd >= 0)
				close(fd);
			free(p);
			return rc;
		}
		*path = p;
		return 1;
	}
	return 0;
}

static git_object_t parse_type(const char *word, size_t len)
{
	static const struct {
		const char *name;
		git_object_t type;
	} types[] = {{"blob", GIT_OBJECT_BLOB}, {"tree", GIT_OBJECT_TREE},
		     {"commit", GIT_OBJECT_COMMIT}, {"tag", GIT_OBJECT_TAG}};
	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		if (strlen(types[i].name) == len && !memcmp(types[i].name, word, len))
			return types[i].type;
	return GIT_OBJECT_INVALID;
}

/* One loose object being inflated: every step is bounded by its output
 * buffer or by the file, so a damaged stream ends, it never spins. */
struct loose {
	git_oid id;
	const char *path;
	FILE *file;
	z_stream zs;
	unsigned char in[65536];
	bool eof;
	bool ended;                  /* inflate said Z_STREAM_END */
	char header[HEADER_MAX];
	size_t header_len;           /* through the NUL */
	size_t produced;             /* bytes in header[] */
	git_object_t type;
	size_t size;
};

/* One inflate step into zs.next_out; Z_OK, Z_STREAM_END, or a libgit2
 * error for a stream that is damaged or cut short. */
static int step(struct loose *lo)
{
	if (!lo->zs.avail_in && !lo->eof) {
		size_t n = fread(lo->in, 1, sizeof(lo->in), lo->file);
		if (!n && ferror(lo->file))
			return corrupt(&lo->id, lo->path, "cannot be read: %s", strerror(errno));
		lo->eof = n == 0;
		lo->zs.next_in = lo->in;
		lo->zs.avail_in = (uInt)n;
	}
	int z = inflate(&lo->zs, Z_NO_FLUSH);
	if (z == Z_STREAM_END)
		lo->ended = true;
	if (z == Z_OK || z == Z_STREAM_END)
		return z;
	if (z == Z_BUF_ERROR && lo->eof)
		return corrupt(&lo->id, lo->path, "is cut short (the zlib stream does not end)");
	if (z == Z_BUF_ERROR)
		return Z_OK;         /* more input is on its way */
	return corrupt(&lo->id, lo->path, "is not a valid zlib stream (%s)",
		       lo->zs.msg ? lo->zs.msg : "inflate failed");
}

/* Inflate up to the header's NUL and parse "TYPE SIZE". 0 or a libgit2
 * error. */
static int read_loose_header(struct loose *lo)
{
	for (;;) {
		lo->zs.next_out = (unsigned char *)lo->header + lo->produced;
		lo->zs.avail_out = (uInt)(sizeof(lo->header) - lo->produced);
		int z = step(lo);
		if (z < 0)
			return z;
		lo->produced = sizeof(lo->header) - lo->zs.avail_out;
		char *nul = memchr(lo->header, '\0', lo->produced);
		if (nul) {
			lo->header_len = (size_t)(nul - lo->header) + 1;
			break;
		}
		if (z == Z_STREAM_END || lo->produced == sizeof(lo->header))
			return corrupt(&lo->id, lo->path, "has no valid header");
	}
	const char *space = memchr(lo->header, ' ', lo->header_len);
	if (!space || (lo->type = parse_type(lo->header, (size_t)(space - lo->header))) ==
			      GIT_OBJECT_INVALID)
		return corrupt(&lo->id, lo->path, "has no known object type in its header");
	const char *digits = space + 1;
	size_t size = 0;
	if (!*digits)
		return corrupt(&lo->id, lo->path, "has no size in its header");
	for (const char *d = digits; *d; d++) {
		if (*d < '0' || *d > '9' || size > (SIZE_MAX - 9) / 10)
			return corrupt(&lo->id, lo->path, "has an invalid size in its header");
		size = size * 10 + (size_t)(*d - '0');
	}
	lo->size = size;
	return 0;
}

static int loose_begin(struct loose *lo, const struct guard *g, const git_oid *id, bool *found)
{
	char *path = NULL;
	memset(lo, 0, sizeof(*lo));
	git_oid_cpy(&lo->id, id);
	int rc = open_loose(g, id, &lo->file, &path);
	*found = rc > 0;
	if (rc <= 0)
		return rc;
	lo->path = path;
	if (inflateInit(&lo->zs) != Z_OK) {
		git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory starting zlib");
		return -1;
	}
	return 0;
}

static void loose_end(struct loose *lo)
{
	if (!lo->file)
		return;
	inflateEnd(&lo->zs);
	fclose(lo->file);
	free((char *)lo->path);
	lo->file = NULL;
}

static int over_limit(const struct loose *lo)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), &lo->id);
	git_error_set(GIT_ERROR_ODB, "object %s is %zu bytes, larger than ptrlint's limit of "
		      "1 GiB (1073741824 bytes); not read", hex, lo->size);
	return GIT_EINVALID;
}

/* The whole object: exactly the size its header states, then the end of
 * the stream and of the file. */
static int inflate_body(struct loose *lo, struct guard *g, void **out)
{
	if (lo->size > SOURCE_MAX_FILE_SIZE)
		return over_limit(lo);
	size_t have = lo->produced - lo->header_len;
	if (have > lo->size)
		return corrupt(&lo->id, lo->path, "holds more than the %zu bytes its header states",
			       lo->size);
	char *data = git_odb_backend_data_alloc(&g->parent, lo->size + 1);
	if (!data) {
		git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory reading a loose object");
		return -1;
	}
	memcpy(data, lo->header + lo->header_len, have);
	int z = 0;
	while (have < lo->size && !lo->ended) {
		lo->zs.next_out = (unsigned char *)data + have;
		lo->zs.avail_out = (uInt)(lo->size - have > UINT_MAX ? UINT_MAX : lo->size - have);
		size_t before = lo->zs.avail_out;
		z = step(lo);
		if (z < 0)
			goto fail;
		have += before - lo->zs.avail_out;
	}
	if (have < lo->size) {
		z = corrupt(&lo->id, lo->path, "holds fewer than the %zu bytes its header states",
			    lo->size);
		goto fail;
	}
	/* a byte more than the header states is damage as much as one less */
	while (!lo->ended) {
		unsigned char extra;
		lo->zs.next_out = &extra;
		lo->zs.avail_out = 1;
		z = step(lo);
		if (z < 0)
			goto fail;
		if (!lo->zs.avail_out) {
			z = corrupt(&lo->id, lo->path, "holds more than the %zu bytes its header states",
				    lo->size);
			goto fail;
		}
	}
	if (lo->zs.avail_in || fgetc(lo->file) != EOF) {
		z = corrupt(&lo->id, lo->path, "has data after the end of its zlib stream");
		goto fail;
	}
	data[lo->size] = '\0';
	*out = data;
	return 0;
fail:
	git_odb_backend_data_free(&g->parent, data);
	return z;
}

static void drop_kept(struct guard *g)
{
	if (g->kept) {
		loose_end(g->kept);
		free(g->kept);
		g->kept = NULL;
	}
}

static int guard_read(void **data, size_t *len, git_object_t *type, git_odb_backend *backend,
		      const git_oid *id)
{
	struct guard *g = (struct guard *)backend;
	struct loose *lo = g->kept;
	bool found = true;
	int rc = 0;
	g->kept = NULL;
	if (lo && !git_oid_equal(&lo->id, id)) {
		loose_end(lo);
		free(lo);
		lo = NULL;
	}
	if (!lo) {
		lo = xmalloc(sizeof(*lo));
		if (!(rc = loose_begin(lo, g, id, &found)) && found)
			rc = read_loose_header(lo);
	}
	if (!rc && found && !(rc = inflate_body(lo, g, data))) {
		*len = lo->size;
		*type = lo->type;
	}
	loose_end(lo);
	free(lo);
	return !rc && !found ? GIT_PASSTHROUGH : rc;
}

static int guard_read_header(size_t *len, git_object_t *type, git_odb_backend *backend,
			     const git_oid *id)
{
	struct guard *g = (struct guard *)backend;
	drop_kept(g);
	struct loose *lo = xmalloc(sizeof(*lo));
	bool found;
	int rc = loose_begin(lo, g, id, &found);
	if (!rc && found && !(rc = read_loose_header(lo))) {
		*len = lo->size;
		*type = lo->type;
		g->kept = lo;
		return 0;
	}
	loose_end(lo);
	free(lo);
	return !rc && !found ? GIT_PASSTHROUGH : rc;
}

/* A short id (a revision typed as hex): libgit2 asks every backend, its
 * own loose reader included, so the guard cannot answer in its place; it
 * checks each loose object that matches and lets libgit2 read only sound
 * ones. */
static int guard_read_prefix(git_oid *full, void **data, size_t *len, git_object_t *type,
			     git_odb_backend *backend, const git_oid *prefix, size_t hex_len)
{
	(void)full;
	(void)data;
	(void)len;
	(void)type;
	struct guard *g = (struct guard *)backend;
	char want[GIT_OID_HEXSZ + 1];
	git_oid_tostr(want, sizeof(want), prefix);
	if (hex_len < 2 || hex_len > GIT_OID_HEXSZ)
		return GIT_PASSTHROUGH;
	want[hex_len] = '\0';
	int rc = GIT_PASSTHROUGH;
	for (size_t i = 0; i < g->ndirs && rc == GIT_PASSTHROUGH; i++) {
		char *dir_path = xasprintf("%s/%.2s", g->dirs[i], want);
		DIR *dir = opendir(dir_path);
		free(dir_path);
		if (!dir)
			continue;
		for (struct dirent *e; rc == GIT_PASSTHROUGH && (e = readdir(dir));) {
			char hex[GIT_OID_HEXSZ + 1];
			git_oid id;
			if (strlen(e->d_name) != GIT_OID_HEXSZ - 2 ||
			    strncmp(e->d_name, want + 2, hex_len - 2))
				continue;
			memcpy(hex, want, 2);
			memcpy(hex + 2, e->d_name, GIT_OID_HEXSZ - 2 + 1);
			if (git_oid_fromstr(&id, hex) < 0)
				continue;
			void *body = NULL;
			size_t body_len;
			git_object_t body_type;
			int read = guard_read(&body, &body_len, &body_type, backend, &id);
			git_odb_backend_data_free(backend, body);
			if (read < 0 && read != GIT_PASSTHROUGH)
				rc = read;
		}
		closedir(dir);
	}
	return rc;
}

static void guard_free(git_odb_backend *backend)
{
	struct guard *g = (struct guard *)backend;
	drop_kept(g);
	for (size_t i = 0; i < g->ndirs; i++)
		free(g->dirs[i]);
	free(g->dirs);
	free(g);
}

static void add_dir(struct guard *g, const char *dir, unsigned depth);

/* objects/info/alternates: one directory a line, relative ones to dir. */
static void add_alternates(struct guard *g, const char *dir, unsigned depth)
{
	char *list = xasprintf("%s/info/alternates", dir);
	FILE *f = fopen(list, "r");
	free(list);
	if (!f)
		return;
	char line[PATH_MAX + 2];
	while (fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\r\n");
		line[n] = '\0';
		if (!n || line[0] == '#')
			continue;
		char *alt = line[0] == '/' ? xstrdup(line) : xasprintf("%s/%s", dir, line);
		add_dir(g, alt, depth + 1);
		free(alt);
	}
	fclose(f);
}

static void add_dir(struct guard *g, const char *dir, unsigned depth)
{
	if (depth > ALTERNATES_MAX_DEPTH)
		return;
	char *real = realpath(dir, NULL);
	if (!real)
		return;
	for (size_t i = 0; i < g->ndirs; i++) {
		if (!strcmp(g->dirs[i], real)) {
			free(real);
			return;
		}
	}
	*ARRAY_PUSH(g->dirs, g->ndirs, g->cap) = real;
	add_alternates(g, real, depth);
}

int git_guard_install(git_repository *repo, bool from_environment)
{
	git_buf objects = GIT_BUF_INIT;
	git_odb *odb = NULL;
	int rc;
	if ((rc = git_repository_item_path(&objects, repo, GIT_REPOSITORY_ITEM_OBJECTS)) < 0 ||
	    (rc = git_repository_odb(&odb, repo)) < 0)
		goto out;
	struct guard *g = xcalloc(1, sizeof(*g));
	git_odb_init_backend(&g->parent, GIT_ODB_BACKEND_VERSION);
	g->parent.read = guard_read;
	g->parent.read_header = guard_read_header;
	g->parent.read_prefix = guard_read_prefix;
	g->parent.free = guard_free;
	/* a hook's environment may move the object store (git_repository_
	 * open_ext honours these under GIT_REPOSITORY_OPEN_FROM_ENV) */
	const char *env_dir = from_environment ? getenv("GIT_OBJECT_DIRECTORY") : NULL;
	add_dir(g, env_dir && *env_dir ? env_dir : objects.ptr, 0);
	const char *env_alts = from_environment ? getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES")
						: NULL;
	if (env_alts && *env_alts) {
		char *copy = xstrdup(env_alts), *save = NULL;
		for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save))
			add_dir(g, d, 1);
		free(copy);
	}
	if ((rc = git_odb_add_backend(odb, &g->parent, GUARD_PRIORITY)) < 0)
		guard_free(&g->parent);
	else
		watchdog_start();
out:
	git_odb_free(odb);
	git_buf_dispose(&objects);
	return rc;
}
