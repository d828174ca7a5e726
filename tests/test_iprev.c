/*
 * test_iprev.c — every branch of SPEC §5's iprev evaluation, one row each:
 * zones in memory, an address, the expected result.
 */
#include "helpers.h"

#include "dname.h"
#include "iprev.h"

static const char forward[] =
	"$ORIGIN example.com.\n"
	"@ SOA ns hm 1 2 3 4 5\n"
	"mail A 192.0.2.25\n"
	"mail AAAA 2001:db8::25\n"
	"other A 192.0.2.99\n"
	"alias CNAME mail\n"
	"gone CNAME elsewhere.example.net.\n"
	"c1 CNAME c2\nc2 CNAME c3\nc3 CNAME c4\nc4 CNAME c5\nc5 CNAME c6\n"
	"c6 CNAME c7\nc7 CNAME c8\nc8 CNAME c9\nc9 CNAME mail\n"
	"sub NS ns.sub\nns.sub A 192.0.2.26\n"
	"h44 A 192.0.2.44\n"
	"two A 192.0.2.32\n"
	"h64 A 192.0.2.64\n";

static const char internal[] =
	"$ORIGIN dc1.corpnet.\n"
	"@ SOA ns hm 1 2 3 4 5\n"
	"db1 A 192.0.2.30\n"
	"db2 A 10.0.0.30\n";

static const char reverse[] =
	"$ORIGIN 2.0.192.in-addr.arpa.\n"
	"@ SOA ns.example.com. hm.example.com. 1 2 3 4 5\n"
	"25 PTR MAIL.Example.COM.\n"            /* pass, mixed case */
	"26 PTR ns.sub.example.com.\n"          /* below a cut: not in scope */
	"27 PTR other.example.com.\n"           /* fail: leads elsewhere */
	"28 PTR mail.example.com.2.0.192.in-addr.arpa.\n" /* forgotten dot: fail */
	"29 PTR host.example.net.\n"            /* out of scope: unverifiable */
	"30 PTR db1.dc1.corpnet.\n"             /* public address, made-up TLD: fail */
	"31 PTR alias.example.com.\n"           /* via CNAME, leads elsewhere */
	"32 PTR other.example.com.\n32 PTR two.example.com.\n" /* two PTRs, the second confirms */
	"33 PTR gone.example.com.\n"            /* CNAME chain leaves: unverifiable */
	"34 PTR c1.example.com.\n"              /* chain of 9 links: not in scope */
	"$GENERATE 1-10 44 PTR other$.example.com.\n"  /* ten that lead nowhere... */
	"44 PTR h44.example.com.\n"                    /* ...then the one that would confirm */
	"64 CNAME 64.64/26\n"                   /* RFC 2317 into a loaded child */
	"65 CNAME 65.64-127.2.0.192.in-addr.arpa.\n" /* delegated child, not loaded */
	"64-127 NS ns.example.net.\n"
	"66 CNAME 66.nowhere\n"                 /* CNAME into the same zone, no PTR there */
	"128/26 NS ns.example.net.\n";          /* a block delegated, no CNAME for it */

static const char classless[] =
	"$ORIGIN 64/26.2.0.192.in-addr.arpa.\n"
	"@ SOA ns.example.com. hm.example.com. 1 2 3 4 5\n"
	"64 PTR h64.example.com.\n"
	"67 PTR h67.example.com.\n";            /* the parent has no CNAME to it */

/* a block whose parent zone is not loaded */
static const char lone_block[] =
	"@ SOA ns.example.com. hm.example.com. 1 2 3 4 5\n"
	"10 PTR h10.example.com.\n";

static const char private_reverse[] =
	"$ORIGIN 10.in-addr.arpa.\n"
	"@ SOA ns.example.com. hm.example.com. 1 2 3 4 5\n"
	"30.0.0 PTR db2.dc1.corpnet.\n";

static const char v6_reverse[] =
	"$ORIGIN 8.b.d.0.1.0.0.2.ip6.arpa.\n"
	"@ SOA ns.example.com. hm.example.com. 1 2 3 4 5\n"
	"5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 PTR mail.example.com.\n";

/* iprev of addr over f's zones; fails the test unless it is want. The
 * caller frees *eval. */
static void expect_iprev(struct iprev_eval *eval, const struct fixture *f,
			 const struct public_names *pub, const char *addr, enum iprev_result want)
{
	struct ip_addr a;
	if (!addr_parse(&a, addr))
		fail_msg("bad address in the table: %s", addr);
	iprev_evaluate(eval, &f->ix, pub, &a);
	if (eval->result != want)
		fail_msg("%s: expected %s, got %s", addr, iprev_name(want), iprev_name(eval->result));
}

static void test_iprev_table(void **state)
{
	(void)state;
	static const struct mem_zone zones[] = {
		{"db.example.com", forward, "example.com."},
		{"db.corpnet", internal, "dc1.corpnet."},
		{"db.192.0.2", reverse, "2.0.192.in-addr.arpa."},
		{"db.classless", classless, "64/26.2.0.192.in-addr.arpa."},
		{"db.10", private_reverse, "10.in-addr.arpa."},
		{"db.v6", v6_reverse, "8.b.d.0.1.0.0.2.ip6.arpa."},
	};
	static const struct {
		const char *addr;
		enum iprev_result result;
		size_t nptrs;
	} rows[] = {
		{"198.51.100.1", IPREV_UNVERIFIABLE, 0},  /* step 1: no reverse zone */
		{"192.0.2.1", IPREV_PERMERROR, 0},        /* step 2: no PTR */
		{"192.0.2.25", IPREV_PASS, 1},            /* step 3 */
		{"192.0.2.26", IPREV_UNVERIFIABLE, 1},    /* target below a zone cut */
		{"192.0.2.27", IPREV_FAIL, 1},            /* step 4: in scope, leads elsewhere */
		{"192.0.2.28", IPREV_FAIL, 1},            /* target in the reverse zone */
		{"192.0.2.29", IPREV_UNVERIFIABLE, 1},    /* target in no loaded zone */
		{"192.0.2.30", IPREV_FAIL, 1},            /* public address, TLD corpnet does not exist */
		{"10.0.0.30", IPREV_PASS, 1},             /* private address: internal names are fine */
		{"192.0.2.31", IPREV_FAIL, 1},            /* CNAME to mail, which is another address */
		{"192.0.2.32", IPREV_PASS, 2},            /* second PTR confirms */
		{"192.0.2.33", IPREV_UNVERIFIABLE, 1},    /* CNAME chain leaves the loaded zones */
		{"192.0.2.34", IPREV_UNVERIFIABLE, 1},    /* chain longer than 8 links */
		{"192.0.2.44", IPREV_FAIL, 11},           /* 11th PTR would confirm: only 10 tried */
		{"192.0.2.64", IPREV_PASS, 1},            /* RFC 2317 CNAME into the loaded child */
		{"192.0.2.65", IPREV_UNVERIFIABLE, 0},    /* RFC 2317 CNAME to an unloaded child */
		{"192.0.2.66", IPREV_PERMERROR, 0},       /* CNAME target in scope, holds no PTR */
		{"2001:db8::25", IPREV_PASS, 1},          /* compressed AAAA, full nibble PTR */
		{"2001:db8::26", IPREV_PERMERROR, 0},
	};
	struct fixture f;
	fixture_load(&f, zones, ARRAY_LEN(zones));
	if (f.ix.nproblems)
		fail_msg("load problem: %s (line %u)", f.ix.problems[0].message, f.ix.problems[0].line);
	struct public_names pub;
	public_names_init(&pub, config_option(&f.cfg, RULE_ptr_target_internal, "suffixes"),
			  NULL, 0);
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct iprev_eval eval;
		expect_iprev(&eval, &f, &pub, rows[i].addr, rows[i].result);
		if (eval.nptrs != rows[i].nptrs)
			fail_msg("%s: expected %zu PTRs, got %zu", rows[i].addr, rows[i].nptrs, eval.nptrs);
		iprev_eval_free(&eval);
	}
	/* a private TLD added in the config makes the public address pass */
	char *extra[] = {(char *)"corpnet"};
	public_names_free(&pub);
	public_names_init(&pub, config_option(&f.cfg, RULE_ptr_target_internal, "suffixes"),
			  extra, 1);
	struct ip_addr addr;
	addr_parse(&addr, "192.0.2.30");
	struct iprev_eval eval;
	iprev_evaluate(&eval, &f.ix, &pub, &addr);
	assert_int_equal(eval.result, IPREV_PASS);
	iprev_eval_free(&eval);
	public_names_free(&pub);
	fixture_free(&f);
}

/* A zone with an $INCLUDE that was not read (SPEC §4, docs/fcrdns.md):
 * what it holds still counts, what it lacks proves nothing. */
/* SPEC §5 step 5: which record to add, in which zone, when the reverse
 * lookup finds no PTR, through RFC 2317 delegations. */
static void test_reverse_fix(void **state)
{
	(void)state;
	static const struct mem_zone zones[] = {
		{"db.example.com", forward, "example.com."},
		{"db.192.0.2", reverse, "2.0.192.in-addr.arpa."},
		{"db.classless", classless, "64/26.2.0.192.in-addr.arpa."},
		{"db.203.0.113.0-63", lone_block, NULL},   /* origin from the file name */
	};
	static const struct {
		const char *addr;
		enum reverse_fix_kind kind;
		const char *child_name;   /* where the PTR is or belongs */
		const char *advice;       /* NULL: not compared */
	} rows[] = {
		{"198.51.100.1", REVERSE_FIX_NONE, "", NULL},
		{"192.0.2.1", REVERSE_FIX_PTR, "1.2.0.192.in-addr.arpa.",
		 "add \"1 PTR mail.example.com.\" to zone 2.0.192.in-addr.arpa. (file db.192.0.2)"},
		{"192.0.2.66", REVERSE_FIX_PTR, "66.nowhere.2.0.192.in-addr.arpa.",
		 "add \"66.nowhere PTR mail.example.com.\" to zone 2.0.192.in-addr.arpa. "
		 "(file db.192.0.2)"},
		{"192.0.2.65", REVERSE_FIX_CHILD_UNLOADED, "65.64-127.2.0.192.in-addr.arpa.", NULL},
		{"192.0.2.67", REVERSE_FIX_CNAME, "67.64/26.2.0.192.in-addr.arpa.",
		 "add \"67 CNAME 67.64/26.2.0.192.in-addr.arpa.\" to zone 2.0.192.in-addr.arpa. "
		 "(file db.192.0.2)"},
		{"192.0.2.68", REVERSE_FIX_CNAME_AND_PTR, "68.64/26.2.0.192.in-addr.arpa.",
		 "add \"68 CNAME 68.64/26.2.0.192.in-addr.arpa.\" to zone 2.0.192.in-addr.arpa. "
		 "(file db.192.0.2) and \"68 PTR mail.example.com.\" to zone "
		 "64/26.2.0.192.in-addr.arpa. (file db.classless)"},
		{"192.0.2.130", REVERSE_FIX_CNAME_DELEGATED, "130.128/26.2.0.192.in-addr.arpa.",
		 "add \"130 CNAME 130.128/26.2.0.192.in-addr.arpa.\" to zone 2.0.192.in-addr.arpa. "
		 "(file db.192.0.2), and make sure the delegated zone 128/26.2.0.192.in-addr.arpa. "
		 "holds \"130 PTR mail.example.com.\""},
		{"203.0.113.11", REVERSE_FIX_PTR, "11.0-63.113.0.203.in-addr.arpa.",
		 "add \"11 PTR mail.example.com.\" to zone 0-63.113.0.203.in-addr.arpa. "
		 "(file db.203.0.113.0-63)"},
	};
	struct fixture f;
	fixture_load(&f, zones, ARRAY_LEN(zones));
	if (f.ix.nproblems)
		fail_msg("load problem: %s (line %u)", f.ix.problems[0].message, f.ix.problems[0].line);
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct ip_addr addr;
		assert_true(addr_parse(&addr, rows[i].addr));
		struct reverse_fix fix;
		reverse_fix_find(&fix, &f.ix, &addr);
		if (fix.kind != rows[i].kind)
			fail_msg("%s: kind %d, expected %d", rows[i].addr, fix.kind, rows[i].kind);
		char child[NAME_TEXT_MAX];
		dname_to_text(child, fix.child_name);
		if (fix.kind != REVERSE_FIX_NONE)
			assert_string_equal(child, rows[i].child_name);
		if (!rows[i].advice)
			continue;
		struct strbuf why = STRBUF_INIT, advice = STRBUF_INIT;
		reverse_fix_text(&why, &advice, &f.ix, &fix, "mail.example.com.");
		assert_string_equal(advice.data, rows[i].advice);
		strbuf_release(&why);
		strbuf_release(&advice);
	}
	fixture_free(&f);
}

static void test_incomplete_zones(void **state)
{
	(void)state;
	static const struct mem_zone zones[] = {
		{"db.example.com",
		 "$ORIGIN example.com.\n@ SOA ns hm 1 2 3 4 5\n$INCLUDE missing.inc\n"
		 "mail A 198.51.100.25\n", "example.com."},
		{"db.198.51.100",
		 "$ORIGIN 100.51.198.in-addr.arpa.\n@ SOA ns.example.com. hm.example.com. 1 2 3 4 5\n"
		 "25 PTR mail.example.com.\n26 PTR mail.example.com.\n27 PTR gone.example.com.\n",
		 "100.51.198.in-addr.arpa."},
		{"db.192.0.2",
		 "$ORIGIN 2.0.192.in-addr.arpa.\n@ SOA ns.example.com. hm.example.com. 1 2 3 4 5\n"
		 "$INCLUDE generated.inc\n", "2.0.192.in-addr.arpa."},
	};
	static const struct {
		const char *addr;
		enum iprev_result result;
		const char *incomplete;  /* the zone named as the cause, or NULL */
	} rows[] = {
		{"198.51.100.25", IPREV_PASS, NULL},          /* what the zone holds still passes */
		{"198.51.100.26", IPREV_UNVERIFIABLE, "example.com."}, /* its A may be in missing.inc */
		{"198.51.100.27", IPREV_UNVERIFIABLE, "example.com."}, /* the name may be there too */
		{"192.0.2.1", IPREV_UNVERIFIABLE, "2.0.192.in-addr.arpa."}, /* no PTR: may be in generated.inc */
	};
	struct fixture f;
	fixture_load(&f, zones, ARRAY_LEN(zones));
	assert_int_equal(f.ix.nproblems, 2);   /* the two $INCLUDEs */
	struct public_names pub;
	public_names_init(&pub, config_option(&f.cfg, RULE_ptr_target_internal, "suffixes"),
			  NULL, 0);
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct iprev_eval eval;
		expect_iprev(&eval, &f, &pub, rows[i].addr, rows[i].result);
		char zone[1024] = "";
		if (eval.incomplete_zone != NO_ZONE)
			index_name_text(&f.ix, f.ix.zones[eval.incomplete_zone].origin, zone);
		if (strcmp(zone, rows[i].incomplete ? rows[i].incomplete : ""))
			fail_msg("%s: incomplete zone '%s', expected '%s'", rows[i].addr, zone,
				 rows[i].incomplete ? rows[i].incomplete : "");
		iprev_eval_free(&eval);
	}
	public_names_free(&pub);
	fixture_free(&f);
}

/* Records that did not load (SPEC §4, one mistake, one finding): their
 * owners exist with content unknown, so iprev through them is
 * unverifiable, never fail or permerror, and the name says which. */
static void test_unreadable_names(void **state)
{
	(void)state;
	static const struct mem_zone zones[] = {
		{"db.example.com",
		 "$ORIGIN example.com.\n@ SOA ns hm 1 2 3 4 5\n"
		 "mail A 192.0.2.25\n"
		 "old A 192.0.2.300\n"               /* did not load */
		 "half A 192.0.2.41\nhalf A 192.0.2.4x\n" /* one of two did not load */
		 "alias CNAME old\n"
		 "a.b.deep A 192.0.2.999\n"          /* b.deep is an empty non-terminal */
		 "$GENERATE 50-52 gen-$ A 192.0.2.$00\n" /* fails at 50: none made */
		 "elsewhere.example.org. A 192.0.2.256\n", /* out of zone: not its name */
		 "example.com."},
		{"db.192.0.2",
		 "$ORIGIN 2.0.192.in-addr.arpa.\n@ SOA ns.example.com. hm.example.com. 1 2 3 4 5\n"
		 "25 PTR mail.example.com.\n"
		 "26 PTR old.example.com.\n"
		 "41 PTR half.example.com.\n"
		 "42 PTR half.example.com.\n"
		 "43 PTR alias.example.com.\n"
		 "44 PTR mail..example.com.\n"       /* did not load */
		 "45 PTR mail.example.com.\n45 PTR bad..example.com.\n"
		 "51 PTR gen-51.example.com.\n",
		 "2.0.192.in-addr.arpa."},
	};
	static const struct {
		const char *addr;
		enum iprev_result result;
		const char *unreadable;          /* the name eval.unreadable gives, or NULL */
	} rows[] = {
		{"192.0.2.25", IPREV_PASS, NULL},
		{"192.0.2.26", IPREV_UNVERIFIABLE, "old.example.com."},
		{"192.0.2.41", IPREV_PASS, NULL},           /* the address that loaded passes */
		{"192.0.2.42", IPREV_UNVERIFIABLE, "half.example.com."},
		{"192.0.2.43", IPREV_UNVERIFIABLE, "old.example.com."}, /* via the CNAME */
		{"192.0.2.44", IPREV_UNVERIFIABLE, "44.2.0.192.in-addr.arpa."},
		{"192.0.2.45", IPREV_UNVERIFIABLE, "45.2.0.192.in-addr.arpa."}, /* fails, one PTR unknown */
		{"192.0.2.51", IPREV_UNVERIFIABLE, "gen-51.example.com."},
		{"192.0.2.46", IPREV_PERMERROR, NULL},      /* nothing was written there */
	};
	struct fixture f;
	fixture_load(&f, zones, ARRAY_LEN(zones));
	struct public_names pub;
	public_names_init(&pub, config_option(&f.cfg, RULE_ptr_target_internal, "suffixes"),
			  NULL, 0);
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct iprev_eval eval;
		expect_iprev(&eval, &f, &pub, rows[i].addr, rows[i].result);
		char name[1024] = "";
		if (eval.unreadable)
			index_name_text(&f.ix, eval.unreadable, name);
		if (strcmp(name, rows[i].unreadable ? rows[i].unreadable : ""))
			fail_msg("%s: unreadable '%s', expected '%s'", rows[i].addr, name,
				 rows[i].unreadable ? rows[i].unreadable : "");
		iprev_eval_free(&eval);
	}
	/* existence: the owners, their ancestors, not names out of their zone */
	static const struct {
		const char *name;
		bool exists, unreadable;
	} names[] = {
		{"old.example.com.", true, true},
		{"b.deep.example.com.", true, false},
		{"gen-52.example.com.", true, true},
		{"gen-53.example.com.", false, false},
		{"mail.example.com.", true, false},
		{"elsewhere.example.org.", false, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		uint8_t wire[256];
		size_t len = dname_from_text(wire, names[i].name, NULL);
		name_id id = index_find(&f.ix, wire, len);
		if (index_name_exists(&f.ix, wire) != names[i].exists ||
		    index_name_unreadable(&f.ix, id) != names[i].unreadable)
			fail_msg("%s: exists %d unreadable %d, expected %d %d", names[i].name,
				 index_name_exists(&f.ix, wire), index_name_unreadable(&f.ix, id),
				 names[i].exists, names[i].unreadable);
	}
	public_names_free(&pub);
	fixture_free(&f);
}

static void test_publicly_unresolvable(void **state)
{
	(void)state;
	struct config cfg;
	config_init_defaults(&cfg);
	struct public_names pub;
	public_names_init(&pub, config_option(&cfg, RULE_ptr_target_internal, "suffixes"), NULL, 0);
	static const struct {
		const char *name;
		bool internal, unresolvable;
	} rows[] = {
		{"mail.example.com.", false, false},
		{"host.example.", false, false},            /* RFC 2606 */
		{"host.test.", false, false},
		{"mail.", true, true},                      /* a single label */
		{"svr01.contoso.local.", true, true},
		{"nas.home.arpa.", true, true},
		{"NAS.Home.ARPA.", true, true},             /* suffixes compare case-insensitively */
		{"home.arpa.", true, true},                 /* at a suffix, not only below */
		{"nas.xhome.arpa.", false, false},          /* a label, not a string, suffix */
		{"db1.dc1.corpnet.", false, true},          /* no such TLD */
		{"node.ffhl.", false, true},
		{"192.0.2.1.", true, true},                 /* an address as a name */
		{"host.xn--p1ai.", false, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		uint8_t wire[256];
		assert_true(dname_from_text(wire, rows[i].name, NULL) > 0);
		const char *why;
		if (name_is_internal(&pub, wire, &why) != rows[i].internal)
			fail_msg("%s: internal should be %d", rows[i].name, rows[i].internal);
		if (name_publicly_unresolvable(&pub, wire, &why) != rows[i].unresolvable)
			fail_msg("%s: unresolvable should be %d", rows[i].name, rows[i].unresolvable);
	}
	public_names_free(&pub);
	config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iprev_table),
		cmocka_unit_test(test_reverse_fix),
		cmocka_unit_test(test_incomplete_zones),
		cmocka_unit_test(test_unreadable_names),
		cmocka_unit_test(test_publicly_unresolvable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
