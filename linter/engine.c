/*
 * engine.c — see engine.h: runs the rules, and report() (check.h) turns
 * what they report into findings: it applies the effective severity (the
 * one a rule gives a finding, else cfg->severity of the rule, which
 * config.c and the command line have settled before the run), drops what
 * inline comments and config ignores suppress, and makes each finding once
 * (folding a $GENERATE's). findings.c only stores, sorts and counts.
 */
#include "engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dname.h"
#include "mail.h"
#include "parallel.h"

/* Has (rule, file, line) been reported already? Remembers it if not. */
static bool seen_line(struct check_ctx *ctx, uint32_t file, uint32_t line)
{
	uint64_t key = ((uint64_t)ctx->rule << 56) ^ ((uint64_t)file << 28) ^ line;
	key = key * 2 + 1;   /* never 0, the empty slot */
	if ((ctx->nreported_lines + 1) * 2 > ctx->reported_lines_cap) {
		size_t cap = ctx->reported_lines_cap ? ctx->reported_lines_cap * 2 : 256;
		uint64_t *slots = xcalloc(cap, sizeof(*slots));
		for (size_t i = 0; i < ctx->reported_lines_cap; i++) {
			uint64_t k = ctx->reported_lines[i];
			if (!k)
				continue;
			size_t j = hash_bytes(&k, sizeof(k)) & (cap - 1);
			while (slots[j])
				j = (j + 1) & (cap - 1);
			slots[j] = k;
		}
		free(ctx->reported_lines);
		ctx->reported_lines = slots;
		ctx->reported_lines_cap = cap;
	}
	size_t mask = ctx->reported_lines_cap - 1;
	size_t j = hash_bytes(&key, sizeof(key)) & mask;
	for (; ctx->reported_lines[j]; j = (j + 1) & mask)
		if (ctx->reported_lines[j] == key)
			return true;
	ctx->reported_lines[j] = key;
	ctx->nreported_lines++;
	return false;
}

/* ---- findings made so far ---- */

/* A finding report() made, by what makes two the same: a line's message
 * (rule, file, line, message), or a $GENERATE's records in one zone
 * (rule, file, line, zone) whose findings fold into the first. */
struct made_entry {
	bool used;
	bool generated;              /* a $GENERATE's fold, else a message */
	enum rule_id rule;
	uint32_t file, line, zone;
	uint64_t message_hash;
	size_t finding;              /* in ctx->findings; SIZE_MAX: not kept */
	size_t count;                /* a fold: findings folded into it */
	size_t records;              /* a fold: records its $GENERATE made in the zone */
};

struct made_table {
	struct made_entry *slots;
	size_t cap, count;
};

/* FNV-1a, 64 bits: messages of one line rarely collide; a collision only
 * costs a string comparison. */
static uint64_t hash64(const void *data, size_t len, uint64_t h)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

static uint64_t made_hash(const struct made_entry *e)
{
	uint32_t fields[5] = {(uint32_t)e->rule, e->file, e->line, e->zone, e->generated};
	uint64_t h = hash64(fields, sizeof(fields), 0xcbf29ce484222325ULL);
	return hash64(&e->message_hash, sizeof(e->message_hash), h);
}

static void made_grow(struct made_table *t)
{
	if ((t->count + 2) * 2 <= t->cap)
		return;
	size_t cap = t->cap ? t->cap * 2 : 64;
	struct made_entry *slots = xcalloc(cap, sizeof(*slots));
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slots[i].used)
			continue;
		size_t j = made_hash(&t->slots[i]) & (cap - 1);
		while (slots[j].used)
			j = (j + 1) & (cap - 1);
		slots[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
}

/* The entry equal to want (for a message, the text compared too), or the
 * free slot where it goes. Call made_grow() first: slots do not move
 * until the next call of it. */
static struct made_entry *made_find(struct made_table *t, const struct made_entry *want,
				    const struct findings *list, const char *message)
{
	size_t mask = t->cap - 1;
	for (size_t j = made_hash(want) & mask;; j = (j + 1) & mask) {
		struct made_entry *e = &t->slots[j];
		if (!e->used)
			return e;
		if (e->generated != want->generated || e->rule != want->rule ||
		    e->file != want->file || e->line != want->line || e->zone != want->zone ||
		    e->message_hash != want->message_hash)
			continue;
		if (e->generated || (e->finding != SIZE_MAX &&
				     !strcmp(list->items[e->finding].message, message)))
			return e;
	}
}

/* How many records the $GENERATE that made record id made in its zone:
 * they lie together in the index, in the order they were made. */
static size_t generated_run(const struct index *ix, size_t id)
{
	const struct record *r = &ix->records[id];
	size_t lo = id, hi = id + 1;
	while (lo > 0 && (ix->records[lo - 1].flags & REC_GENERATED) &&
	       ix->records[lo - 1].file == r->file && ix->records[lo - 1].line == r->line &&
	       ix->records[lo - 1].zone == r->zone)
		lo--;
	while (hi < ix->nrecords && (ix->records[hi].flags & REC_GENERATED) &&
	       ix->records[hi].file == r->file && ix->records[hi].line == r->line &&
	       ix->records[hi].zone == r->zone)
		hi++;
	return hi - lo;
}

/* The record id spec->at points at, if it is a record of ix made by
 * $GENERATE; SIZE_MAX otherwise. */
static size_t generated_record(const struct index *ix, const struct finding_spec *spec)
{
	uintptr_t at = (uintptr_t)spec->at, first = (uintptr_t)ix->records;
	if (!spec->at || !(spec->at->flags & REC_GENERATED) || at < first ||
	    at >= first + ix->nrecords * sizeof(struct record))
		return SIZE_MAX;
	return (at - first) / sizeof(struct record);
}

/* Add f to the context's findings unless it is made already (engine.h);
 * takes f->message. */
static void make_finding(struct check_ctx *ctx, const struct finding_spec *spec,
			 struct finding *f, uint32_t file, uint32_t zone)
{
	if (!ctx->made)
		ctx->made = xcalloc(1, sizeof(*ctx->made));
	struct made_table *t = ctx->made;
	made_grow(t);
	struct made_entry *fold = NULL;
	size_t generated = generated_record(ctx->ix, spec);
	if (generated != SIZE_MAX) {
		struct made_entry want = {.used = true, .generated = true, .rule = f->rule,
					  .file = file, .line = f->line, .zone = zone};
		fold = made_find(t, &want, ctx->findings, NULL);
		if (fold->used) {
			fold->count++;
			free(f->message);
			return;
		}
		*fold = want;
		fold->finding = SIZE_MAX;
		fold->count = 1;
		fold->records = generated_run(ctx->ix, generated);
		t->count++;
	}
	struct made_entry want = {.used = true, .rule = f->rule, .file = file, .line = f->line,
				  .zone = NO_ZONE,
				  .message_hash = hash64(f->message, strlen(f->message),
							 0xcbf29ce484222325ULL)};
	struct made_entry *same = made_find(t, &want, ctx->findings, f->message);
	if (same->used) {
		free(f->message);
		return;
	}
	*same = want;
	same->finding = ctx->findings->count;
	t->count++;
	if (fold)
		fold->finding = ctx->findings->count;
	findings_add(ctx->findings, f);   /* copies the strings */
	free(f->message);
}

/* The folds get their counts, once the context's rules have run. */
static void made_finish(struct check_ctx *ctx)
{
	struct made_table *t = ctx->made;
	for (size_t i = 0; t && i < t->cap; i++) {
		const struct made_entry *e = &t->slots[i];
		if (!e->used || !e->generated || e->finding == SIZE_MAX || e->count < 2)
			continue;
		struct finding *f = &ctx->findings->items[e->finding];
		char *folded = e->count == e->records
			? xasprintf("%s; the same in all %zu records this $GENERATE makes",
				    f->message, e->records)
			: xasprintf("%s; the same in %zu of the %zu records this $GENERATE makes",
				    f->message, e->count, e->records);
		free(f->message);
		f->message = folded;
	}
	if (t)
		free(t->slots);
	free(t);
	ctx->made = NULL;
}

void report(struct check_ctx *ctx, const struct finding_spec *spec, const char *fmt, ...)
{
	const struct index *ix = ctx->ix;
	struct finding f;
	memset(&f, 0, sizeof(f));
	f.rule = ctx->rule;
	f.severity = spec->severity != SEV_OFF ? spec->severity : ctx->cfg->severity[ctx->rule];
	uint32_t file = spec->at ? spec->at->file : spec->file;
	uint32_t zone = spec->at ? spec->at->zone : spec->zone;
	f.line = spec->at ? spec->at->line : spec->line;
	if (spec->once_per_line && seen_line(ctx, file, f.line))
		return;
	if (file != FILE_CONFIG && (index_suppressed_rules(ix, file, f.line) & RULE_BIT(ctx->rule))) {
		ctx->findings->suppressed++;
		return;
	}
	char name_buf[NAME_TEXT_MAX];
	if (spec->name)
		dname_to_text(name_buf, index_wire(ix, spec->name));
	f.file = (char *)(file == FILE_CONFIG ? (ctx->cfg->path ? ctx->cfg->path : "(config)")
					     : ix->files[file]);
	f.zone = (zone != NO_ZONE && ix->zones[zone].origin) ? (char *)zone_str(ctx, zone) : NULL;
	f.name = spec->name ? name_buf : (char *)spec->name_text;
	if (spec->address) {
		f.has_address = true;
		f.address.addr = *spec->address;
		f.address.len = spec->prefix_len ? spec->prefix_len
						 : (spec->address->family == 4 ? 32 : 128);
	}
	f.iprev = spec->iprev;
	if (ctx->ignores && ignore_index_matches(ctx->ignores, &f)) {
		ctx->findings->suppressed++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	f.message = xvasprintf(fmt, ap);
	va_end(ap);
	make_finding(ctx, spec, &f, file, zone);
}

/* Does an enabled rule carry RULE_READS_MAIL (rules.def)? Then the mail
 * analysis is computed for the run, else skipped. */
static bool mail_analysis_needed(const struct config *cfg)
{
	for (int r = 0; r < RULE_COUNT; r++)
		if (cfg->severity[r] != SEV_OFF && (rule_table[r].flags & RULE_READS_MAIL))
			return true;
	return false;
}

/* The enabled rules in the order the threads take them: the RULE_HEAVY
 * ones first, highest cost first, so that the light ones fill in around
 * them; then the light ones in rules.def order. The order only balances
 * the threads, never changes a finding. Returns how many. */
static size_t schedule_rules(const struct config *cfg, enum rule_id queue[RULE_COUNT])
{
	size_t n = 0;
	for (int r = 0; r < RULE_COUNT; r++) {
		if (cfg->severity[r] == SEV_OFF || !rule_cost(rule_table[r].flags))
			continue;
		/* insertion by cost: at most RULE_COUNT rules, stable for equal costs */
		size_t at = n;
		while (at > 0 && rule_cost(rule_table[queue[at - 1]].flags) <
				 rule_cost(rule_table[r].flags)) {
			queue[at] = queue[at - 1];
			at--;
		}
		queue[at] = (enum rule_id)r;
		n++;
	}
	for (int r = 0; r < RULE_COUNT; r++)
		if (cfg->severity[r] != SEV_OFF && !rule_cost(rule_table[r].flags))
			queue[n++] = (enum rule_id)r;
	return n;
}

/* One rule's run: a context of its own (its once_per_line set and made
 * table are keyed by rule anyway) and findings of its own, so that rules
 * can run on any thread in any order. */
struct rule_run {
	struct check_ctx ctx;
	struct findings findings;
};

struct rule_runs {
	struct rule_run *runs;
	const enum rule_id *queue;
};

static void run_rule(void *arg, size_t k)
{
	struct rule_runs *all = arg;
	struct check_ctx *ctx = &all->runs[k].ctx;
	ctx->rule = all->queue[k];
	ctx->options = ctx->cfg->options[ctx->rule];
	rule_table[ctx->rule].impl->check(ctx);
	made_finish(ctx);
}

/* Below this many records a thread costs more than the rules. */
#define ENGINE_MIN_RECORDS_FOR_THREAD 50000
#define ENGINE_MAX_THREADS 8

void engine_run(struct findings *out, struct index *ix, const struct index *base,
		const struct config *cfg)
{
	struct public_names pub;
	public_names_init(&pub, config_option(cfg, RULE_ptr_target_internal, "suffixes"),
			  cfg->tlds, cfg->ntlds);
	struct ignore_index ignores;
	ignore_index_build(&ignores, cfg);
	struct mail_analysis mail;
	memset(&mail, 0, sizeof(mail));
	if (mail_analysis_needed(cfg))
		mail_analyse(&mail, ix, cfg, &pub);

	enum rule_id queue[RULE_COUNT];
	size_t nqueue = schedule_rules(cfg, queue);
	struct rule_run runs[RULE_COUNT];
	memset(runs, 0, sizeof(runs));
	for (size_t k = 0; k < nqueue; k++)
		runs[k].ctx = (struct check_ctx){.ix = ix, .base = base, .cfg = cfg, .mail = &mail,
						 .pub = &pub, .findings = &runs[k].findings,
						 .ignores = &ignores};

	/* Rules read the finished index, the mail analysis and the config
	 * (their caches are idempotent and atomic: index_zone_of); the
	 * rules' findings join before the sort, whose order is total, so the
	 * output does not depend on which thread ran which rule. The queue
	 * is costliest first: parallel_for hands items out in order. */
	long threads = threads_for_jobs(ix->threads);
	if (ix->nrecords < ENGINE_MIN_RECORDS_FOR_THREAD)
		threads = 1;
	if (threads > ENGINE_MAX_THREADS)
		threads = ENGINE_MAX_THREADS;
	struct rule_runs all = {.runs = runs, .queue = queue};
	parallel_for(nqueue, (int)threads, run_rule, &all);
	for (size_t k = 0; k < nqueue; k++) {
		findings_take(out, &runs[k].findings);
		free(runs[k].ctx.reported_lines);
	}
	mail_analysis_free(&mail);
	public_names_free(&pub);
	ignore_index_free(&ignores);
	findings_sort_dedup(out);
}

static int compare_opt(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* The identity of a finding across revisions: not its file or line, which
 * move when records move. */
static int compare_identity(const struct finding *a, const struct finding *b)
{
	int c;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if ((c = compare_opt(a->zone, b->zone)) || (c = compare_opt(a->name, b->name)))
		return c;
	if (a->has_address != b->has_address)
		return a->has_address ? 1 : -1;
	if (a->has_address) {
		if ((c = addr_compare(&a->address.addr, &b->address.addr)))
			return c;
		if (a->address.len != b->address.len)
			return a->address.len < b->address.len ? -1 : 1;
	}
	if (!a->name && !a->has_address)
		return compare_opt(a->message, b->message);
	return 0;
}

static int compare_identity_ptr(const void *a, const void *b)
{
	return compare_identity(*(const struct finding *const *)a,
				*(const struct finding *const *)b);
}

void findings_subtract(struct findings *target, const struct findings *base)
{
	const struct finding **keys = xmalloc((base->count + 1) * sizeof(*keys));
	for (size_t i = 0; i < base->count; i++)
		keys[i] = &base->items[i];
	qsort(keys, base->count, sizeof(*keys), compare_identity_ptr);
	size_t kept = 0;
	for (size_t i = 0; i < target->count; i++) {
		const struct finding *f = &target->items[i];
		if (base->count && bsearch(&f, keys, base->count, sizeof(*keys), compare_identity_ptr)) {
			free(target->items[i].file);
			free(target->items[i].zone);
			free(target->items[i].name);
			free(target->items[i].message);
			target->hidden++;
			continue;
		}
		target->items[kept++] = target->items[i];
	}
	target->count = kept;
	free(keys);
}
