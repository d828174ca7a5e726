/*
 * test_host_ptr.c — host-ptr-missing's folding of bare blocks (SPEC §6):
 * when no address of a /24 (IPv4) or /64 (IPv6) has a PTR and more than
 * 16 of its addresses would be reported, one finding for the block; else
 * one finding per address, and none for an address a mail-* rule judges.
 */
#include <stdio.h>
#include <stdlib.h>

#include "helpers.h"

struct block_row {
	const char *what;
	bool ipv6;
	int hosts;               /* hosts without a PTR, in one /24 or /64 */
	int second_block;        /* of them, how many lie in the next /24 or /64 */
	bool ptr_in_block;       /* another address of the first block has a PTR */
	bool mail_host;          /* the first host is an MX target */
	size_t want_singles;     /* findings about one address */
	const char *want_block;  /* the folded block's CIDR, or NULL for none */
};

static const struct block_row block_rows[] = {
	{"16 bare addresses are listed one by one", false, 16, 0, false, false, 16, NULL},
	{"17 bare addresses fold", false, 17, 0, false, false, 0, "198.51.100.0/24"},
	{"a PTR in the block: nothing folds", false, 17, 0, true, false, 17, NULL},
	{"9 + 8 in two /24s: neither block has more than 16", false, 17, 8, false, false, 17, NULL},
	{"a mail host's address is left to the mail rules", false, 16, 0, false, true, 15, NULL},
	{"IPv6: 17 bare addresses of a /64 fold", true, 17, 0, false, false, 0, "2001:db8:0:1::/64"},
	{"IPv6: 16 are listed", true, 16, 0, false, false, 16, NULL},
	{"IPv6: 9 + 8 in two /64s", true, 17, 8, false, false, 17, NULL},
};

static void host_address(char *out, size_t size, bool ipv6, int block, int i)
{
	if (ipv6)
		snprintf(out, size, "2001:db8:0:%d::%x", 1 + block, 0x10 + i);
	else
		snprintf(out, size, "198.51.%d.%d", 100 + block, 10 + i);
}

static void test_block_folding(void **state)
{
	(void)state;
	for (size_t r = 0; r < sizeof(block_rows) / sizeof(block_rows[0]); r++) {
		const struct block_row *row = &block_rows[r];
		char forward[8192], reverse[2048], addr[64];
		int n = snprintf(forward, sizeof(forward),
				 "$ORIGIN example.com.\n$TTL 3600\n"
				 "@ SOA ns1 hostmaster 1 3600 900 1209600 300\n@ NS ns1\n%s",
				 row->mail_host ? "@ MX 10 h0\n" : "");
		for (int i = 0; i < row->hosts; i++) {
			int block = i >= row->hosts - row->second_block;
			host_address(addr, sizeof(addr), row->ipv6, block, i);
			n += snprintf(forward + n, sizeof(forward) - (size_t)n, "h%d %s %s\n", i,
				      row->ipv6 ? "AAAA" : "A", addr);
		}
		/* one reverse zone covering both blocks */
		const char *origin = row->ipv6 ? "0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa." : "51.198.in-addr.arpa.";
		n = snprintf(reverse, sizeof(reverse),
			     "$ORIGIN %s\n$TTL 3600\n"
			     "@ SOA ns1.example.com. hostmaster.example.com. 1 3600 900 1209600 300\n"
			     "@ NS ns1.example.com.\n", origin);
		if (row->ptr_in_block)
			snprintf(reverse + n, sizeof(reverse) - (size_t)n, "%s PTR printer.example.net.\n",
				 row->ipv6 ? "f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0" : "200.100");
		struct mem_zone zones[] = {
			{"db.example.com", forward, "example.com."},
			{"db.reverse", reverse, origin},
		};
		struct fixture f;
		fixture_load(&f, zones, 2);
		struct findings out = {0};
		engine_run(&out, &f.ix, NULL, &f.cfg);
		size_t singles = 0, blocks = 0;
		char block_text[64] = "";
		for (size_t i = 0; i < out.count; i++) {
			const struct finding *fi = &out.items[i];
			if (fi->rule != RULE_host_ptr_missing)
				continue;
			assert_true(fi->has_address);
			if (fi->address.len == (row->ipv6 ? 128 : 32)) {
				singles++;
			} else {
				blocks++;
				prefix_format(block_text, &fi->address);
			}
		}
		if (singles != row->want_singles || blocks != (row->want_block ? 1u : 0u) ||
		    (row->want_block && strcmp(block_text, row->want_block)))
			fail_msg("%s: %zu single findings, %zu blocks (%s); expected %zu and %s",
				 row->what, singles, blocks, block_text, row->want_singles,
				 row->want_block ? row->want_block : "none");
		findings_free(&out);
		fixture_free(&f);
	}
}

/* A fragment that three zones $INCLUDE: one finding per address, at its
 * first A in file order, not one per zone. */
static void test_once_per_address(void **state)
{
	(void)state;
	static const char hosts[] = "printer A 198.51.100.7\n";
	static const char rev[] =
		"$ORIGIN 100.51.198.in-addr.arpa.\n$TTL 3600\n"
		"@ SOA ns1.example.com. hostmaster.example.com. 1 3600 900 1209600 300\n"
		"@ NS ns1.example.com.\n";
	char zone_text[3][256];
	const char *names[3] = {"example.com", "example.net", "example.org"};
	for (int i = 0; i < 3; i++)
		snprintf(zone_text[i], sizeof(zone_text[i]),
			 "$ORIGIN %s.\n$TTL 3600\n@ SOA ns1 hostmaster 1 3600 900 1209600 300\n"
			 "@ NS ns1.example.com.\n$INCLUDE hosts.inc\n", names[i]);
	struct mem_zone zones[] = {
		{"db.example.com", zone_text[0], "example.com."},
		{"db.example.net", zone_text[1], "example.net."},
		{"db.example.org", zone_text[2], "example.org."},
		{"hosts.inc", hosts, "-"},
		{"db.198.51.100", rev, "100.51.198.in-addr.arpa."},
	};
	struct fixture f;
	fixture_load(&f, zones, 5);
	struct findings out = {0};
	engine_run(&out, &f.ix, NULL, &f.cfg);
	size_t found = 0;
	for (size_t i = 0; i < out.count; i++) {
		if (out.items[i].rule != RULE_host_ptr_missing)
			continue;
		found++;
		assert_string_equal(out.items[i].file, "hosts.inc");
		assert_int_equal(out.items[i].line, 1);
	}
	assert_int_equal(found, 1);
	findings_free(&out);
	fixture_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_block_folding),
		cmocka_unit_test(test_once_per_address),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
