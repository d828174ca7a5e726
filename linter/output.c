/* output.c — see output.h. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* The signal handler reads the temporary file's name from here; it must be
 * a lock-free atomic (C11 7.14.1.1) to be read safely there. */
_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2, "the handler needs a lock-free pointer");
static _Atomic(const char *) pending_tmp;

static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
static struct sigaction saved_actions[ARRAY_LEN(cleanup_signals)];

/* Only async-signal-safe calls: unlink, then die by the same signal
 * (SA_RESETHAND has put the default action back) so that the parent sees
 * what ended the run. */
static void remove_tmp_and_die(int sig)
{
	const char *tmp = atomic_load(&pending_tmp);
	if (tmp)
		unlink(tmp);
	raise(sig);
}

static void block_cleanup_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < ARRAY_LEN(cleanup_signals); i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* A signal the caller ignores (nohup, a runner that ignores SIGPIPE) stays
 * ignored: a handler would turn it into a death. */
static void arm_cleanup(const char *tmp)
{
	atomic_store(&pending_tmp, tmp);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = remove_tmp_and_die;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_LEN(cleanup_signals); i++) {
		sigaction(cleanup_signals[i], NULL, &saved_actions[i]);
		if (saved_actions[i].sa_handler != SIG_IGN)
			sigaction(cleanup_signals[i], &sa, NULL);
	}
}

static void disarm_cleanup(void)
{
	for (size_t i = 0; i < ARRAY_LEN(cleanup_signals); i++)
		sigaction(cleanup_signals[i], &saved_actions[i], NULL);
	atomic_store(&pending_tmp, NULL);
}

static char *output_error(const char *path, const char *why)
{
	return xasprintf("cannot write '%s': %s", path, why);
}

/* The descriptor a name for an already open stream stands for (the way
 * shells and awk read them), or -1. Opening them as files would replace
 * the link in /dev or write through /proc. */
static int standard_stream(const char *path)
{
	if (!strcmp(path, "-") || !strcmp(path, "/dev/stdout"))
		return STDOUT_FILENO;
	if (!strcmp(path, "/dev/stderr"))
		return STDERR_FILENO;
	const char *digits = !strncmp(path, "/dev/fd/", 8) ? path + 8
			     : !strncmp(path, "/proc/self/fd/", 14) ? path + 14 : NULL;
	if (!digits || !*digits || strspn(digits, "0123456789") != strlen(digits) ||
	    strlen(digits) > 6)
		return -1;
	return atoi(digits);
}

static int open_stream(struct report_output *out, int fd, char **err)
{
	if (fd == STDOUT_FILENO) {
		out->fp = stdout;
		return 0;
	}
	int copy = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	out->fp = copy < 0 ? NULL : fdopen(copy, "w");
	if (!out->fp) {
		*err = output_error(out->path, strerror(errno));
		if (copy >= 0)
			close(copy);
		return -1;
	}
	return 0;
}

/* A device or FIFO is written where it is. O_NOFOLLOW and the type check
 * after opening keep a link or file swapped in since lstat from being
 * written through. */
static int open_in_place(struct report_output *out, char **err)
{
	int fd = open(out->path, O_WRONLY | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st)) {
		*err = output_error(out->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		close(fd);
		*err = output_error(out->path, "it changed while being opened");
		return -1;
	}
	out->fp = fdopen(fd, "w");
	if (!out->fp) {
		*err = output_error(out->path, strerror(errno));
		close(fd);
		return -1;
	}
	return 0;
}

/* Removes the temporary file, and the handlers with it. */
static void drop_replacement(struct report_output *out)
{
	sigset_t old;
	block_cleanup_signals(&old);
	unlink(out->tmp);
	disarm_cleanup();
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(out->tmp);
	out->tmp = NULL;
}

/* A temporary file beside path, renamed over it by output_commit. The
 * signals stay blocked from its creation until the handler knows its name,
 * so no moment leaves it unaccounted for. */
static int open_replacement(struct report_output *out, char **err)
{
	out->tmp = xasprintf("%s.ptrlint-XXXXXX", out->path);
	sigset_t old;
	block_cleanup_signals(&old);
	int fd = mkostemp(out->tmp, O_CLOEXEC);
	int saved = errno;
	if (fd >= 0)
		arm_cleanup(out->tmp);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		*err = output_error(out->path, strerror(saved));
		free(out->tmp);
		out->tmp = NULL;
		return -1;
	}
	out->fp = fdopen(fd, "w");
	if (!out->fp) {
		*err = output_error(out->path, strerror(errno));
		close(fd);
		drop_replacement(out);
		return -1;
	}
	return 0;
}

static const char *unwritable_type(mode_t mode)
{
	if (S_ISDIR(mode))
		return "it is a directory";
	if (S_ISSOCK(mode))
		return "it is a socket";
	if (S_ISBLK(mode))
		return "it is a block device";
	return "it is not a file, device or FIFO";
}

static int open_destination(struct report_output *out, const char *path, char **err)
{
	out->uid = out->gid = -1;
	int stream = path ? standard_stream(path) : STDOUT_FILENO;
	if (path && strcmp(path, "-"))
		out->path = xstrdup(path);
	if (stream >= 0)
		return open_stream(out, stream, err);

	struct stat st;
	if (lstat(path, &st)) {
		if (errno != ENOENT) {
			*err = output_error(path, strerror(errno));
			return -1;
		}
		st.st_mode = S_IFLNK;   /* nothing there: created like a new link's file */
	}
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
		return open_in_place(out, err);
	if (S_ISREG(st.st_mode)) {
		out->mode = (int)(st.st_mode & 07777);
		out->uid = (int)st.st_uid;
		out->gid = (int)st.st_gid;
	} else if (S_ISLNK(st.st_mode)) {
		mode_t mask = umask(0);
		umask(mask);
		out->mode = (int)(0666 & ~mask);
	} else {
		*err = output_error(path, unwritable_type(st.st_mode));
		return -1;
	}
	return open_replacement(out, err);
}

int output_open(struct report_output *out, const char *path, char **err)
{
	memset(out, 0, sizeof(*out));
	if (!open_destination(out, path, err))
		return 0;
	free(out->path);
	out->path = NULL;
	return -1;
}

/* Gives the temporary file the replaced file's owner (where we may: as
 * root) and mode; chown first, since it clears set-id bits. */
static int take_over_metadata(const struct report_output *out)
{
	int fd = fileno(out->fp);
	if (out->uid >= 0 && fchown(fd, (uid_t)out->uid, (gid_t)out->gid) && errno != EPERM)
		return -1;
	return fchmod(fd, (mode_t)out->mode);
}

int output_commit(struct report_output *out, char **err)
{
	int failed = 0, saved = 0;
	if (out->fp) {
		failed = fflush(out->fp) || ferror(out->fp);
		saved = errno;
		if (!failed && out->tmp && take_over_metadata(out)) {
			failed = 1;
			saved = errno;
		}
		if (out->fp != stdout && fclose(out->fp) && !failed) {
			failed = 1;
			saved = errno;
		}
	}
	if (!failed && out->tmp) {
		sigset_t old;
		block_cleanup_signals(&old);
		if (rename(out->tmp, out->path)) {
			failed = 1;
			saved = errno;
		} else {
			disarm_cleanup();
		}
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	if (failed) {
		if (out->tmp)
			drop_replacement(out);
		*err = output_error(out->path ? out->path : "standard output",
				    saved ? strerror(saved) : "write error");
	}
	free(out->tmp);
	free(out->path);
	memset(out, 0, sizeof(*out));
	return failed ? -1 : 0;
}
