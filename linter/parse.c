/*
 * parse.c — see parse.h. Each record's text goes to the fast path
 * (fastparse.c) first and to ldns when it declines; on a large zone that
 * is most of the run, so it is spread over the cores. Each worker keeps its
 * own ldns buffer, origins and arena: nothing is shared but the read-only
 * job list and the result slots it owns.
 */
#include "parse.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "addr.h"
#include "dname.h"
#include "fastparse.h"
#include "index_build.h"
#include "parallel.h"

/* Below this many records a thread costs more than it saves. */
#define PARSE_MIN_PER_THREAD 2048

uint32_t parse_batch_origin(struct parse_batch *batch, const char *origin)
{
	if (batch->norigins && !strcmp(batch->origins[batch->norigins - 1], origin))
		return (uint32_t)(batch->norigins - 1);
	*ARRAY_PUSH(batch->origins, batch->norigins, batch->origins_cap) = xstrdup(origin);
	return (uint32_t)(batch->norigins - 1);
}

size_t parse_batch_add(struct parse_batch *batch, const char *text, size_t len,
		       uint32_t origin, uint32_t ttl)
{
	struct parse_job *job = ARRAY_PUSH(batch->jobs, batch->count, batch->cap);
	job->text = (uint32_t)batch->texts.len;
	job->origin = origin;
	job->ttl = ttl;
	strbuf_add(&batch->texts, text, len);
	strbuf_addch(&batch->texts, '\0');
	return batch->count - 1;
}

struct worker {
	struct parse_batch *batch;
	size_t first, end;
	struct arena *arena;
};

/* A name rdf's wire length, or 0 when it is no usable name. */
static size_t name_size(const ldns_rdf *rdf)
{
	size_t n = rdf ? ldns_rdf_size(rdf) : 0;
	if (!rdf || ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME || n > NAME_WIRE_MAX)
		return 0;
	return n;
}

/* ldns's parse of one text into *res, its data in arena. */
static void parse_ldns(const char *text, uint32_t ttl, const ldns_rdf *origin,
		       ldns_buffer *wire, struct parse_result *res, struct arena *arena)
{
	memset(res, 0, sizeof(*res));
	ldns_rr *rr = NULL;
	ldns_status status = ldns_rr_new_frm_str(&rr, text, ttl, origin, NULL);
	if (status != LDNS_STATUS_OK) {
		res->status = status ? (int)status : -1;
		return;
	}
	ldns_rr2canonical(rr);
	ldns_buffer_clear(wire);
	const ldns_rdf *target = NULL;
	res->type = (uint16_t)ldns_rr_get_type(rr);
	switch (res->type) {
	case LDNS_RR_TYPE_PTR:
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_DNAME:
		target = ldns_rr_rd_count(rr) ? ldns_rr_rdf(rr, 0) : NULL;
		break;
	case LDNS_RR_TYPE_MX:
		if (ldns_rr_rd_count(rr) == 2) {
			res->preference = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
			target = ldns_rr_rdf(rr, 1);
		}
		break;
	default:
		break;
	}
	if (ldns_rr_rdata2buffer_wire(wire, rr) != LDNS_STATUS_OK ||
	    !name_size(ldns_rr_owner(rr))) {
		res->status = LDNS_STATUS_INVALID_RDF_TYPE;
		ldns_rr_free(rr);
		return;
	}
	if (ldns_buffer_position(wire) > UINT16_MAX) {
		res->status = PARSE_RDATA_TOO_LONG;
		ldns_rr_free(rr);
		return;
	}
	/* RFC 3597's "\# 0" gives a PTR, CNAME, NS, DNAME or MX no name at
	 * all: no server loads that, and every rule may count on a target */
	bool names_target = res->type == LDNS_RR_TYPE_PTR || res->type == LDNS_RR_TYPE_CNAME ||
			    res->type == LDNS_RR_TYPE_NS || res->type == LDNS_RR_TYPE_DNAME ||
			    res->type == LDNS_RR_TYPE_MX;
	if (names_target && !name_size(target)) {
		res->status = LDNS_STATUS_SYNTAX_RDATA_ERR;
		ldns_rr_free(rr);
		return;
	}
	/* owner, target and rdata side by side in one block of the arena */
	size_t owner_len = name_size(ldns_rr_owner(rr));
	size_t target_len = name_size(target);
	res->rdlen = (uint16_t)ldns_buffer_position(wire);
	uint8_t *p = arena_alloc(arena, owner_len + target_len + res->rdlen);
	memcpy(p, ldns_rdf_data(ldns_rr_owner(rr)), owner_len);
	dname_lower(p);
	if (target_len) {
		memcpy(p + owner_len, ldns_rdf_data(target), target_len);
		dname_lower(p + owner_len);
	}
	memcpy(p + owner_len + target_len, ldns_buffer_begin(wire), res->rdlen);
	res->data = p;
	res->owner_len = (uint8_t)owner_len;
	res->target_len = (uint8_t)target_len;
	ldns_rr_free(rr);
}

int parse_text_ldns(const char *text, uint32_t ttl, const char *origin,
		    struct parse_result *res, struct arena *arena)
{
	ldns_rdf *o = ldns_dname_new_frm_str(origin);
	ldns_buffer *wire = ldns_buffer_new(4096);
	parse_ldns(text, ttl, o, wire, res, arena);
	ldns_buffer_free(wire);
	ldns_rdf_deep_free(o);
	return res->status;
}

bool parse_results_equal(const struct parse_result *a, const struct parse_result *b)
{
	if (a->status != b->status)
		return false;
	if (a->status)
		return true;
	return a->type == b->type && a->preference == b->preference && a->rdlen == b->rdlen &&
	       a->owner_len == b->owner_len && a->target_len == b->target_len &&
	       !memcmp(a->data, b->data, (size_t)a->owner_len + a->target_len + a->rdlen);
}

static parse_observer_fn observer;
static void *observer_ctx;

void parse_set_observer(parse_observer_fn fn, void *ctx)
{
	observer = fn;
	observer_ctx = ctx;
}

static void work(const struct worker *w)
{
	struct parse_batch *b = w->batch;
	/* each origin is parsed once per worker, by ldns only if a text
	 * the fast path declines needs it */
	ldns_rdf **origins = xcalloc(b->norigins ? b->norigins : 1, sizeof(*origins));
	struct fast_origin **fast = xcalloc(b->norigins ? b->norigins : 1, sizeof(*fast));
	ldns_buffer *wire = ldns_buffer_new(4096);
	for (size_t i = w->first; i < w->end; i++) {
		const struct parse_job *job = &b->jobs[i];
		struct parse_result *res = &b->results[i];
		const char *text = b->texts.data + job->text;
		if (observer)
			observer(observer_ctx, text, b->origins[job->origin], job->ttl);
		if (!fast[job->origin]) {
			fast[job->origin] = xmalloc(sizeof(struct fast_origin));
			fastparse_origin(fast[job->origin], b->origins[job->origin]);
		}
		if (!fastparse_record(text, fast[job->origin], res, w->arena)) {
			if (!origins[job->origin])
				origins[job->origin] = ldns_dname_new_frm_str(b->origins[job->origin]);
			parse_ldns(text, job->ttl, origins[job->origin], wire, res, w->arena);
			if (res->status)
				continue;
		}
		res->owner_hash = index_name_hash(res->data);
		if (res->target_len)
			res->target_hash = index_name_hash(res->data + res->owner_len);
	}
	for (size_t k = 0; k < b->norigins; k++) {
		ldns_rdf_deep_free(origins[k]);
		free(fast[k]);
	}
	free(origins);
	free(fast);
	ldns_buffer_free(wire);
}

/* The batch cut into count slices of contiguous jobs: the cut depends on
 * the thread count alone, and slice k parses into arena k, whichever
 * thread runs it. */
struct slices {
	struct parse_batch *batch;
	size_t count;
};

static void parse_slice(void *ctx, size_t item)
{
	const struct slices *s = ctx;
	size_t per = s->batch->count / s->count, extra = s->batch->count % s->count;
	size_t first = item * per + (item < extra ? item : extra);
	struct worker w = {s->batch, first, first + per + (item < extra), &s->batch->arenas[item]};
	work(&w);
}

void parse_batch_run(struct parse_batch *batch, int threads)
{
	if (!batch->count)
		return;
	grow_array((void **)&batch->results, &batch->results_cap, batch->count,
		   sizeof(*batch->results));
	threads = threads_for_jobs(threads);
	if (threads > PARSE_MAX_THREADS)
		threads = PARSE_MAX_THREADS;
	size_t most = (batch->count + PARSE_MIN_PER_THREAD - 1) / PARSE_MIN_PER_THREAD;
	if ((size_t)threads > most)
		threads = (int)most;
	struct slices slices = {batch, (size_t)threads};
	parallel_for(slices.count, threads, parse_slice, &slices);
}

static void *run_in_background(void *arg)
{
	struct parse_batch *batch = arg;
	index_prefault(&batch->room);
	parse_batch_run(batch, batch->threads);
	return NULL;
}

void parse_batch_start(struct parse_batch *batch, int threads)
{
	batch->threads = threads > 0 ? threads : 1;
	batch->started = !pthread_create(&batch->thread, NULL, run_in_background, batch);
	if (!batch->started)
		run_in_background(batch);
}

void parse_batch_wait(struct parse_batch *batch)
{
	if (batch->started)
		pthread_join(batch->thread, NULL);
	batch->started = false;
}

const char *parse_error_text(int status)
{
	if (status == PARSE_RDATA_TOO_LONG)
		return "rdata exceeds 65535 bytes";
	const char *text = status > 0 ? ldns_get_errorstr_by_id((ldns_status)status) : NULL;
	return text ? text : "syntax error";
}

void parse_batch_reset(struct parse_batch *batch)
{
	strbuf_reset(&batch->texts);
	for (size_t i = 0; i < batch->norigins; i++)
		free(batch->origins[i]);
	batch->norigins = 0;
	batch->count = 0;
	for (int t = 0; t < PARSE_MAX_THREADS; t++)
		arena_free(&batch->arenas[t]);
}

void parse_batch_free(struct parse_batch *batch)
{
	parse_batch_reset(batch);
	strbuf_release(&batch->texts);
	free(batch->origins);
	free(batch->jobs);
	free(batch->results);
	memset(batch, 0, sizeof(*batch));
}
