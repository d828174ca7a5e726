/*
 * output.h — where the report goes: `-o FILE` as SPEC §2 says. A regular
 * file (or none) is replaced atomically by a temporary file beside it, a
 * link at FILE is replaced and never followed, a character device or FIFO
 * is written in place, `-` (and /dev/stdout, /dev/stderr, /dev/fd/N) is
 * the open descriptor. While a temporary file exists, SIGINT, SIGTERM,
 * SIGHUP and SIGPIPE remove it before the process ends by the signal.
 */
#ifndef PTRLINT_OUTPUT_H
#define PTRLINT_OUTPUT_H

#include <stdio.h>

struct report_output {
	FILE *fp;          /* where the report is written */
	char *path;        /* -o's FILE as given; NULL for standard output */
	char *tmp;         /* the temporary file renamed over path; NULL in place */
	int mode;          /* the mode the replaced file gets */
	int uid, gid;      /* the owner of the file replaced; -1 for a new one */
};

/* Opens the destination of path (NULL or "-": standard output). 0, or -1
 * with *err set (caller frees): exit status 2. */
int output_open(struct report_output *out, const char *path, char **err);

/* Flushes and checks every write, then renames the temporary file into
 * place. 0, or -1 with *err set; out is released either way. */
int output_commit(struct report_output *out, char **err);

#endif
