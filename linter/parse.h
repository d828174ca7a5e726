/*
 * parse.h — records as text in, compact parsed records out: the one place
 * records are parsed (fastparse.c for the common types, ldns's record
 * parser for the rest), on worker threads.
 *
 * The loader queues each record as one line of text ("owner ttl IN type
 * rdata", the owner absolute) with the origin for relative names in its
 * rdata; parse_batch_run() hands contiguous slices of the queue to threads,
 * each with its own ldns scratch and arena, and every result lands in the
 * slot of its job: the outcome does not depend on the number of threads.
 * A batch owns its texts, origins, results and arenas until
 * parse_batch_reset() or parse_batch_free().
 */
#ifndef PTRLINT_PARSE_H
#define PTRLINT_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>

#include "index_build.h"
#include "util.h"

#define PARSE_MAX_THREADS 64

/* A status of ptrlint's own, beside ldns's: ldns builds rdata of any
 * length, the wire format holds 65535 bytes. */
#define PARSE_RDATA_TOO_LONG 10000

struct parse_job {
	uint32_t text;           /* offset of the NUL-terminated text in batch->texts */
	uint32_t origin;         /* index in batch->origins */
	uint32_t ttl;
};

struct parse_result {
	int status;              /* 0, or an ldns_status: the text did not parse */
	uint16_t type;
	uint16_t preference;     /* MX */
	uint16_t rdlen;          /* wire rdata, names lower-cased (RFC 4034 §6.2) */
	uint8_t owner_len;       /* lower-case wire owner */
	uint8_t target_len;      /* PTR, CNAME, NS, DNAME, MX target; 0 = none */
	const uint8_t *data;     /* owner, then target, then rdata */
	uint32_t owner_hash;     /* index_name_hash() of owner and target, */
	uint32_t target_hash;    /* computed here, off the main thread */
};

struct parse_batch {
	struct strbuf texts;
	char **origins;
	size_t norigins, origins_cap;
	struct parse_job *jobs;
	size_t count, cap;
	struct parse_result *results;    /* count entries after parse_batch_run */
	size_t results_cap;
	struct arena arenas[PARSE_MAX_THREADS];
	/* parse_batch_start() */
	struct index_room room;      /* pages to have made while parsing */
	int threads;
	pthread_t thread;
	bool started;
};

/* Index of origin text in the batch (the last one is reused). */
uint32_t parse_batch_origin(struct parse_batch *batch, const char *origin);
/* Queue text (copied) with its origin and TTL; returns the job's index. */
size_t parse_batch_add(struct parse_batch *batch, const char *text, size_t len,
		       uint32_t origin, uint32_t ttl);
/* Parse every queued job with up to threads threads (0 = one per core). */
void parse_batch_run(struct parse_batch *batch, int threads);
/* The same on threads threads of its own, returning at once; the batch
 * (and its room, prefaulted meanwhile) must not be touched until
 * parse_batch_wait(). Where no thread can start, it runs here. */
void parse_batch_start(struct parse_batch *batch, int threads);
void parse_batch_wait(struct parse_batch *batch);
/* Tests: ldns's parse of one text alone (the fast path bypassed), its
 * data in arena; returns res->status. */
int parse_text_ldns(const char *text, uint32_t ttl, const char *origin,
		    struct parse_result *res, struct arena *arena);
/* Same status and, when parsed, the same type, preference and bytes. */
bool parse_results_equal(const struct parse_result *a, const struct parse_result *b);
/* Tests: called with every text a batch parses (NULL: none). Called from
 * the parse threads; run with one thread to keep it simple. */
typedef void (*parse_observer_fn)(void *ctx, const char *text, const char *origin,
				  uint32_t ttl);
void parse_set_observer(parse_observer_fn fn, void *ctx);
/* ldns's text for a failed status. */
const char *parse_error_text(int status);
/* Empty the batch for reuse (memory is kept). */
void parse_batch_reset(struct parse_batch *batch);
void parse_batch_free(struct parse_batch *batch);

#endif
