/*
 * index.c — see index.h. Names are hash-consed once (lower-case wire form
 * in an arena, ids in an open-addressing table); every lookup after loading
 * is a hash probe or a binary search over arrays sorted in index_finish(),
 * so nothing here is quadratic in records, names or PTRs per address.
 */
#include "index_build.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "dname.h"
#include "parallel.h"

enum name_flag {
	NAME_CUT = 1 << 0,           /* owns an NS of a zone whose origin it is not */
	NAME_HAS_BELOW = 1 << 1,     /* a forward-tree owner lies below it */
	NAME_ACTIVE = 1 << 2,        /* owns at least one active record */
	NAME_REVERSE_ALIAS = 1 << 3, /* target of a CNAME in a reverse tree (RFC 2317 child) */
	NAME_UNREADABLE = 1 << 4,    /* owns a record that did not load (index.h) */
	NAME_REVERSE_NS = 1 << 5,    /* named by an NS record of a reverse zone */
};

/* 16 bytes: there is one for every name of the set (the records a name
 * owns are found through owner_first, built by index_finish). */
struct name_entry {
	const uint8_t *wire;
	uint32_t zone_of;            /* index_zone_of()'s answer once asked: 0 = not yet,
				      * 1 = NO_ZONE, else zone + 2 */               /* the loaded zone whose origin this is, or NO_ZONE */
	uint8_t len;
	uint8_t flags;
};

/* Names' wire bytes live in chunks of their own, each name after its id:
 * a rule that hands back a pointer it got from index_wire() is answered
 * without hashing or probing (interned_id). */
struct name_chunk {
	uint8_t *base;
	size_t size;
};

/* A slot of the name table: the hash beside the id, so that a probe past
 * another name is decided in the slot array, without reading the name. */
struct name_slot {
	uint32_t hash;
	uint32_t id;             /* 0 = empty */
};

#define NAME_CHUNK_MIN (1u << 20)
#define NAME_CHUNK_MAX (16u << 20)


void index_init(struct index *ix)
{
	memset(ix, 0, sizeof(*ix));
	/* id 0 is "no name" */
	ARRAY_PUSH(ix->names, ix->nnames, ix->names_cap);
	memset(&ix->names[0], 0, sizeof(ix->names[0]));
}

void index_free(struct index *ix)
{
	free(ix->names);
	free(ix->name_slots);
	for (size_t i = 0; i < ix->nname_chunks; i++)
		free(ix->name_chunks[i].base);
	free(ix->name_chunks);
	free(ix->records);
	arena_free(&ix->rdata_arena);
	free(ix->zones);
	for (size_t i = 0; i < ix->nfiles; i++)
		free(ix->files[i]);
	free(ix->files);
	strmap_free(&ix->file_ids);
	for (size_t i = 0; i < ix->nproblems; i++)
		free(ix->problems[i].message);
	free(ix->problems);
	free(ix->suppressions);
	free(ix->unreadable);
	free(ix->by_owner);
	free(ix->owner_first);
	free(ix->host_addrs);
	free(ix->ptr_addrs);
	free(ix->ptr_slot_of);
	free(ix->classless_zones);
	free(ix->classless_cuts);
	free(ix->apex_slots);
	memset(ix, 0, sizeof(*ix));
}

/* ---- names ---- */

/* Hashes of a name and of each of its suffixes, in one pass: the hash is
 * built label by label from the root, so a suffix's hash is a step of its
 * name's. Each step takes up to 8 bytes of a label at once (one multiply
 * per word instead of one per byte: a 34-label ip6.arpa name is 36 steps),
 * and the upper half of the 64-bit state, where every input bit has been
 * mixed in, is the hash. starts[i] is where suffix i begins (0 = the whole
 * name), the last one is the root. Only the suffixes of at most depth
 * labels are hashed (hashes[i] for i >= *first). Returns the number of
 * suffixes. */
#define MAX_LABELS 128
#define HASH_SEED 0xcbf29ce484222325ull
#define HASH_MUL 0x100000001b3ull
static size_t suffix_hashes(const uint8_t *wire, const uint8_t *starts[MAX_LABELS + 1],
			    uint32_t hashes[MAX_LABELS + 1], size_t depth, size_t *first)
{
	size_t n = 0;
	const uint8_t *p = wire;
	while (p[0] && n < MAX_LABELS) {
		starts[n++] = p;
		p += 1 + p[0];
	}
	starts[n] = p;
	uint64_t h = HASH_SEED;
	hashes[n] = (uint32_t)(h >> 32);
	*first = n > depth ? n - depth : 0;
	for (size_t i = n; i-- > *first;) {
		const uint8_t *q = starts[i];
		size_t left = (size_t)q[0] + 1;
		while (left) {
			size_t take = left < 8 ? left : 8;
			uint64_t w = 0;
			for (size_t k = 0; k < take; k++)
				w = w << 8 | q[k];
			q += take;
			left -= take;
			h = (h ^ w) * HASH_MUL;
		}
		hashes[i] = (uint32_t)(h >> 32);
	}
	return n + 1;
}

/* The name table's hash: the whole wire name, 8 bytes a step (a 73-byte
 * ip6.arpa owner is 10 steps). Zone lookups use suffix_hashes() instead,
 * whose hashes are steps of each other. */
static uint32_t whole_hash(const uint8_t *wire, size_t len)
{
	const uint64_t mul = 0x9e3779b97f4a7c15ull;
	uint64_t h = HASH_SEED ^ len;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t x;
		memcpy(&x, wire + i, 8);
		h = (h ^ x) * mul;
		h ^= h >> 29;
	}
	uint64_t tail = 0;
	for (; i < len; i++)
		tail = tail << 8 | wire[i];
	h = (h ^ tail) * mul;
	h ^= h >> 32;
	h *= mul;
	return (uint32_t)(h >> 32);
}

uint32_t index_name_hash(const uint8_t *wire)
{
	return whole_hash(wire, dname_length(wire, NAME_WIRE_MAX));
}

/* Copy a name into the chunks, after its id. */
static const uint8_t *store_name(struct index *ix, const uint8_t *wire, size_t len, name_id id)
{
	size_t need = sizeof(id) + len;
	if ((size_t)(ix->name_fill_end - ix->name_fill) < need) {
		size_t size = ix->nname_chunks ? ix->name_chunks[0].size : 0;
		for (size_t i = 1; i < ix->nname_chunks; i++)
			if (ix->name_chunks[i].size > size)
				size = ix->name_chunks[i].size;
		size = size ? size * 2 : NAME_CHUNK_MIN;
		if (size > NAME_CHUNK_MAX)
			size = NAME_CHUNK_MAX;
		struct name_chunk c = {xmalloc_large(size), size};
		/* keep the chunks sorted by address for interned_id's search */
		grow_array((void **)&ix->name_chunks, &ix->name_chunks_cap, ix->nname_chunks + 1,
			   sizeof(*ix->name_chunks));
		size_t at = ix->nname_chunks;
		while (at > 0 && (uintptr_t)ix->name_chunks[at - 1].base > (uintptr_t)c.base) {
			ix->name_chunks[at] = ix->name_chunks[at - 1];
			at--;
		}
		ix->name_chunks[at] = c;
		ix->nname_chunks++;
		ix->name_fill = c.base;
		ix->name_fill_end = c.base + size;
	}
	uint8_t *p = ix->name_fill;
	memcpy(p, &id, sizeof(id));
	memcpy(p + sizeof(id), wire, len);
	ix->name_fill += need;
	return p + sizeof(id);
}

/* The id of the name whose stored wire starts at p, or 0 when p is not
 * such a pointer (a caller's buffer, a suffix inside a stored name). */
static name_id interned_id(const struct index *ix, const uint8_t *p)
{
	/* addresses as integers: p may lie in no chunk at all */
	uintptr_t at = (uintptr_t)p;
	size_t lo = 0, hi = ix->nname_chunks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct name_chunk *c = &ix->name_chunks[mid];
		uintptr_t base = (uintptr_t)c->base;
		if (at < base) {
			hi = mid;
		} else if (at >= base + c->size) {
			lo = mid + 1;
		} else {
			bool filling = at >= (uintptr_t)ix->name_fill && at < (uintptr_t)ix->name_fill_end;
			if (filling || at < base + sizeof(name_id))
				return 0;
			name_id id;
			memcpy(&id, p - sizeof(id), sizeof(id));
			return id && id < ix->nnames && ix->names[id].wire == p ? id : 0;
		}
	}
	return 0;
}

static void slots_insert(struct name_slot *slots, size_t cap, uint32_t hash, uint32_t id)
{
	size_t mask = cap - 1;
	size_t i = hash & mask;
	while (slots[i].id)
		i = (i + 1) & mask;
	slots[i].hash = hash;
	slots[i].id = id;
}

/* Doubling reads only the old slots: their hashes are there. */
static void slots_resize(struct index *ix, size_t cap)
{
	struct name_slot *slots = xcalloc(cap, sizeof(*slots));
	advise_huge_pages(slots, cap * sizeof(*slots));
	for (size_t i = 0; i < ix->name_slots_cap; i++)
		if (ix->name_slots[i].id)
			slots_insert(slots, cap, ix->name_slots[i].hash, ix->name_slots[i].id);
	free(ix->name_slots);
	ix->name_slots = slots;
	ix->name_slots_cap = cap;
}

static name_id lookup(const struct index *ix, const uint8_t *wire, size_t len,
		      uint32_t hash)
{
	if (!ix->name_slots_cap)
		return 0;
	size_t mask = ix->name_slots_cap - 1;
	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		const struct name_slot *slot = &ix->name_slots[i];
		if (!slot->id)
			return 0;
		if (slot->hash != hash)
			continue;
		const struct name_entry *e = &ix->names[slot->id];
		if (e->len == len && !memcmp(e->wire, wire, len))
			return slot->id;
	}
}

void index_prefetch(const struct index *ix, uint32_t hash)
{
	if (ix->name_slots_cap)
		__builtin_prefetch(&ix->name_slots[hash & (ix->name_slots_cap - 1)]);
}

/* The fast path answers for the stored name only when len is its length:
 * the name is wire[0..len), and a copy of the same bytes is asked the
 * slow way. */
name_id index_find(const struct index *ix, const uint8_t *wire, size_t len)
{
	name_id id = interned_id(ix, wire);
	if (id && ix->names[id].len == len)
		return id;
	return lookup(ix, wire, len, whole_hash(wire, len));
}

name_id index_intern(struct index *ix, const uint8_t *wire, size_t len)
{
	return index_intern_hashed(ix, wire, len, whole_hash(wire, len));
}

name_id index_intern_hashed(struct index *ix, const uint8_t *wire, size_t len, uint32_t hash)
{
	name_id id = lookup(ix, wire, len, hash);
	if (id)
		return id;
	if ((ix->nnames + 1) * 2 > ix->name_slots_cap)
		slots_resize(ix, ix->name_slots_cap ? ix->name_slots_cap * 2 : 1024);
	struct name_entry *e = ARRAY_PUSH(ix->names, ix->nnames, ix->names_cap);
	memset(e, 0, sizeof(*e));
	id = (name_id)(ix->nnames - 1);
	e->wire = store_name(ix, wire, len, id);
	e->len = (uint8_t)(len > 255 ? 255 : len);
	slots_insert(ix->name_slots, ix->name_slots_cap, hash, id);
	return id;
}

const uint8_t *index_wire(const struct index *ix, name_id name)
{
	return ix->names[name].wire;
}

void index_name_text(const struct index *ix, name_id name, char out[1024])
{
	if (!name) {
		out[0] = '\0';
		return;
	}
	dname_to_text(out, ix->names[name].wire);
}

static name_id find_wire(const struct index *ix, const uint8_t *wire)
{
	name_id id = interned_id(ix, wire);
	if (id)
		return id;
	size_t len = dname_length(wire, NAME_WIRE_MAX);
	return len ? index_find(ix, wire, len) : 0;
}

/* ---- building ---- */

void index_reserve(struct index *ix, size_t records)
{
	if (records > UINT32_MAX / 4)
		records = UINT32_MAX / 4;
	grow_array((void **)&ix->records, &ix->records_cap, records, sizeof(*ix->records));
	grow_array((void **)&ix->names, &ix->names_cap, records, sizeof(*ix->names));
	advise_huge_pages(ix->records, ix->records_cap * sizeof(*ix->records));
	advise_huge_pages(ix->names, ix->names_cap * sizeof(*ix->names));
	/* names run below records (owners repeat, targets are mostly owners
	 * too): a table of as many slots as records stays at most half full
	 * in the sets of issue 7, and doubles cheaply if not */
	size_t slots = 1024;
	while (slots < records)
		slots *= 2;
	if (slots > ix->name_slots_cap)
		slots_resize(ix, slots);
}

/* A range of at most bytes from p on, within [base, base + size). */
static void room_range(struct index_room *room, int k, const void *base, size_t size,
		       size_t offset, size_t bytes)
{
	room->start[k] = NULL;
	room->bytes[k] = 0;
	if (!base || offset >= size)
		return;
	room->start[k] = (char *)base + offset;
	room->bytes[k] = bytes < size - offset ? bytes : size - offset;
}

void index_room_ahead(struct index *ix, size_t records, struct index_room *room)
{
	room_range(room, 0, ix->records, ix->records_cap * sizeof(*ix->records),
		   ix->nrecords * sizeof(*ix->records), records * sizeof(*ix->records));
	room_range(room, 1, ix->names, ix->names_cap * sizeof(*ix->names),
		   ix->nnames * sizeof(*ix->names), records * sizeof(*ix->names));
	/* wire bytes of the names: some 32 a record */
	size_t fill = ix->name_fill_end > ix->name_fill ? (size_t)(ix->name_fill_end - ix->name_fill) : 0;
	room_range(room, 2, ix->name_fill, fill, 0, records * 32);
	room_range(room, 3, NULL, 0, 0, 0);
	if (ix->name_slots_cap != ix->name_slots_prefaulted) {
		room_range(room, 3, ix->name_slots, ix->name_slots_cap * sizeof(*ix->name_slots), 0,
			   ix->name_slots_cap * sizeof(*ix->name_slots));
		ix->name_slots_prefaulted = ix->name_slots_cap;
	}
}

void index_prefault(const struct index_room *room)
{
#ifdef MADV_POPULATE_WRITE
	const uintptr_t page = 4096;
	for (int k = 0; k < 4; k++) {
		uintptr_t start = ((uintptr_t)room->start[k] + page - 1) & ~(page - 1);
		uintptr_t end = ((uintptr_t)room->start[k] + room->bytes[k]) & ~(page - 1);
		/* an error (an old kernel, memory moved by a realloc meanwhile)
		 * only means the loader takes the faults itself */
		if (room->start[k] && end > start)
			madvise((void *)start, end - start, MADV_POPULATE_WRITE);
	}
#else
	(void)room;
#endif
}

uint32_t index_add_file(struct index *ix, const char *path)
{
	long known = strmap_get(&ix->file_ids, path);
	if (known >= 0)
		return (uint32_t)known;
	char **slot = ARRAY_PUSH(ix->files, ix->nfiles, ix->files_cap);
	*slot = xstrdup(path);
	strmap_put(&ix->file_ids, *slot, (uint32_t)(ix->nfiles - 1));
	return (uint32_t)(ix->nfiles - 1);
}

const char *origin_source_name(enum origin_source source)
{
	switch (source) {
	case ORIGIN_CONFIG:
		return "config";
	case ORIGIN_SOA:
		return "SOA";
	case ORIGIN_DOLLAR:
		return "$ORIGIN";
	case ORIGIN_FILE_NAME:
		return "file name";
	default:
		return "none";
	}
}

uint32_t index_add_zone(struct index *ix, name_id origin, uint32_t file)
{
	struct zone *z = ARRAY_PUSH(ix->zones, ix->nzones, ix->zones_cap);
	memset(z, 0, sizeof(*z));
	z->origin = origin;
	z->file = file;
	z->first_record = z->end_record = (uint32_t)ix->nrecords;
	z->soa = UINT32_MAX;
	z->loaded = true;
	z->tree = origin ? name_tree_of(ix->names[origin].wire) : TREE_FORWARD;
	return (uint32_t)(ix->nzones - 1);
}

struct record *index_add_record(struct index *ix)
{
	struct record *r = ARRAY_PUSH(ix->records, ix->nrecords, ix->records_cap);
	memset(r, 0, sizeof(*r));
	return r;
}

void index_add_problem(struct index *ix, uint32_t file, uint32_t line,
		       uint32_t zone, name_id owner, enum rule_id rule,
		       const char *fmt, ...)
{
	struct load_problem *p = ARRAY_PUSH(ix->problems, ix->nproblems, ix->problems_cap);
	p->file = file;
	p->line = line;
	p->zone = zone;
	p->owner = owner;
	p->rule = rule;
	p->severity = SEV_OFF;
	va_list ap;
	va_start(ap, fmt);
	p->message = xvasprintf(fmt, ap);
	va_end(ap);
}

void index_add_unreadable(struct index *ix, const uint8_t *wire, size_t len, uint32_t zone)
{
	struct unreadable_name *u = ARRAY_PUSH(ix->unreadable, ix->nunreadable, ix->unreadable_cap);
	u->name = index_intern(ix, wire, len);
	u->zone = zone;
}

void index_add_suppression(struct index *ix, uint32_t file, uint32_t line, rule_set rules)
{
	struct suppression *s = ARRAY_PUSH(ix->suppressions, ix->nsuppressions,
					   ix->suppressions_cap);
	s->file = file;
	s->line = line;
	s->rules = rules;
}

/* ---- finishing ---- */

static int compare_suppressions(const void *a, const void *b)
{
	const struct suppression *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* One entry per (file, line), sorted: every finding looks its line up,
 * and a file $INCLUDEd by many zones recorded its comments once per read. */
static void sort_suppressions(struct index *ix)
{
	if (!ix->nsuppressions)
		return;
	qsort(ix->suppressions, ix->nsuppressions, sizeof(*ix->suppressions),
	      compare_suppressions);
	size_t kept = 0;
	for (size_t i = 0; i < ix->nsuppressions; i++) {
		struct suppression *s = &ix->suppressions[i];
		if (kept && !compare_suppressions(&ix->suppressions[kept - 1], s))
			ix->suppressions[kept - 1].rules |= s->rules;
		else
			ix->suppressions[kept++] = *s;
	}
	ix->nsuppressions = kept;
}

static rule_set suppression_at(const struct index *ix, uint32_t file, uint32_t line)
{
	struct suppression key = {file, line, 0};
	const struct suppression *s = bsearch(&key, ix->suppressions, ix->nsuppressions,
					      sizeof(key), compare_suppressions);
	return s ? s->rules : 0;
}

rule_set index_suppressed_rules(const struct index *ix, uint32_t file, uint32_t line)
{
	if (!ix->nsuppressions)
		return 0;
	return suppression_at(ix, file, 0) | (line ? suppression_at(ix, file, line) : 0);
}

/* by_owner groups record ids by owner; owner_first[id] is where name id's
 * group starts, owner_first[id + 1] where it ends (a counting sort). */
static void build_by_owner(struct index *ix)
{
	size_t n = ix->nnames;
	uint32_t *first = xmalloc_large((n + 1) * sizeof(*first));
	memset(first, 0, (n + 1) * sizeof(*first));
	for (size_t r = 0; r < ix->nrecords; r++)
		first[ix->records[r].owner + 1]++;
	for (size_t i = 1; i <= n; i++)
		first[i] += first[i - 1];
	ix->by_owner = xmalloc_large((ix->nrecords ? ix->nrecords : 1) * sizeof(uint32_t));
	/* first[id] serves as the fill cursor, then moves back one name */
	for (size_t r = 0; r < ix->nrecords; r++)
		ix->by_owner[first[ix->records[r].owner]++] = (uint32_t)r;
	for (size_t i = n; i > 0; i--)
		first[i] = first[i - 1];
	first[0] = 0;
	ix->owner_first = first;
	ix->nowner_first = n + 1;
}

/* Names interned after build_by_owner() (ancestors) own no records. */
static size_t owned_count(const struct index *ix, name_id name, uint32_t *start)
{
	if ((size_t)name + 1 >= ix->nowner_first) {
		*start = 0;
		return 0;
	}
	*start = ix->owner_first[name];
	return ix->owner_first[name + 1] - ix->owner_first[name];
}

const uint32_t *index_records_at(const struct index *ix, name_id name, size_t *count)
{
	if (!name || !ix->finished) {
		*count = 0;
		return NULL;
	}
	uint32_t start;
	*count = owned_count(ix, name, &start);
	return ix->by_owner + start;
}

bool index_has_type(const struct index *ix, name_id name, uint16_t type)
{
	size_t n;
	const uint32_t *ids = index_records_at(ix, name, &n);
	for (size_t i = 0; i < n; i++) {
		const struct record *r = &ix->records[ids[i]];
		if (r->type == type && !(r->flags & REC_INACTIVE))
			return true;
	}
	return false;
}

/* The names zone lookups stop at — loaded apexes and zone cuts — in a
 * small table of their own, so walking a 34-label ip6.arpa name costs 35
 * probes into something that fits in cache. */
struct apex_slot {
	uint32_t hash;               /* the name's suffix hash */
	name_id id;                  /* 0 = empty */
	uint32_t zone;               /* the first loaded zone whose origin it is, or NO_ZONE */
};

/* Add a zone's origin (zone) or a cut (NO_ZONE); the first zone stays. */
static void apex_table_add(struct index *ix, name_id id, uint32_t zone)
{
	const uint8_t *wire = ix->names[id].wire;
	size_t labels = dname_label_count(wire);
	if (labels > ix->apex_depth)
		ix->apex_depth = labels;
	/* the hash zone lookups compute: the suffix hash */
	const uint8_t *starts[MAX_LABELS + 1];
	uint32_t hashes[MAX_LABELS + 1];
	size_t first;
	suffix_hashes(wire, starts, hashes, MAX_LABELS, &first);
	uint32_t hash = hashes[0];
	if ((ix->napex + 1) * 2 > ix->apex_cap) {
		size_t cap = ix->apex_cap ? ix->apex_cap * 2 : 64;
		struct apex_slot *slots = xcalloc(cap, sizeof(*slots));
		for (size_t i = 0; i < ix->apex_cap; i++) {
			if (!ix->apex_slots[i].id)
				continue;
			size_t j = ix->apex_slots[i].hash & (cap - 1);
			while (slots[j].id)
				j = (j + 1) & (cap - 1);
			slots[j] = ix->apex_slots[i];
		}
		free(ix->apex_slots);
		ix->apex_slots = slots;
		ix->apex_cap = cap;
	}
	size_t mask = ix->apex_cap - 1;
	size_t j = hash & mask;
	for (; ix->apex_slots[j].id; j = (j + 1) & mask)
		if (ix->apex_slots[j].id == id)
			return;
	ix->apex_slots[j] = (struct apex_slot){hash, id, zone};
	ix->napex++;
}

static const struct apex_slot *apex_lookup(const struct index *ix, const uint8_t *wire,
					   size_t len, uint32_t hash)
{
	if (!ix->apex_cap)
		return NULL;
	size_t mask = ix->apex_cap - 1;
	for (size_t j = hash & mask; ix->apex_slots[j].id; j = (j + 1) & mask) {
		if (ix->apex_slots[j].hash != hash)
			continue;
		const struct name_entry *e = &ix->names[ix->apex_slots[j].id];
		if (e->len == len && !memcmp(e->wire, wire, len))
			return &ix->apex_slots[j];
	}
	return NULL;
}

static uint32_t zone_of(const struct index *ix, const uint8_t *wire)
{
	const uint8_t *starts[MAX_LABELS + 1];
	uint32_t hashes[MAX_LABELS + 1];
	/* names deeper than every apex and cut: their deep suffixes are none */
	size_t first;
	size_t n = suffix_hashes(wire, starts, hashes, ix->apex_depth, &first);
	size_t total = (size_t)(starts[n - 1] - wire) + 1;
	for (size_t i = first; i < n; i++) {
		size_t len = total - (size_t)(starts[i] - wire);
		const struct apex_slot *a = apex_lookup(ix, starts[i], len, hashes[i]);
		if (!a)
			continue;
		if (a->zone != NO_ZONE)
			return a->zone;
		if (ix->names[a->id].flags & NAME_CUT)
			return NO_ZONE;
	}
	return NO_ZONE;
}

/* The rules ask this of the same interned names again and again (every PTR
 * target, in several rules): once the index is finished the answer is
 * kept in the name's entry. The store is idempotent, so readers on other
 * threads could only see 0 (and compute it too) or the same value. */
uint32_t index_zone_of(const struct index *ix, const uint8_t *wire)
{
	name_id self = ix->finished ? interned_id(ix, wire) : 0;
	if (!self)
		return zone_of(ix, wire);
	struct name_entry *e = (struct name_entry *)&ix->names[self];
	uint32_t known = __atomic_load_n(&e->zone_of, __ATOMIC_RELAXED);
	if (known)
		return known == 1 ? NO_ZONE : known - 2;
	uint32_t zone = zone_of(ix, wire);
	__atomic_store_n(&e->zone_of, zone == NO_ZONE ? 1 : zone + 2, __ATOMIC_RELAXED);
	return zone;
}

/* Is the record at or below a zone cut of its own zone? The NS (and DS)
 * records at the cut itself are the delegation, not glue. Cuts are in the
 * small apex table: the owner's suffixes are probed there, hashed in one
 * pass. */
static bool below_cut(const struct index *ix, const struct record *r)
{
	const uint8_t *origin = ix->names[ix->zones[r->zone].origin].wire;
	const uint8_t *owner = ix->names[r->owner].wire;
	const uint8_t *starts[MAX_LABELS + 1];
	uint32_t hashes[MAX_LABELS + 1];
	size_t first;
	size_t n = suffix_hashes(owner, starts, hashes, ix->apex_depth, &first);
	size_t total = (size_t)(starts[n - 1] - owner) + 1;
	/* suffixes deeper than every cut cannot be one (the origin is not) */
	for (size_t i = first; i + 1 < n && !dname_equal(starts[i], origin); i++) {
		const struct apex_slot *a =
			apex_lookup(ix, starts[i], total - (size_t)(starts[i] - owner), hashes[i]);
		if (!a || !(ix->names[a->id].flags & NAME_CUT))
			continue;
		if (i == 0 && (r->type == TYPE_NS || r->type == 43 /* DS */))
			continue;
		return true;
	}
	return false;
}

int record_data_compare(const struct record *a, const struct record *b)
{
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	/* names are interned: a record with a target keeps no wire rdata */
	if (a->target || b->target) {
		if (a->target != b->target)
			return a->target < b->target ? -1 : 1;
		if (a->preference != b->preference)
			return a->preference < b->preference ? -1 : 1;
		return 0;
	}
	if (a->rdlen != b->rdlen)
		return a->rdlen < b->rdlen ? -1 : 1;
	return a->rdlen ? memcmp(a->rdata, b->rdata, a->rdlen) : 0;
}

size_t record_rdata_length(const struct index *ix, const struct record *r)
{
	if (r->rdata || !r->target)
		return r->rdlen;
	size_t name = ix->names[r->target].len;
	return r->type == TYPE_MX ? name + 2 : name;
}

static const struct index *sort_ix;

static int compare_group_records(const void *pa, const void *pb)
{
	const struct record *a = &sort_ix->records[*(const uint32_t *)pa];
	const struct record *b = &sort_ix->records[*(const uint32_t *)pb];
	name_id za = sort_ix->zones[a->zone].origin, zb = sort_ix->zones[b->zone].origin;
	if (za != zb)
		return za < zb ? -1 : 1;
	int c = record_data_compare(a, b);
	if (c)
		return c;
	uint32_t ia = *(const uint32_t *)pa, ib = *(const uint32_t *)pb;
	return ia < ib ? -1 : ia > ib;
}

/* Later copies of identical records in the same zone become REC_DUPLICATE.
 * Sorting each owner's group keeps this O(n log n) even for a million
 * records under one owner. */
static void flag_duplicates(struct index *ix)
{
	uint32_t *scratch = NULL;
	size_t scratch_cap = 0;
	sort_ix = ix;
	for (size_t i = 1; i < ix->nnames; i++) {
		uint32_t start;
		size_t count = owned_count(ix, (name_id)i, &start);
		if (count < 2)
			continue;
		grow_array((void **)&scratch, &scratch_cap, count, sizeof(*scratch));
		memcpy(scratch, ix->by_owner + start, count * sizeof(*scratch));
		qsort(scratch, count, sizeof(*scratch), compare_group_records);
		for (size_t k = 1; k < count; k++) {
			struct record *prev = &ix->records[scratch[k - 1]];
			struct record *cur = &ix->records[scratch[k]];
			/* the closing SOA of a zone transfer is its end, not a copy;
			 * one written record read for two zones of one origin (a
			 * file that is a zone and is $INCLUDEd by another view of
			 * it) is not written twice */
			bool reread = prev->zone != cur->zone && prev->file == cur->file &&
				      prev->line == cur->line;
			if (ix->zones[prev->zone].origin == ix->zones[cur->zone].origin &&
			    !record_data_compare(prev, cur) && !(prev->flags & REC_OUT_OF_ZONE) &&
			    !(cur->flags & REC_TRANSFER_END) && !reread)
				cur->flags |= REC_DUPLICATE;
		}
	}
	free(scratch);
}

/* addr_compare(), then the record: the order of host_addrs and
 * ptr_addrs. Inline, a word at a time: it runs some 40 million times on
 * the sets of issue 7. */
static inline bool addr_ref_less(const struct addr_ref *a, const struct addr_ref *b)
{
	if (a->addr.family != b->addr.family)
		return a->addr.family < b->addr.family;
	for (size_t half = 0; half < 16; half += 8) {
		uint64_t x, y;
		memcpy(&x, a->addr.bytes + half, 8);
		memcpy(&y, b->addr.bytes + half, 8);
		if (x != y)
			return __builtin_bswap64(x) < __builtin_bswap64(y);
	}
	return a->record < b->record;
}

/* A merge sort of address references (records are unique, so the order is
 * total and any correct sort gives the same array). Runs that are already
 * in order, as generated zones' addresses mostly are, merge in one
 * comparison. */
/* Two sorted runs a and b merged into out (room for na + nb). */
static void merge_runs(const struct addr_ref *a, size_t na, const struct addr_ref *b, size_t nb,
		       struct addr_ref *out)
{
	size_t i = 0, j = 0, k = 0;
	while (i < na && j < nb)
		out[k++] = addr_ref_less(&b[j], &a[i]) ? b[j++] : a[i++];
	while (i < na)
		out[k++] = a[i++];
	while (j < nb)
		out[k++] = b[j++];
}

static void sort_addr_refs(struct addr_ref *refs, size_t n)
{
	enum { RUN = 16 };
	for (size_t lo = 0; lo < n; lo += RUN) {
		size_t hi = lo + RUN < n ? lo + RUN : n;
		for (size_t i = lo + 1; i < hi; i++) {
			struct addr_ref v = refs[i];
			size_t j = i;
			for (; j > lo && addr_ref_less(&v, &refs[j - 1]); j--)
				refs[j] = refs[j - 1];
			refs[j] = v;
		}
	}
	if (n <= RUN)
		return;
	struct addr_ref *tmp = xmalloc_large(n * sizeof(*tmp));
	struct addr_ref *from = refs, *to = tmp;
	for (size_t width = RUN; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			if (mid == hi || !addr_ref_less(&from[mid], &from[mid - 1])) {
				memcpy(to + lo, from + lo, (hi - lo) * sizeof(*to));
				continue;
			}
			merge_runs(from + lo, mid - lo, from + mid, hi - mid, to + lo);
		}
		struct addr_ref *t = from;
		from = to;
		to = t;
	}
	if (from != refs)
		memcpy(refs, from, n * sizeof(*refs));
	free(tmp);
}

static void mark_ancestors(struct index *ix, name_id owner, const uint8_t *origin)
{
	const uint8_t *wire = ix->names[owner].wire;
	if (dname_equal(wire, origin))
		return;
	for (const uint8_t *s = dname_parent(wire); s[0]; s = dname_parent(s)) {
		size_t len = dname_length(s, NAME_WIRE_MAX);
		name_id id = index_intern(ix, s, len);
		/* interning may move ix->names; re-read after */
		if (ix->names[id].flags & NAME_HAS_BELOW)
			return;
		ix->names[id].flags |= NAME_HAS_BELOW;
		if (dname_equal(s, origin))
			return;
	}
}

/* index_finish() walks the records several times; below this many it
 * stays on the calling thread. */
#define FINISH_MIN_RECORDS_FOR_THREAD 50000

/* The records are shared out in stripes of FINISH_STRIPE, every other
 * stripe to each half: a zone's records lie together, and what a pass
 * costs a record differs from zone to zone (forward or reverse, with
 * delegations or without), so halves cut in the middle would not be even. */
#define FINISH_STRIPE 16384
#define FOR_EACH_RECORD_OF_HALF(h, i)                                                      \
	for (size_t stripe_ = (size_t)(h)->part * FINISH_STRIPE; stripe_ < (h)->ix->nrecords; \
	     stripe_ += 2 * FINISH_STRIPE)                                                \
		for (size_t i = stripe_, end_ = stripe_ + FINISH_STRIPE < (h)->ix->nrecords \
							? stripe_ + FINISH_STRIPE          \
							: (h)->ix->nrecords;               \
		     i < end_; i++)

/* One half of the records, and what a pass over it collects. The passes
 * count in locals and store once: the two halves lie side by side, and
 * would otherwise share cache lines between the two threads. */
struct finish_half {
	struct index *ix;
	int part;                    /* 0 or 1: which stripes */
	uint32_t *cuts;              /* pass 1: non-apex NS records in zone, in order */
	size_t ncuts, cuts_cap;
	size_t nptrs, nhosts;        /* pass 1: PTR and A/AAAA records */
	struct addr_ref *ptrs;       /* pass 2: its share of ptr_addrs; pass 3: the active ones, sorted */
	size_t nptr_addrs;
	bool wildcard_ptrs;          /* pass 2: a PTR at a "*" owner in a reverse tree */
	struct addr_ref *hosts;      /* pass 3: its share of host_addrs, sorted */
	size_t nhost_addrs;
};

/* Run pass over both halves, the upper one on a second thread when the
 * index is large and -j allows it; the halves touch disjoint records and
 * what they share they only read. */
struct halves_pass {
	struct finish_half *half;
	void (*pass)(struct finish_half *);
};

static void run_half(void *ctx, size_t item)
{
	const struct halves_pass *hp = ctx;
	hp->pass(&hp->half[item]);
}

static void in_halves(struct index *ix, struct finish_half half[2],
		      void (*pass)(struct finish_half *))
{
	struct halves_pass hp = {half, pass};
	int threads = ix->nrecords >= FINISH_MIN_RECORDS_FOR_THREAD &&
				      threads_for_jobs(ix->threads) > 1
			      ? 2
			      : 1;
	parallel_for(2, threads, run_half, &hp);
}

/*
 * Record classification (SPEC §4: one mistake, one finding): what each
 * record is, one record at a time. The passes below only share the
 * records out and collect what these say.
 */

/* Flags REC_OUT_OF_ZONE; true for an NS in zone below its zone's apex: a
 * zone cut. */
static bool classify_zone(const struct index *ix, struct record *r)
{
	const struct zone *zone = &ix->zones[r->zone];
	if (!dname_is_at_or_below(ix->names[r->owner].wire, ix->names[zone->origin].wire)) {
		r->flags |= REC_OUT_OF_ZONE;
		return false;
	}
	return r->type == TYPE_NS && r->owner != zone->origin;
}

/* What classify_tree() found of a PTR that stays in its tree. */
struct ptr_owner {
	bool address;                /* its owner is an address's reverse name: *addr */
	bool wildcard;               /* its owner is a "*" name */
	struct ip_addr addr;
};

/* Flags glue, wrong tree and PTRs at owners that are no address (the zone
 * cuts are known); each PTR owner is parsed here once. */
static void classify_tree(const struct index *ix, struct record *r, struct ptr_owner *ptr)
{
	const struct zone *zone = &ix->zones[r->zone];
	/* a cut is only ever an NS of the same zone: most zones have none */
	if (zone->ncuts && below_cut(ix, r)) {
		r->flags |= REC_GLUE;
		return;
	}
	/* (an owner at or below a reverse zone's origin is in its tree) */
	enum name_tree tree = zone->tree != TREE_FORWARD ? zone->tree
							 : name_tree_of(ix->names[r->owner].wire);
	/* SPEC §6: the address of a name server the reverse zone's own NS
	 * records name ("@ NS ns1" in 2.0.192.in-addr.arpa.) is needed where
	 * it stands: removing it would break the zone */
	bool ns_address = (r->type == TYPE_A || r->type == TYPE_AAAA) &&
			  (ix->names[r->owner].flags & NAME_REVERSE_NS);
	if (r->type == TYPE_PTR && tree == TREE_FORWARD) {
		r->flags |= REC_WRONG_TREE;
	} else if ((r->type == TYPE_A || r->type == TYPE_AAAA || r->type == TYPE_MX) &&
		   (tree != TREE_FORWARD || zone->tree != TREE_FORWARD) && !ns_address) {
		r->flags |= REC_WRONG_TREE;
	} else if (r->type == TYPE_PTR) {
		const char *why;
		const uint8_t *owner = ix->names[r->owner].wire;
		/* a wildcard PTR is legal (RFC 4592); an RFC 2317 child may
		 * use any label a parent CNAME points at */
		ptr->wildcard = owner[0] == 1 && owner[1] == '*';
		memset(&ptr->addr, 0, sizeof(ptr->addr));
		ptr->address = reverse_to_addr(owner, &ptr->addr, &why) == REVERSE_ADDRESS;
		if (!ptr->address && !ptr->wildcard &&
		    !(ix->names[r->owner].flags & NAME_REVERSE_ALIAS))
			r->flags |= REC_BAD_REVERSE_OWNER;
	}
}

/* An active A/AAAA record with an address's worth of rdata, as a
 * reference for host_addrs; false for any other record. */
static bool host_address_ref(const struct record *r, uint32_t id, struct addr_ref *ref)
{
	if (r->flags & REC_INACTIVE)
		return false;
	if (!((r->type == TYPE_A && r->rdlen == 4) || (r->type == TYPE_AAAA && r->rdlen == 16)))
		return false;
	memset(ref, 0, sizeof(*ref));
	ref->record = id;
	ref->addr.family = r->type == TYPE_A ? 4 : 6;
	memcpy(ref->addr.bytes, r->rdata, r->rdlen);
	return true;
}

/*
 * The passes of index_finish() over one half's stripes each.
 */

/* Pass 1: out of zone; the zone cuts and the PTR and A/AAAA counts. */
static void finish_pass_zone(struct finish_half *h)
{
	struct index *ix = h->ix;
	size_t nptrs = 0, nhosts = 0;
	FOR_EACH_RECORD_OF_HALF(h, i) {
		struct record *r = &ix->records[i];
		nptrs += r->type == TYPE_PTR;
		nhosts += r->type == TYPE_A || r->type == TYPE_AAAA;
		if (classify_zone(ix, r))
			*ARRAY_PUSH(h->cuts, h->ncuts, h->cuts_cap) = (uint32_t)i;
	}
	h->nptrs = nptrs;
	h->nhosts = nhosts;
}

/* Pass 2: glue, wrong tree, PTR owners; the PTRs at addresses become
 * candidates for ptr_addrs. */
static void finish_pass_flags(struct finish_half *h)
{
	const struct index *ix = h->ix;
	struct addr_ref *ptrs = h->ptrs;
	size_t nptrs = 0;
	bool wildcard_ptrs = false;
	FOR_EACH_RECORD_OF_HALF(h, i) {
		struct record *r = &ix->records[i];
		if (r->flags & REC_OUT_OF_ZONE)
			continue;
		struct ptr_owner ptr = {false, false, {0}};
		classify_tree(ix, r, &ptr);
		if (ptr.address)
			ptrs[nptrs++] = (struct addr_ref){ptr.addr, (uint32_t)i};
		wildcard_ptrs |= ptr.wildcard;
	}
	h->nptr_addrs = nptrs;
	h->wildcard_ptrs = wildcard_ptrs;
}

/* Pass 3: the half's PTR candidates still active, and its active A/AAAA,
 * each sorted. */
static void finish_pass_addresses(struct finish_half *h)
{
	const struct index *ix = h->ix;
	size_t nptrs = 0;
	for (size_t k = 0; k < h->nptr_addrs; k++)
		if (!(ix->records[h->ptrs[k].record].flags & REC_INACTIVE))
			h->ptrs[nptrs++] = h->ptrs[k];
	h->nptr_addrs = nptrs;
	sort_addr_refs(h->ptrs, nptrs);

	size_t n = 0;
	FOR_EACH_RECORD_OF_HALF(h, i)
		n += host_address_ref(&ix->records[i], (uint32_t)i, &h->hosts[n]);
	h->nhost_addrs = n;
	sort_addr_refs(h->hosts, n);
}

/* Two sorted arrays of address references merged into a new one. */
static struct addr_ref *merge_refs(const struct addr_ref *a, size_t na,
				   const struct addr_ref *b, size_t nb)
{
	struct addr_ref *out = xmalloc_large((na + nb ? na + nb : 1) * sizeof(*out));
	merge_runs(a, na, b, nb, out);
	return out;
}

/* Zones with a record or directive that failed to load: a zone-syntax
 * error of theirs (not an info such as a skipped file). */
static void mark_load_errors(struct index *ix)
{
	for (size_t i = 0; i < ix->nproblems; i++) {
		const struct load_problem *p = &ix->problems[i];
		if (p->zone != NO_ZONE && p->zone < ix->nzones && p->rule == RULE_zone_syntax &&
		    p->severity != SEV_INFO)
			ix->zones[p->zone].load_errors = true;
	}
}

/* Classless zones by the first address they cover, then zone order:
 * index_classless_zone_of() searches them. */
static int compare_classless_zones(const void *pa, const void *pb)
{
	const struct classless_zone *a = pa, *b = pb;
	int c = addr_compare(&a->low, &b->low);
	return c ? c : (a->zone > b->zone) - (a->zone < b->zone);
}

static int compare_classless_cuts(const void *pa, const void *pb)
{
	const struct classless_cut *a = pa, *b = pb;
	int c = addr_compare(&a->low, &b->low);
	if (c)
		return c;
	return (a->record > b->record) - (a->record < b->record);
}

/* NS records at RFC 2317 names below a reverse zone's apex ("64/26 NS
 * ..."): delegations of a block, whose addresses the parent must CNAME
 * into the child (RFC 2317 §4). One entry per delegated name and zone. */
static void collect_classless_cuts(struct index *ix)
{
	size_t cap = 0;
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		const struct zone *zone = &ix->zones[r->zone];
		if (r->type != TYPE_NS || !zone->ncuts || zone->tree != TREE_V4 ||
		    r->owner == zone->origin || (r->flags & REC_OUT_OF_ZONE))
			continue;
		const uint8_t *owner = ix->names[r->owner].wire;
		struct classless_cut cut = {.cut = r->owner, .zone = r->zone, .record = (uint32_t)i};
		if (!classless_label(owner, NULL, NULL) ||
		    !reverse_zone_range(owner, &cut.low, &cut.high))
			continue;
		if (ix->nclassless_cuts && ix->classless_cuts[ix->nclassless_cuts - 1].cut == r->owner &&
		    ix->classless_cuts[ix->nclassless_cuts - 1].zone == r->zone)
			continue;   /* the next NS of the same delegation */
		*ARRAY_PUSH(ix->classless_cuts, ix->nclassless_cuts, cap) = cut;
	}
	if (ix->nclassless_cuts > 1)
		qsort(ix->classless_cuts, ix->nclassless_cuts, sizeof(*ix->classless_cuts),
		      compare_classless_cuts);
}

void index_finish(struct index *ix)
{
	sort_suppressions(ix);
	mark_load_errors(ix);
	/* zone apexes: the first loaded zone with an origin wins */
	for (size_t z = 0; z < ix->nzones; z++) {
		struct zone *zone = &ix->zones[z];
		if (!zone->loaded || !zone->origin)
			continue;
		apex_table_add(ix, zone->origin, (uint32_t)z);
		if (zone->tree != TREE_FORWARD)
			zone->has_range = reverse_zone_range(ix->names[zone->origin].wire,
							     &zone->range_low, &zone->range_high);
		/* an RFC 2317 zone ("0/26.2.0.192.in-addr.arpa."): its origin is
		 * no ancestor of the reverse names of the addresses it holds */
		const uint8_t *o = ix->names[zone->origin].wire;
		if (zone->has_range && zone->tree == TREE_V4 && classless_label(o, NULL, NULL))
			*ARRAY_PUSH(ix->classless_zones, ix->nclassless_zones,
				    ix->classless_zones_cap) =
				(struct classless_zone){zone->range_low, zone->range_high, (uint32_t)z};
	}

	if (ix->nclassless_zones > 1)
		qsort(ix->classless_zones, ix->nclassless_zones, sizeof(*ix->classless_zones),
		      compare_classless_zones);

	/* out of zone, and zone cuts (added in record order, as found) */
	struct finish_half half[2];
	memset(half, 0, sizeof(half));
	for (int h = 0; h < 2; h++) {
		half[h].ix = ix;
		half[h].part = h;
	}
	in_halves(ix, half, finish_pass_zone);
	/* the two halves' cuts, back in record order */
	for (size_t a = 0, b = 0; a < half[0].ncuts || b < half[1].ncuts;) {
		bool from_a = b == half[1].ncuts ||
			      (a < half[0].ncuts && half[0].cuts[a] < half[1].cuts[b]);
		const struct record *r = &ix->records[from_a ? half[0].cuts[a++] : half[1].cuts[b++]];
		ix->names[r->owner].flags |= NAME_CUT;
		ix->zones[r->zone].ncuts++;
		apex_table_add(ix, r->owner, NO_ZONE);
	}
	for (int h = 0; h < 2; h++)
		free(half[h].cuts);

	/* RFC 2317 children: names that reverse-tree CNAMEs point at; and
	 * the name servers that reverse zones' NS records name */
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if ((r->type != TYPE_CNAME && r->type != TYPE_NS) || !r->target ||
		    (r->flags & REC_OUT_OF_ZONE) || ix->zones[r->zone].tree == TREE_FORWARD)
			continue;
		ix->names[r->target].flags |= r->type == TYPE_CNAME ? NAME_REVERSE_ALIAS
								    : NAME_REVERSE_NS;
	}
	collect_classless_cuts(ix);

	/* each half fills its own stretch of the PTR candidates */
	size_t nptr_candidates = half[0].nptrs + half[1].nptrs;
	struct addr_ref *ptr_candidates = xmalloc_large((nptr_candidates ? nptr_candidates : 1) *
							sizeof(struct addr_ref));
	half[0].ptrs = ptr_candidates;
	half[1].ptrs = ptr_candidates + half[0].nptrs;
	in_halves(ix, half, finish_pass_flags);
	ix->wildcard_ptrs = half[0].wildcard_ptrs || half[1].wildcard_ptrs;

	build_by_owner(ix);
	flag_duplicates(ix);

	/* names that exist: owners of active records and, in the forward
	 * tree, their ancestors up to the zone apex (empty non-terminals) */
	for (size_t i = 0; i < ix->nrecords; i++) {
		const struct record *r = &ix->records[i];
		if (r->flags & REC_INACTIVE)
			continue;
		ix->names[r->owner].flags |= NAME_ACTIVE;
		if (ix->zones[r->zone].tree == TREE_FORWARD)
			mark_ancestors(ix, r->owner, ix->names[ix->zones[r->zone].origin].wire);
	}
	/* owners of records that did not load exist, their content unknown;
	 * only in a loaded zone, at or below its origin (elsewhere the record
	 * would have been out of zone and fed nothing) */
	for (size_t i = 0; i < ix->nunreadable; i++) {
		const struct unreadable_name *u = &ix->unreadable[i];
		const struct zone *z = &ix->zones[u->zone];
		if (!z->loaded || !z->origin)
			continue;
		const uint8_t *origin = ix->names[z->origin].wire;
		if (!dname_is_at_or_below(ix->names[u->name].wire, origin))
			continue;
		ix->names[u->name].flags |= NAME_UNREADABLE;
		if (z->tree == TREE_FORWARD)
			mark_ancestors(ix, u->name, origin);
	}
	/* names interned by mark_ancestors own no records: first and count stay 0 */

	/* address indexes: the PTR candidates still active, and A/AAAA (each
	 * half sorts its own, then one merge each) */
	for (int h = 0; h < 2; h++)
		half[h].hosts = xmalloc_large((half[h].nhosts ? half[h].nhosts : 1) *
					      sizeof(struct addr_ref));
	in_halves(ix, half, finish_pass_addresses);
	/* (each freed before the next merge: these arrays set the peak) */
	ix->nhost_addrs = half[0].nhost_addrs + half[1].nhost_addrs;
	ix->host_addrs = merge_refs(half[0].hosts, half[0].nhost_addrs,
				    half[1].hosts, half[1].nhost_addrs);
	for (int h = 0; h < 2; h++)
		free(half[h].hosts);
	ix->nptr_addrs = half[0].nptr_addrs + half[1].nptr_addrs;
	ix->ptr_addrs = merge_refs(half[0].ptrs, half[0].nptr_addrs,
				   half[1].ptrs, half[1].nptr_addrs);
	free(ptr_candidates);
	/* record -> its entry in ptr_addrs, for index_ptr_addr() */
	ix->ptr_slot_of = xmalloc_large((ix->nrecords ? ix->nrecords : 1) * sizeof(uint32_t));
	memset(ix->ptr_slot_of, 0xff, ix->nrecords * sizeof(uint32_t));
	for (size_t k = 0; k < ix->nptr_addrs; k++)
		ix->ptr_slot_of[ix->ptr_addrs[k].record] = (uint32_t)k;
	ix->finished = true;
}

/* Both lists below are sorted by their ranges' first address: the ranges
 * that may hold addr stand before the first that starts above it, and as
 * classless ranges never leave their /24, the walk back stops at its start. */
static bool same_v4_block(const struct ip_addr *a, const struct ip_addr *b)
{
	return a->family == 4 && b->family == 4 && !memcmp(a->bytes, b->bytes, 3);
}

/* How many of n ranges sorted by their low address (elements of size
 * bytes whose first member is that address) start at or before addr. */
static size_t ranges_starting_by(const void *ranges, size_t n, size_t size,
				 const struct ip_addr *addr)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct ip_addr *low = (const void *)((const char *)ranges + mid * size);
		if (addr_compare(low, addr) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
_Static_assert(offsetof(struct classless_zone, low) == 0, "ranges_starting_by reads low first");
_Static_assert(offsetof(struct classless_cut, low) == 0, "ranges_starting_by reads low first");

uint32_t index_classless_zone_of(const struct index *ix, const struct ip_addr *addr)
{
	size_t lo = ranges_starting_by(ix->classless_zones, ix->nclassless_zones,
				       sizeof(*ix->classless_zones), addr);
	uint32_t best = NO_ZONE;
	for (size_t k = lo; k-- > 0;) {
		const struct classless_zone *z = &ix->classless_zones[k];
		if (!same_v4_block(&z->low, addr))
			break;
		if (range_contains(&z->low, &z->high, addr) && z->zone < best)
			best = z->zone;
	}
	return best;
}

const struct classless_cut *index_classless_cut(const struct index *ix, uint32_t zone,
						const struct ip_addr *addr)
{
	size_t lo = ranges_starting_by(ix->classless_cuts, ix->nclassless_cuts,
				       sizeof(*ix->classless_cuts), addr);
	const struct classless_cut *best = NULL;
	for (size_t k = lo; k-- > 0;) {
		const struct classless_cut *cut = &ix->classless_cuts[k];
		if (!same_v4_block(&cut->low, addr))
			break;
		if (cut->zone == zone && range_contains(&cut->low, &cut->high, addr) &&
		    (!best || cut->record < best->record))
			best = cut;
	}
	return best;
}

static const struct addr_ref *addr_range(const struct addr_ref *refs, size_t n,
					 const struct ip_addr *addr, size_t *count)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (addr_compare(&refs[mid].addr, addr) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < n && !addr_compare(&refs[end].addr, addr))
		end++;
	*count = end - lo;
	return refs + lo;
}

bool index_ptr_addr(const struct index *ix, uint32_t record, struct ip_addr *addr)
{
	uint32_t k = ix->finished && record < ix->nrecords ? ix->ptr_slot_of[record] : UINT32_MAX;
	if (k == UINT32_MAX)
		return false;
	*addr = ix->ptr_addrs[k].addr;
	return true;
}

const struct addr_ref *index_hosts_of(const struct index *ix,
				      const struct ip_addr *addr, size_t *count)
{
	return addr_range(ix->host_addrs, ix->nhost_addrs, addr, count);
}

const struct addr_ref *index_ptrs_of(const struct index *ix,
				     const struct ip_addr *addr, size_t *count)
{
	return addr_range(ix->ptr_addrs, ix->nptr_addrs, addr, count);
}

static bool name_is_active_or_ent(const struct index *ix, name_id id)
{
	return id && (ix->names[id].flags & (NAME_ACTIVE | NAME_HAS_BELOW | NAME_UNREADABLE));
}

bool index_name_unreadable(const struct index *ix, name_id name)
{
	return name && name < ix->nnames && (ix->names[name].flags & NAME_UNREADABLE);
}

name_id index_wildcard_match(const struct index *ix, const uint8_t *wire)
{
	uint32_t zone = index_zone_of(ix, wire);
	if (zone == NO_ZONE || !wire[0])
		return 0;
	const uint8_t *origin = ix->names[ix->zones[zone].origin].wire;
	/* RFC 4592: only the wildcard child of the closest encloser matches
	 * (empty non-terminals are known in the forward tree only) */
	for (const uint8_t *s = dname_parent(wire);; s = dname_parent(s)) {
		name_id sid = find_wire(ix, s);
		if (name_is_active_or_ent(ix, sid) || dname_equal(s, origin)) {
			uint8_t buf[NAME_WIRE_MAX + 2];
			size_t len = dname_length(s, NAME_WIRE_MAX);
			if (len + 2 > NAME_WIRE_MAX)
				return 0;
			buf[0] = 1;
			buf[1] = '*';
			memcpy(buf + 2, s, len);
			name_id wild = index_find(ix, buf, len + 2);
			return wild && (ix->names[wild].flags & NAME_ACTIVE) ? wild : 0;
		}
		if (!s[0])
			return 0;
	}
}

bool index_name_is_node(const struct index *ix, name_id name)
{
	return name_is_active_or_ent(ix, name);
}

bool index_name_exists(const struct index *ix, const uint8_t *wire)
{
	name_id id = find_wire(ix, wire);
	if (name_is_active_or_ent(ix, id))
		return true;
	return index_wildcard_match(ix, wire) != 0;
}

name_id index_dname_above(const struct index *ix, const uint8_t *wire)
{
	uint32_t zone = index_zone_of(ix, wire);
	if (zone == NO_ZONE || !wire[0])
		return 0;
	const uint8_t *origin = ix->names[ix->zones[zone].origin].wire;
	for (const uint8_t *s = dname_parent(wire); dname_is_at_or_below(s, origin);
	     s = dname_parent(s)) {
		name_id id = find_wire(ix, s);
		if (id && index_has_type(ix, id, TYPE_DNAME))
			return id;
		if (!s[0])
			break;
	}
	return 0;
}

enum host_lookup index_host_addresses(const struct index *ix, name_id name,
				      uint32_t **out, size_t *count, size_t *cap,
				      bool *via_cname)
{
	*via_cname = false;
	name_id cur = name;
	bool unreadable = false;
	for (int links = 0;; links++) {
		if (index_zone_of(ix, ix->names[cur].wire) == NO_ZONE)
			return HOST_OUT_OF_SCOPE;
		unreadable |= index_name_unreadable(ix, cur);
		size_t n;
		const uint32_t *ids = index_records_at(ix, cur, &n);
		if (!name_is_active_or_ent(ix, cur)) {
			/* synthesised from a wildcard (RFC 4592) */
			name_id wild = index_wildcard_match(ix, ix->names[cur].wire);
			if (wild)
				ids = index_records_at(ix, wild, &n);
		}
		name_id next = 0;
		for (size_t i = 0; i < n; i++) {
			const struct record *r = &ix->records[ids[i]];
			if (r->flags & REC_INACTIVE)
				continue;
			if (r->type == TYPE_A || r->type == TYPE_AAAA)
				*ARRAY_PUSH(*out, *count, *cap) = ids[i];
			else if (r->type == TYPE_CNAME && !next)
				next = r->target;
		}
		if (!next)
			return unreadable ? HOST_UNREADABLE : HOST_OK;
		if (links == CNAME_MAX_LINKS)
			return HOST_CHAIN_TOO_LONG;
		*via_cname = true;
		cur = next;
	}
}
