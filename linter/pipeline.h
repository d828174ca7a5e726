/*
 * pipeline.h — the loader's double-buffered parse pipeline. The loader
 * queues each record as text (parse.h) with what it knows of the record
 * that the parser does not tell back (struct pending); a full batch is
 * parsed on the other cores while the loader fills the next one; every
 * batch is handed back to the loader's commit function record by record,
 * in queue order, so what lands in the index does not depend on -j.
 *
 * It owns both batches and their pending lists; the loader owns the
 * index and decides what a parsed record becomes.
 */
#ifndef PTRLINT_PIPELINE_H
#define PTRLINT_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "index_build.h"
#include "parse.h"

/* What the loader knows of a queued record that ldns does not tell back. */
struct pending {
	uint32_t file;
	uint32_t line;
	uint32_t zone;
	uint32_t group;              /* the $GENERATE it came from, 0 = none */
	long value;                  /* the $GENERATE value */
	uint16_t flags;              /* REC_GENERATED */
	uint16_t type_off;           /* the type token inside the text, for messages */
	uint8_t type_len;
	uint16_t long_rdlen;         /* long_rdata's length */
	const uint8_t *long_rdata;   /* a long TXT's wire rdata, in the index's rdata arena
				      * (long_txt_rdata), or NULL: ldns's is used */
};

/* Called for each queued record, in queue order, once it is parsed. */
typedef void (*pipeline_commit_fn)(void *ctx, const struct pending *p,
				   const struct parse_result *res,
				   const struct parse_job *job, const char *text);

struct pipeline {
	struct index *ix;            /* names prefetched, pages made ahead (index_build.h) */
	int threads;                 /* ix->threads */
	pipeline_commit_fn commit;
	void *ctx;
	struct parse_batch batch;    /* filling */
	struct pending *pending;
	size_t pending_cap;
	struct parse_batch spare;    /* full, being parsed on other cores (spare_busy) */
	struct pending *spare_pending;
	size_t spare_pending_cap;
	bool spare_busy;
	bool committing;             /* inside a commit call */
};

void pipeline_init(struct pipeline *pl, struct index *ix, pipeline_commit_fn commit,
		   void *ctx);
/* Queue text (copied; relative names in its rdata are relative to
 * origin_text) with its TTL and what the loader knows of it. When the
 * batch is full it goes to the other cores, or is parsed and committed
 * here with one thread. */
void pipeline_add(struct pipeline *pl, const char *origin_text, const char *text,
		  size_t len, uint32_t ttl, const struct pending *p);
/* Parse and commit everything queued. */
void pipeline_flush(struct pipeline *pl);
void pipeline_free(struct pipeline *pl);

#endif
