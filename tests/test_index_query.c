/*
 * test_index_query.c — the one-place readers of index_query.h: a name's
 * CNAME (only active records count), where a chain ends and how many links
 * it follows (a loop stops at the limit), a type's name, a record's address.
 */
#include "helpers.h"

#include "dname.h"
#include "index_query.h"
#include "iprev.h"

static const char forward[] =
	"$ORIGIN example.com.\n"
	"@ SOA ns hm 1 2 3 4 5\n"
	"@ NS ns\n"
	"ns A 192.0.2.53\n"
	"mail AAAA 2001:db8::25\n"
	"alias CNAME mail\n"
	"c1 CNAME c2\nc2 CNAME c3\nc3 CNAME mail\n"
	"loop-a CNAME loop-b\nloop-b CNAME loop-a\n"
	"stray CNAME mail.example.org.\n"
	"stray.example.org. CNAME ignored.example.com.\n";   /* out of zone: inactive */

static name_id id_of(const struct fixture *f, const char *text)
{
	uint8_t wire[256];
	size_t len = dname_from_text(wire, text, NULL);
	name_id id = index_find(&f->ix, wire, len);
	if (!id)
		fail_msg("%s is not in the index", text);
	return id;
}

static void load(struct fixture *f)
{
	static const struct mem_zone zones[] = {{"db.example.com", forward, "example.com."}};
	fixture_load(f, zones, ARRAY_LEN(zones));
}

static void test_cname_target_of(void **state)
{
	(void)state;
	struct fixture f;
	load(&f);
	assert_int_equal(cname_target_of(&f.ix, id_of(&f, "alias.example.com.")),
			 id_of(&f, "mail.example.com."));
	assert_int_equal(cname_target_of(&f.ix, id_of(&f, "mail.example.com.")), 0);
	/* the out-of-zone CNAME is inactive: no link */
	assert_int_equal(cname_target_of(&f.ix, id_of(&f, "stray.example.org.")), 0);
	fixture_free(&f);
}

static void test_cname_chain_end(void **state)
{
	(void)state;
	struct fixture f;
	load(&f);
	name_id mail = id_of(&f, "mail.example.com."), c1 = id_of(&f, "c1.example.com.");
	name_id a = id_of(&f, "loop-a.example.com."), b = id_of(&f, "loop-b.example.com.");
	assert_int_equal(cname_chain_end(&f.ix, c1, CNAME_MAX_LINKS), mail);
	assert_int_equal(cname_chain_end(&f.ix, mail, CNAME_MAX_LINKS), mail);
	/* at most max_links links: c1 -> c2 -> c3 */
	assert_int_equal(cname_chain_end(&f.ix, c1, 2), id_of(&f, "c3.example.com."));
	assert_int_equal(cname_chain_end(&f.ix, c1, 0), c1);
	/* a loop ends where the limit stops it: an even count back at the start */
	assert_int_equal(cname_chain_end(&f.ix, a, CNAME_MAX_LINKS), a);
	assert_int_equal(cname_chain_end(&f.ix, a, CNAME_MAX_LINKS + 1), b);
	fixture_free(&f);
}

static void test_type_name(void **state)
{
	(void)state;
	char buf[TYPE_NAME_MAX];
	assert_string_equal(type_name(TYPE_AAAA, buf), "AAAA");
	assert_string_equal(type_name(TYPE_RRSIG, buf), "RRSIG");
	assert_string_equal(type_name(TYPE_NSEC3, buf), "NSEC3");
	assert_string_equal(type_name(65280, buf), "TYPE65280");   /* private use: RFC 3597 form */
}

static void test_record_address(void **state)
{
	(void)state;
	struct fixture f;
	load(&f);
	size_t n;
	const uint32_t *ids = index_records_at(&f.ix, id_of(&f, "mail.example.com."), &n);
	assert_int_equal(n, 1);
	struct ip_addr addr, want;
	record_address(&f.ix.records[ids[0]], &addr);
	assert_true(addr_parse(&want, "2001:db8::25"));
	assert_int_equal(addr_compare(&addr, &want), 0);
	fixture_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cname_target_of),
		cmocka_unit_test(test_cname_chain_end),
		cmocka_unit_test(test_type_name),
		cmocka_unit_test(test_record_address),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
