/*
 * pipeline.c — see pipeline.h.
 */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Records are queued in batches this large, then parsed on every core and
 * committed to the index in order. */
#define BATCH_RECORDS 32768

void pipeline_init(struct pipeline *pl, struct index *ix, pipeline_commit_fn commit,
		   void *ctx)
{
	memset(pl, 0, sizeof(*pl));
	pl->ix = ix;
	pl->threads = ix->threads;
	pl->commit = commit;
	pl->ctx = ctx;
}

/* Commit a parsed batch, in queue order, and empty it. */
static void commit_batch(struct pipeline *pl, struct parse_batch *b,
			 const struct pending *pending)
{
	/* the name table is far bigger than the caches: ask for the slots of
	 * the names a few records ahead while committing this one */
	enum { AHEAD = 8 };
	pl->committing = true;
	for (size_t i = 0; i < b->count; i++) {
		if (i + AHEAD < b->count && !b->results[i + AHEAD].status) {
			index_prefetch(pl->ix, b->results[i + AHEAD].owner_hash);
			if (b->results[i + AHEAD].target_len)
				index_prefetch(pl->ix, b->results[i + AHEAD].target_hash);
		}
		pl->commit(pl->ctx, &pending[i], &b->results[i], &b->jobs[i],
			   b->texts.data + b->jobs[i].text);
	}
	pl->committing = false;
	parse_batch_reset(b);
}

/* Commit the batch that is being parsed in the background, if any: it
 * holds records queued before any in the filling batch. */
static void drain(struct pipeline *pl)
{
	if (!pl->spare_busy)
		return;
	parse_batch_wait(&pl->spare);
	pl->spare_busy = false;
	commit_batch(pl, &pl->spare, pl->spare_pending);
}

void pipeline_flush(struct pipeline *pl)
{
	drain(pl);
	if (!pl->batch.count)
		return;
	parse_batch_run(&pl->batch, pl->threads);
	commit_batch(pl, &pl->batch, pl->pending);
}

/* A full batch is parsed on other cores while the loader splits and
 * queues the next one (the results are committed in the same order as
 * by pipeline_flush(): the output does not depend on it). With one thread
 * it is flushed here. */
static void hand_off(struct pipeline *pl)
{
	if (threads_for_jobs(pl->threads) < 2) {
		pipeline_flush(pl);
		return;
	}
	drain(pl);
	struct parse_batch full = pl->batch;
	pl->batch = pl->spare;
	pl->spare = full;
	struct pending *p = pl->pending;
	pl->pending = pl->spare_pending;
	pl->spare_pending = p;
	size_t cap = pl->pending_cap;
	pl->pending_cap = pl->spare_pending_cap;
	pl->spare_pending_cap = cap;
	/* the records and names this batch will add: their pages are made
	 * (and zeroed) by the kernel on the parse thread, not here */
	index_room_ahead(pl->ix, 2 * pl->spare.count, &pl->spare.room);
	parse_batch_start(&pl->spare, threads_for_jobs(pl->threads) - 1);
	pl->spare_busy = true;
}

void pipeline_add(struct pipeline *pl, const char *origin_text, const char *text,
		  size_t len, uint32_t ttl, const struct pending *p)
{
	uint32_t origin_id = parse_batch_origin(&pl->batch, origin_text);
	size_t job = parse_batch_add(&pl->batch, text, len, origin_id, ttl);
	grow_array((void **)&pl->pending, &pl->pending_cap, job + 1, sizeof(*pl->pending));
	pl->pending[job] = *p;
	if (pl->batch.count >= BATCH_RECORDS)
		hand_off(pl);
}

void pipeline_free(struct pipeline *pl)
{
	parse_batch_free(&pl->batch);
	parse_batch_free(&pl->spare);
	free(pl->pending);
	free(pl->spare_pending);
	memset(pl, 0, sizeof(*pl));
}
