/*
 * engine.c — see engine.h: runs the rules, and turns what they report into
 * findings with the effective severity, minus what inline comments and
 * config ignores suppress.
 */
#include "engine.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dname.h"

#define ROTATING 8

const char *name_str(const struct check_ctx *ctx, name_id name)
{
	/* per thread: a rule may run beside the others (engine_run) */
	static _Thread_local char bufs[ROTATING][NAME_TEXT_MAX];
	static _Thread_local unsigned next;
	char *buf = bufs[next++ % ROTATING];
	if (!name)
		return strcpy(buf, "(none)");
	dname_to_text(buf, index_wire(ctx->ix, name));
	return buf;
}

const char *addr_str(const struct ip_addr *addr)
{
	static _Thread_local char bufs[ROTATING][ADDR_TEXT_MAX];
	static _Thread_local unsigned next;
	char *buf = bufs[next++ % ROTATING];
	addr_format(buf, addr);
	return buf;
}

const char *zone_str(const struct check_ctx *ctx, uint32_t zone)
{
	if (zone == NO_ZONE || !ctx->ix->zones[zone].origin)
		return "(no zone)";
	return name_str(ctx, ctx->ix->zones[zone].origin);
}

void record_address(const struct record *r, struct ip_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->family = r->type == TYPE_A ? 4 : 6;
	memcpy(out->bytes, r->rdata, r->rdlen <= 16 ? r->rdlen : 16);
}

bool mail_covers_address(const struct mail_analysis *mail, const struct ip_addr *addr)
{
	return mail && mail_find_address(mail, addr) != NULL;
}

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
	findings_add(ctx->findings, &f);   /* copies the strings */
	free(f.message);
}

static bool any_enabled(const struct config *cfg, const enum rule_id *rules, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cfg->severity[rules[i]] != SEV_OFF)
			return true;
	return false;
}

/* Rules that walk every record, PTR or address are handed out first, so
 * that the light ones fill in around them; the order only balances the
 * threads, never changes a finding. */
static const enum rule_id heavy_rules[] = {
	RULE_host_ptr_missing, RULE_ptr_forward_mismatch, RULE_ptr_target_internal,
	RULE_ptr_target_missing, RULE_ptr_target_alias,
};

/* One thread's share of the rules: a context (with its once_per_line set,
 * whose keys hold the rule) and findings of its own; rules are taken from
 * the shared queue one at a time. */
struct rule_worker {
	struct check_ctx ctx;
	struct findings findings;
	const enum rule_id *queue;
	size_t nqueue;
	size_t *next;                    /* the queue's next entry, shared */
	pthread_t thread;
	bool started;
};

static void *run_rules(void *arg)
{
	struct rule_worker *w = arg;
	for (;;) {
		size_t k = __atomic_fetch_add(w->next, 1, __ATOMIC_RELAXED);
		if (k >= w->nqueue)
			return NULL;
		w->ctx.rule = w->queue[k];
		rule_table[w->ctx.rule].impl->check(&w->ctx);
	}
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
	/* The rules that read the mail analysis. spf-syntax is not one: it
	 * reads the SPF records itself with the same reader (spf.c), so it
	 * needs no analysis and works with every mail rule off. */
	static const enum rule_id mail_rules[] = {
		RULE_mail_ptr_missing, RULE_mail_ptr_mismatch, RULE_mail_ptr_unverifiable,
		RULE_mail_ptr_multiple, RULE_mail_ptr_generic, RULE_mail_helo_mismatch,
		RULE_mail_host_no_address, RULE_host_ptr_missing,
	};
	struct ignore_index ignores;
	ignore_index_build(&ignores, cfg);
	struct mail_analysis mail;
	memset(&mail, 0, sizeof(mail));
	if (any_enabled(cfg, mail_rules, ARRAY_LEN(mail_rules)))
		mail_analyse(&mail, ix, cfg, &pub);

	/* the enabled rules, heavy ones first */
	enum rule_id queue[RULE_COUNT];
	size_t nqueue = 0;
	bool queued[RULE_COUNT] = {false};
	for (size_t i = 0; i < ARRAY_LEN(heavy_rules); i++)
		if (cfg->severity[heavy_rules[i]] != SEV_OFF) {
			queue[nqueue++] = heavy_rules[i];
			queued[heavy_rules[i]] = true;
		}
	for (int r = 0; r < RULE_COUNT; r++)
		if (cfg->severity[r] != SEV_OFF && !queued[r])
			queue[nqueue++] = (enum rule_id)r;

	/* Rules read the finished index, the mail analysis and the config
	 * (their caches are idempotent and atomic: index_zone_of); each
	 * thread's findings join before the sort, whose order is total, so
	 * the output does not depend on which thread ran which rule. */
	long threads = threads_for_jobs(ix->threads);
	if (ix->nrecords < ENGINE_MIN_RECORDS_FOR_THREAD)
		threads = 1;
	if (threads > ENGINE_MAX_THREADS)
		threads = ENGINE_MAX_THREADS;
	if ((size_t)threads > nqueue)
		threads = nqueue ? (long)nqueue : 1;
	size_t next = 0;
	struct rule_worker workers[ENGINE_MAX_THREADS];
	memset(workers, 0, sizeof(workers));
	for (long t = 0; t < threads; t++) {
		struct rule_worker *w = &workers[t];
		/* the calling thread's findings go straight into out */
		w->ctx = (struct check_ctx){ix, base, cfg, &mail, &pub, t ? &w->findings : out,
					    0, NULL, 0, 0, &ignores};
		w->queue = queue;
		w->nqueue = nqueue;
		w->next = &next;
		if (t)
			w->started = !pthread_create(&w->thread, NULL, run_rules, w);
	}
	run_rules(&workers[0]);
	for (long t = 1; t < threads; t++) {
		struct rule_worker *w = &workers[t];
		if (w->started)
			pthread_join(w->thread, NULL);
		for (size_t i = 0; i < w->findings.count; i++)
			findings_add(out, &w->findings.items[i]);
		out->suppressed += w->findings.suppressed;
		findings_free(&w->findings);
	}
	for (long t = 0; t < threads; t++)
		free(workers[t].ctx.reported_lines);
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
