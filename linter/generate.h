/*
 * generate.h — BIND's $GENERATE: the range "start-stop[/step]" and the
 * substitution of "$", "${offset[,width[,base]]}" and "\$" in the owner
 * and rdata templates. The loader builds each record's text from these and
 * hands it to ldns like any other record. Owns nothing.
 */
#ifndef PTRLINT_GENERATE_H
#define PTRLINT_GENERATE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define GENERATE_DEFAULT_LIMIT 65536   /* records one directive may make */

struct generate_range {
	long start;
	long stop;
	long step;              /* >= 1 */
};

/* Parse "start-stop" or "start-stop/step" (BIND: 0 <= start <= stop,
 * step >= 1). False with *why (static text) on a bad range. */
bool generate_parse_range(struct generate_range *out, const char *text,
			  size_t len, const char **why);
/* How many values the range yields. */
unsigned long generate_count(const struct generate_range *range);
/* Append tmpl with every substitution done for value to out. Bases: d, o,
 * x, X, n (nibbles, lower-case, dot-separated, as for ip6.arpa), N (upper
 * case nibbles). False with *why on a malformed modifier or a width over
 * 255. */
bool generate_expand(struct strbuf *out, const char *tmpl, size_t len,
		     long value, const char **why);

#endif
