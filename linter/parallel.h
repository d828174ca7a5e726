/*
 * parallel.h — the one parallel-for (issue 18): fn(ctx, i) for every i in
 * [0, n), spread over up to `threads` threads, the caller's thread one of
 * them. Used by the parse fan-out (parse.c), index_finish()'s passes
 * (index.c) and the rules (engine.c).
 *
 * Items are handed out in index order to whichever thread is free, so a
 * caller whose items differ in cost puts the costliest first. Which thread
 * runs an item is not fixed: deterministic results are the caller's job
 * (each item writes only what belongs to it; nothing depends on the order
 * items finish in). A thread that cannot start is no error: the threads
 * that did start, the caller's at the least, run every item.
 */
#ifndef PTRLINT_PARALLEL_H
#define PTRLINT_PARALLEL_H

#include <stddef.h>

typedef void (*parallel_fn)(void *ctx, size_t item);

/* Returns when every fn(ctx, i) has returned. threads as -j gives it: 1 =
 * the calling thread only, 0 (or less) = one per core; never more threads
 * than items. */
void parallel_for(size_t n, int threads, parallel_fn fn, void *ctx);

#endif
