/*
 * fastparse.h — a parser for the record texts that make up nearly all of a
 * large zone (A, AAAA, PTR, CNAME, NS, MX with plain names), giving exactly
 * what ldns gives for them (issue 7), at a fraction of ldns's cost.
 *
 * It owns no state. For each text it either fills a parse_result the way
 * parse.c's ldns path would, or declines, and ldns parses the text: it
 * declines anything it is not sure of (escapes, quotes, '@', unusual
 * characters or spacing, other types, names near the length limits, any
 * text ldns would reject). tests/test_fastparse.c and fuzz/fuzz_fastparse.c
 * hold it to ldns's result.
 */
#ifndef PTRLINT_FASTPARSE_H
#define PTRLINT_FASTPARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "parse.h"
#include "util.h"

/* An origin for relative names in rdata, parsed once per batch origin. */
struct fast_origin {
	bool usable;             /* false: relative names decline */
	uint8_t len;
	uint8_t wire[256];       /* lower-case wire form */
};

void fastparse_origin(struct fast_origin *out, const char *text);

/* Parse "owner ttl IN type rdata" (owner absolute, single spaces, as the
 * loader writes it). True: *res is filled, its data in arena. False: not
 * handled; *res and the arena are untouched. */
bool fastparse_record(const char *text, const struct fast_origin *origin,
		      struct parse_result *res, struct arena *arena);

#endif
