/*
 * findings.c — see findings.h. Owns the findings list: copying findings in,
 * the one sort order every format prints in, de-duplication, counting and
 * release. Severity, suppression and ignores are applied before
 * findings_add, by report() in engine.c.
 */
#include "findings.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const iprev_names[] = {
	[IPREV_NONE] = "none",
	[IPREV_PASS] = "pass",
	[IPREV_FAIL] = "fail",
	[IPREV_PERMERROR] = "permerror",
	[IPREV_TEMPERROR] = "temperror",
	[IPREV_UNVERIFIABLE] = "unverifiable",
};

const char *iprev_name(enum iprev_result result)
{
	if ((size_t)result >= ARRAY_LEN(iprev_names))
		return "none";
	return iprev_names[result];
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void findings_add(struct findings *list, const struct finding *finding)
{
	struct finding *f = ARRAY_PUSH(list->items, list->count, list->cap);
	*f = *finding;
	f->file = dup_or_null(finding->file);
	f->zone = dup_or_null(finding->zone);
	f->name = dup_or_null(finding->name);
	f->message = dup_or_null(finding->message);
	/* Bytes of an absent address must not influence hashing or output. */
	if (!f->has_address)
		memset(&f->address, 0, sizeof(f->address));
}

static void finding_release(struct finding *f)
{
	free(f->file);
	free(f->zone);
	free(f->name);
	free(f->message);
}

/* NULL sorts before every string, so "no name" comes first. */
static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_uint(unsigned long a, unsigned long b)
{
	return (a > b) - (a < b);
}

static int cmp_address(const struct finding *a, const struct finding *b)
{
	if (!a->has_address || !b->has_address)
		return (int)a->has_address - (int)b->has_address;
	int c = addr_compare(&a->address.addr, &b->address.addr);
	if (c)
		return c < 0 ? -1 : 1;
	return cmp_uint(a->address.len, b->address.len);
}

/* A total order over everything a reporter prints, so that qsort's
 * instability can never show in the output. */
static int cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c;
	if ((c = cmp_str(a->file, b->file)))
		return c;
	if ((c = cmp_uint(a->line, b->line)))
		return c;
	if (a->rule != b->rule &&
	    (c = strcmp(rule_table[a->rule].id, rule_table[b->rule].id)))
		return c;
	if ((c = cmp_str(a->name, b->name)))
		return c;
	if ((c = cmp_address(a, b)))
		return c;
	if ((c = cmp_str(a->zone, b->zone)))
		return c;
	if ((c = cmp_str(a->message, b->message)))
		return c;
	if ((c = cmp_uint(a->severity, b->severity)))
		return c;
	return cmp_uint(a->iprev, b->iprev);
}

/* A syntax error is about a place in a file, not about a name or an
 * address: only the place tells two of them apart. */
static bool keyed_by_place(const struct finding *f)
{
	return !f->name && !f->has_address;
}

static bool same_key(const struct finding *a, const struct finding *b)
{
	if (a->rule != b->rule || cmp_str(a->zone, b->zone) ||
	    cmp_str(a->name, b->name) || cmp_address(a, b))
		return false;
	if (keyed_by_place(a))
		return !cmp_str(a->file, b->file) && a->line == b->line;
	return true;
}

static uint32_t mix(uint32_t h, const void *data, size_t len)
{
	return (h * 16777619u) ^ hash_bytes(data, len);
}

static uint32_t mix_str(uint32_t h, const char *s)
{
	/* Keep NULL and "" apart, as same_key does. */
	return s ? mix(h, s, strlen(s) + 1) : mix(h, "", 0);
}

static uint32_t key_hash(const struct finding *f)
{
	uint32_t h = 2166136261u;
	unsigned rule = f->rule;
	h = mix(h, &rule, sizeof(rule));
	h = mix_str(h, f->zone);
	h = mix_str(h, f->name);
	if (f->has_address) {
		h = mix(h, &f->address.addr.family, 1);
		h = mix(h, f->address.addr.bytes, sizeof(f->address.addr.bytes));
		h = mix(h, &f->address.len, 1);
	}
	if (keyed_by_place(f)) {
		h = mix_str(h, f->file);
		h = mix(h, &f->line, sizeof(f->line));
	}
	return h;
}

void findings_sort_dedup(struct findings *list)
{
	if (list->count < 2)
		return;
	qsort(list->items, list->count, sizeof(*list->items), cmp_finding);

	/* Duplicates need not be neighbours after the sort (the same address
	 * reported from two files), so keep an open-addressing set of the
	 * findings kept so far: index + 1, 0 = empty. */
	size_t slots = 16;
	while (slots < list->count * 2)
		slots *= 2;
	size_t *table = xcalloc(slots, sizeof(*table));
	size_t kept = 0;
	for (size_t i = 0; i < list->count; i++) {
		struct finding *f = &list->items[i];
		size_t slot = key_hash(f) & (slots - 1);
		bool duplicate = false;
		while (table[slot]) {
			if (same_key(&list->items[table[slot] - 1], f)) {
				duplicate = true;
				break;
			}
			slot = (slot + 1) & (slots - 1);
		}
		if (duplicate) {
			finding_release(f);
			continue;
		}
		/* Kept findings only move down, over ones already consumed. */
		list->items[kept] = *f;
		table[slot] = ++kept;
	}
	free(table);
	list->count = kept;
}

size_t findings_count_at(const struct findings *list, enum severity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < list->count; i++)
		if (list->items[i].severity == severity)
			n++;
	return n;
}

void findings_take(struct findings *list, struct findings *from)
{
	for (size_t i = 0; i < from->count; i++)
		*ARRAY_PUSH(list->items, list->count, list->cap) = from->items[i];
	list->suppressed += from->suppressed;
	free(from->items);
	memset(from, 0, sizeof(*from));
}

void findings_free(struct findings *list)
{
	for (size_t i = 0; i < list->count; i++)
		finding_release(&list->items[i]);
	free(list->items);
	memset(list, 0, sizeof(*list));
}
