/*
 * parallel.c — see parallel.h. Threads claim the next item from one
 * atomic counter: nothing to balance beforehand, and an item a thread
 * that never started would have had is simply claimed by another.
 */
#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "util.h"

/* More threads than this are never started (the machines we run on have
 * far fewer cores; the bound keeps the thread ids on the stack). */
#define PARALLEL_MAX_THREADS 256

struct parallel_run {
	parallel_fn fn;
	void *ctx;
	size_t n;
	atomic_size_t next;          /* the first item nobody has claimed */
};

static void *claim_items(void *arg)
{
	struct parallel_run *run = arg;
	for (;;) {
		size_t i = atomic_fetch_add_explicit(&run->next, 1, memory_order_relaxed);
		if (i >= run->n)
			return NULL;
		run->fn(run->ctx, i);
	}
}

void parallel_for(size_t n, int threads, parallel_fn fn, void *ctx)
{
	size_t want = (size_t)threads_for_jobs(threads);
	if (want > n)
		want = n;
	if (want > PARALLEL_MAX_THREADS)
		want = PARALLEL_MAX_THREADS;
	if (want <= 1) {
		for (size_t i = 0; i < n; i++)
			fn(ctx, i);
		return;
	}
	struct parallel_run run = {.fn = fn, .ctx = ctx, .n = n};
	atomic_init(&run.next, 0);
	pthread_t ids[PARALLEL_MAX_THREADS];
	bool started[PARALLEL_MAX_THREADS] = {false};
	for (size_t t = 1; t < want; t++)
		started[t] = !pthread_create(&ids[t], NULL, claim_items, &run);
	claim_items(&run);
	for (size_t t = 1; t < want; t++)
		if (started[t])
			pthread_join(ids[t], NULL);
}
