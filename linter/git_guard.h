/*
 * git_guard.h — what stands between libgit2 1.5 and a damaged object
 * store (SPEC §9: a corrupt object store ends in exit 2, not a hang).
 *
 * Debian 12's libgit2 1.5.1 loops forever on a truncated loose object and
 * overflows the heap on one whose header understates its size (both fixed
 * upstream after 1.5). git_guard_install() puts a backend in front of the
 * repository's object database that reads loose objects itself, with
 * zlib, bounded by the size their header states; libgit2's own loose
 * reader then never sees them. Whatever else could still hang is covered
 * by a wall-clock watchdog around each libgit2 call (git_guard_arm).
 */
#ifndef PTRLINT_GIT_GUARD_H
#define PTRLINT_GIT_GUARD_H

#include <git2.h>
#include <stdbool.h>

#include "util.h"

/* Seconds one libgit2 call may take before the run ends with exit 2;
 * PTRLINT_GIT_TIMEOUT (whole seconds, at least 1) overrides it. */
#define GIT_GUARD_DEFAULT_TIMEOUT 60

/* Read loose objects of repo (its objects directory and its alternates;
 * with from_environment, also those GIT_OBJECT_DIRECTORY and
 * GIT_ALTERNATE_OBJECT_DIRECTORIES name, as libgit2 does when it opens
 * a repository from the environment) through the guard, and start the
 * watchdog. 0, or a negative libgit2 error. After success, call
 * git_guard_release once the repository is done with. */
int git_guard_install(git_repository *repo, bool from_environment);
void git_guard_release(void);

/* Until git_guard_disarm, a call that takes longer than the timeout
 * prints "ptrlint: ... while WHAT" and ends the process with exit 2.
 * Only while a git_guard_install is in force (harnesses such as fuzz_git
 * that build their own repositories run without it), and from one thread
 * at a time (the source's). WHAT must be safe to print as it is: no text
 * from the input, only object ids and fixed words. */
void git_guard_arm(const char *fmt, ...) PTRLINT_PRINTF(1, 2);
void git_guard_disarm(void);

#endif
