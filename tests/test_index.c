/*
 * test_index.c — tests for linter/index.c's lookups: one answer for one
 * name, however the caller holds it. A pointer from index_wire() takes a
 * fast path (no hashing, and index_zone_of() keeps its answer in the
 * name's entry); a copy of the same bytes in the caller's buffer, or a
 * suffix inside a stored name, takes the slow one. Every lookup that takes
 * a wire name is asked both ways, the fast way twice (cold, then cached),
 * for every name of an index with cuts, a wildcard, a DNAME, empty
 * non-terminals, an unreadable name and two reverse zones.
 */
#include "helpers.h"

#include <stdlib.h>

#include "dname.h"

static const struct mem_zone zones[] = {
	{"db.example.com",
	 "$ORIGIN example.com.\n"
	 "@ 3600 IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n"
	 "@ NS ns1\n"
	 "ns1 A 192.0.2.1\n"
	 "www A 192.0.2.2\n"
	 "a.b.c A 192.0.2.3\n"               /* b.c and c: empty non-terminals */
	 "*.wild A 192.0.2.4\n"
	 "sub NS ns.sub\n"                   /* a cut, with glue below it */
	 "ns.sub A 192.0.2.5\n"
	 "old DNAME example.net.\n"
	 "alias CNAME www\n"
	 "bad A 192.0.2.400\n",              /* unreadable */
	 "example.com."},
	{"db.example.net",
	 "$ORIGIN example.net.\n"
	 "@ 3600 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300\n"
	 "@ NS ns1.example.com.\n"
	 "host A 198.51.100.7\n",
	 "example.net."},
	{"db.192.0.2",
	 "$ORIGIN 2.0.192.in-addr.arpa.\n"
	 "@ 3600 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300\n"
	 "@ NS ns1.example.com.\n"
	 "1 PTR ns1.example.com.\n"
	 "2 PTR www.example.com.\n"
	 "64/26 NS ns1.example.com.\n",
	 "2.0.192.in-addr.arpa."},
	{"db.2001.db8",
	 "$ORIGIN 8.b.d.0.1.0.0.2.ip6.arpa.\n"
	 "@ 3600 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300\n"
	 "@ NS ns1.example.com.\n"
	 "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 PTR www.example.com.\n",
	 "8.b.d.0.1.0.0.2.ip6.arpa."},
};

/* Every wire lookup of one name, as one comparable value. */
struct answers {
	uint32_t zone_of;
	name_id wildcard;
	bool exists;
	name_id dname_above;
	name_id found;
};

static struct answers ask(const struct index *ix, const uint8_t *wire)
{
	struct answers a;
	memset(&a, 0, sizeof(a));
	a.zone_of = index_zone_of(ix, wire);
	a.wildcard = index_wildcard_match(ix, wire);
	a.exists = index_name_exists(ix, wire);
	a.dname_above = index_dname_above(ix, wire);
	a.found = index_find(ix, wire, dname_length(wire, NAME_WIRE_MAX));
	return a;
}

static void assert_same(const struct answers *a, const struct answers *b, const uint8_t *wire)
{
	char text[NAME_TEXT_MAX];
	dname_to_text(text, wire);
	if (memcmp(a, b, sizeof(*a)))
		fail_msg("%s: zone %u/%u wildcard %u/%u exists %d/%d dname %u/%u find %u/%u",
			 text, a->zone_of, b->zone_of, a->wildcard, b->wildcard, a->exists,
			 b->exists, a->dname_above, b->dname_above, a->found, b->found);
}

/* Each name and each of its proper suffixes (which lie inside the stored
 * name: not themselves index_wire() pointers). */
static void check_name(const struct index *ix, const uint8_t *stored)
{
	for (const uint8_t *s = stored;; s = dname_parent(s)) {
		uint8_t copy[NAME_WIRE_MAX + 1];
		memcpy(copy, s, dname_length(s, NAME_WIRE_MAX));
		struct answers from_copy = ask(ix, copy);
		struct answers cold = ask(ix, s);
		struct answers cached = ask(ix, s);
		assert_same(&from_copy, &cold, s);
		assert_same(&from_copy, &cached, s);
		if (!s[0])
			break;
	}
}

/* index_find() asks for wire[0..len): a length that is not the stored
 * name's finds what the same bytes in a buffer find. */
static void check_find_length(const struct index *ix, const uint8_t *stored)
{
	size_t len = dname_length(stored, NAME_WIRE_MAX);
	uint8_t copy[NAME_WIRE_MAX + 1];
	memcpy(copy, stored, len);
	for (size_t shorter = 1; shorter < len; shorter++)
		assert_int_equal(index_find(ix, stored, shorter), index_find(ix, copy, shorter));
}

static void check_every_name(const struct index *ix)
{
	for (name_id id = 1; id < ix->nnames; id++) {
		check_name(ix, index_wire(ix, id));
		check_find_length(ix, index_wire(ix, id));
	}
}

static void test_one_answer_per_name(void **state)
{
	(void)state;
	struct fixture f;
	fixture_load(&f, zones, ARRAY_LEN(zones));
	assert_true(f.ix.finished);
	/* the fixture has what the lookups distinguish */
	uint8_t wire[NAME_WIRE_MAX + 1];
	dname_from_text(wire, "x.wild.example.com.", NULL);
	assert_int_not_equal(index_wildcard_match(&f.ix, wire), 0);
	dname_from_text(wire, "y.old.example.com.", NULL);
	assert_int_not_equal(index_dname_above(&f.ix, wire), 0);
	dname_from_text(wire, "ns.sub.example.com.", NULL);
	assert_int_equal(index_zone_of(&f.ix, wire), NO_ZONE);
	dname_from_text(wire, "b.c.example.com.", NULL);
	assert_true(index_name_exists(&f.ix, wire));
	check_every_name(&f.ix);
	fixture_free(&f);
}

/* A name interned after index_finish() (the mail analysis does so with
 * the config's host names) is answered like the same name asked before. */
static void test_interned_after_finish(void **state)
{
	(void)state;
	static const char *const names[] = {
		"new.wild.example.com.", "z.old.example.com.", "deep.ns.sub.example.com.",
		"nowhere.example.org.", "3.2.0.192.in-addr.arpa.", "x.b.c.example.com.",
	};
	struct fixture f;
	fixture_load(&f, zones, ARRAY_LEN(zones));
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		uint8_t wire[NAME_WIRE_MAX + 1];
		size_t len = dname_from_text(wire, names[i], NULL);
		assert_int_not_equal(len, 0);
		assert_int_equal(index_find(&f.ix, wire, len), 0);
		struct answers before = ask(&f.ix, wire);
		name_id id = index_intern(&f.ix, wire, len);
		struct answers after = ask(&f.ix, index_wire(&f.ix, id));
		before.found = id;   /* the one answer interning changes */
		assert_same(&before, &after, wire);
		size_t n;
		index_records_at(&f.ix, id, &n);
		assert_int_equal(n, 0);
		assert_false(index_name_is_node(&f.ix, id));
		assert_false(index_name_unreadable(&f.ix, id));
	}
	check_every_name(&f.ix);
	fixture_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_answer_per_name),
		cmocka_unit_test(test_interned_after_finish),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
