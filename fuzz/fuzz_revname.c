/*
 * fuzz_revname.c — libFuzzer target for names and the reverse trees
 * (dname.c, addr.c). The input is read as presentation text: a domain
 * name, an address or a prefix. Round trips must hold:
 *   text -> wire -> text -> wire gives the same wire name;
 *   a reverse name that stands for an address -> address -> canonical
 *   reverse name -> the same address;
 *   a reverse zone's range holds the addresses of its own names;
 *   address and prefix text -> binary -> text -> binary is stable.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "dname.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static void check_wire(const uint8_t *wire, size_t n)
{
	CHECK(n >= 1 && n <= NAME_WIRE_MAX);
	CHECK(dname_length(wire, NAME_WIRE_MAX) == n);
	CHECK(dname_equal(wire, wire));
	CHECK(dname_canonical_compare(wire, wire) == 0);
	CHECK(dname_is_at_or_below(wire, dname_parent(wire)));
	size_t labels = dname_label_count(wire);
	CHECK(labels <= 127);
	/* the root is below every suffix chain */
	const uint8_t *p = wire;
	for (size_t i = 0; i < labels; i++)
		p = dname_parent(p);
	CHECK(p[0] == 0);
}

static void check_reverse(const uint8_t *wire)
{
	struct ip_addr addr, again;
	const char *why = NULL;
	enum reverse_kind kind = reverse_to_addr(wire, &addr, &why);
	enum name_tree tree = name_tree_of(wire);
	if (tree == TREE_FORWARD)
		CHECK(kind == REVERSE_NOT);
	if (kind == REVERSE_INVALID)
		CHECK(why && *why);
	if (kind == REVERSE_ADDRESS) {
		CHECK(tree == (addr.family == 4 ? TREE_V4 : TREE_V6));
		uint8_t canon[NAME_WIRE_MAX];
		size_t n = addr_to_reverse(canon, &addr);
		check_wire(canon, n);
		CHECK(reverse_to_addr(canon, &again, &why) == REVERSE_ADDRESS);
		CHECK(addr_compare(&addr, &again) == 0);
		/* every zone above the name covers its address (an RFC 2317
		 * name's parents are checked through the canonical form) */
		for (const uint8_t *z = canon; z[0]; z = dname_parent(z)) {
			struct ip_addr low, high;
			if (reverse_zone_range(z, &low, &high)) {
				CHECK(addr_compare(&low, &high) <= 0);
				CHECK(range_contains(&low, &high, &addr));
			}
		}
	}
	struct ip_addr low, high;
	if (reverse_zone_range(wire, &low, &high)) {
		CHECK(low.family == high.family);
		CHECK(addr_compare(&low, &high) <= 0);
		CHECK(range_contains(&low, &high, &low) && range_contains(&low, &high, &high));
		if (kind == REVERSE_ADDRESS)
			CHECK(range_contains(&low, &high, &addr));
	}
}

static void check_address_text(const char *text)
{
	struct ip_addr a, b;
	char out[ADDR_TEXT_MAX], out2[ADDR_TEXT_MAX];
	if (addr_parse(&a, text)) {
		addr_format(out, &a);
		CHECK(addr_parse(&b, out));
		CHECK(addr_compare(&a, &b) == 0);
		addr_format(out2, &b);
		CHECK(!strcmp(out, out2));
		(void)addr_is_public(&a);
		uint8_t rev[NAME_WIRE_MAX];
		size_t n = addr_to_reverse(rev, &a);
		check_wire(rev, n);
		CHECK(reverse_to_addr(rev, &b, &(const char *){NULL}) == REVERSE_ADDRESS);
		CHECK(addr_compare(&a, &b) == 0);
	}
	struct ip_prefix p, q;
	const char *why = NULL;
	if (prefix_parse(&p, text, &why)) {
		prefix_format(out, &p);
		CHECK(prefix_parse(&q, out, &why));
		CHECK(p.len == q.len && addr_compare(&p.addr, &q.addr) == 0);
		CHECK(prefix_contains(&p, &p.addr));
	} else {
		CHECK(why && *why);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
	if (len >= 4 * NAME_TEXT_MAX)
		return 0;       /* callers never hand over more */
	char *text = malloc(len + 1);
	memcpy(text, bytes, len);
	text[len] = '\0';

	uint8_t wire[256], wire2[256];
	static const uint8_t origin[] = "\x01" "2" "\x01" "0" "\x03" "192" "\x07" "in-addr" "\x04" "arpa";
	const uint8_t *origins[] = {NULL, origin};
	for (size_t o = 0; o < 2; o++) {
		size_t n = dname_from_text(wire, text, origins[o]);
		if (!n)
			continue;
		check_wire(wire, n);
		char shown[NAME_TEXT_MAX];
		dname_to_text(shown, wire);
		CHECK(strlen(shown) < NAME_TEXT_MAX);
		size_t n2 = dname_from_text(wire2, shown, NULL);
		CHECK(n2 == n && !memcmp(wire, wire2, n));
		/* lower-casing is idempotent and already done */
		memcpy(wire2, wire, n);
		dname_lower(wire2);
		CHECK(!memcmp(wire, wire2, n));
		check_reverse(wire);
	}
	check_address_text(text);
	free(text);
	return 0;
}
