/*
 * ignore.c — see ignore.h. Entries are merged by what they need: rules
 * alone go into one rule set; names alone or addresses alone into the rule
 * set of their name, wildcard suffix or prefix; entries with both are
 * listed under each of their names and found by probing (entry, prefix).
 */
#include "ignore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ignore_bucket {
	rule_set rules;                  /* entries that need nothing more */
	uint32_t *entries;               /* entries that also need an address */
	size_t nentries, entries_cap;
};

#define ALL_RULES (~(rule_set)0)

static const char *own_key(struct ignore_index *ix, char *key)
{
	*ARRAY_PUSH(ix->keys, ix->nkeys, ix->keys_cap) = key;
	return key;
}

static struct ignore_bucket *bucket_for(struct ignore_index *ix, struct strmap *map,
					const char *key)
{
	long i = strmap_get(map, key);
	if (i < 0) {
		struct ignore_bucket *b = ARRAY_PUSH(ix->buckets, ix->nbuckets, ix->buckets_cap);
		memset(b, 0, sizeof(*b));
		i = (long)(ix->nbuckets - 1);
		strmap_put(map, key, (uint32_t)i);
	}
	return &ix->buckets[i];
}

/* "4/24/c0000200": the family, the length and the address with its host
 * bits cleared. */
static void prefix_key(char out[48], const struct ip_addr *addr, unsigned len)
{
	struct ip_addr masked = *addr;
	for (unsigned bit = len; bit < 128; bit++)
		masked.bytes[bit / 8] &= (uint8_t)~(0x80u >> (bit % 8));
	int n = snprintf(out, 48, "%u/%u/", addr->family, len);
	unsigned bytes = addr->family == 4 ? 4 : 16;
	for (unsigned i = 0; i < bytes; i++)
		n += snprintf(out + n, (size_t)(48 - n), "%02x", masked.bytes[i]);
}

static bool *lengths_of(struct ignore_index *ix, unsigned family)
{
	return ix->lengths[family == 4 ? 0 : 1];
}

static void add_names(struct ignore_index *ix, const struct ignore_entry *e, uint32_t id,
		      rule_set rules)
{
	for (size_t k = 0; k < e->nnames; k++) {
		const char *name = e->names[k];
		struct ignore_bucket *b = !strncmp(name, "*.", 2)
			? bucket_for(ix, &ix->suffixes, name + 2)
			: bucket_for(ix, &ix->names, name);
		if (!e->naddresses)
			b->rules |= rules;
		else if (!b->nentries || b->entries[b->nentries - 1] != id)
			*ARRAY_PUSH(b->entries, b->nentries, b->entries_cap) = id;
	}
}

static void add_addresses(struct ignore_index *ix, const struct ignore_entry *e, uint32_t id,
			  rule_set rules)
{
	for (size_t k = 0; k < e->naddresses; k++) {
		const struct ip_prefix *p = &e->addresses[k];
		char key[48];
		prefix_key(key, &p->addr, p->len);
		lengths_of(ix, p->addr.family)[p->len] = true;
		if (!e->nnames) {
			bucket_for(ix, &ix->prefixes, own_key(ix, xstrdup(key)))->rules |= rules;
			continue;
		}
		char *pair = xasprintf("%u %s", id, key);
		if (strmap_get(&ix->pairs, pair) >= 0)
			free(pair);
		else
			strmap_put(&ix->pairs, own_key(ix, pair), id);
	}
}

void ignore_index_build(struct ignore_index *out, const struct config *cfg)
{
	memset(out, 0, sizeof(*out));
	out->entries = cfg->ignores;
	for (size_t i = 0; i < cfg->nignores; i++) {
		const struct ignore_entry *e = &cfg->ignores[i];
		if (e->expired)
			continue;   /* still reported by ignore-expired, from the config */
		rule_set rules = e->rules ? e->rules : ALL_RULES;
		if (!e->nnames && !e->naddresses)
			out->everywhere |= rules;
		add_names(out, e, (uint32_t)i, rules);
		add_addresses(out, e, (uint32_t)i, rules);
	}
}

/* The rules ignored for the finding's address by entries without names:
 * one probe per prefix length the config uses. */
static rule_set address_rules(const struct ignore_index *ix, const struct finding *f)
{
	rule_set rules = 0;
	const bool *lengths = ix->lengths[f->address.addr.family == 4 ? 0 : 1];
	for (unsigned len = 0; len <= f->address.len; len++) {
		if (!lengths[len])
			continue;
		char key[48];
		prefix_key(key, &f->address.addr, len);
		long b = strmap_get(&ix->prefixes, key);
		if (b >= 0)
			rules |= ix->buckets[b].rules;
	}
	return rules;
}

/* Does one of entry id's prefixes hold the finding's address? */
static bool entry_holds_address(const struct ignore_index *ix, uint32_t id,
				const struct finding *f)
{
	const bool *lengths = ix->lengths[f->address.addr.family == 4 ? 0 : 1];
	for (unsigned len = 0; len <= f->address.len; len++) {
		if (!lengths[len])
			continue;
		char key[48], pair[64];
		prefix_key(key, &f->address.addr, len);
		snprintf(pair, sizeof(pair), "%u %s", id, key);
		if (strmap_get(&ix->pairs, pair) >= 0)
			return true;
	}
	return false;
}

static bool name_bucket_matches(const struct ignore_index *ix, long b, const struct finding *f)
{
	if (b < 0)
		return false;
	const struct ignore_bucket *bucket = &ix->buckets[b];
	if (bucket->rules & RULE_BIT(f->rule))
		return true;
	if (!f->has_address)
		return false;
	for (size_t k = 0; k < bucket->nentries; k++) {
		const struct ignore_entry *e = &ix->entries[bucket->entries[k]];
		if ((!e->rules || (e->rules & RULE_BIT(f->rule))) &&
		    entry_holds_address(ix, bucket->entries[k], f))
			return true;
	}
	return false;
}

bool ignore_index_matches(const struct ignore_index *ix, const struct finding *f)
{
	rule_set bit = RULE_BIT(f->rule);
	if (ix->everywhere & bit)
		return true;
	if (f->has_address && ix->prefixes.count && (address_rules(ix, f) & bit))
		return true;
	if (!f->name)
		return false;
	if (ix->names.count && name_bucket_matches(ix, strmap_get(&ix->names, f->name), f))
		return true;
	/* "*.x." holds the names that end in ".x." after at least one more
	 * character: every dot but a leading one starts a suffix to look up */
	for (const char *dot = f->name; ix->suffixes.count && (dot = strchr(dot + 1, '.'));)
		if (name_bucket_matches(ix, strmap_get(&ix->suffixes, dot + 1), f))
			return true;
	return false;
}

void ignore_index_free(struct ignore_index *ix)
{
	strmap_free(&ix->names);
	strmap_free(&ix->suffixes);
	strmap_free(&ix->prefixes);
	strmap_free(&ix->pairs);
	for (size_t i = 0; i < ix->nbuckets; i++)
		free(ix->buckets[i].entries);
	free(ix->buckets);
	for (size_t i = 0; i < ix->nkeys; i++)
		free(ix->keys[i]);
	free(ix->keys);
	memset(ix, 0, sizeof(*ix));
}
