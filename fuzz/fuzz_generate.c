/*
 * fuzz_generate.c — libFuzzer target for $GENERATE (generate.c). Input:
 * the range text on the first line ("start-stop[/step]"), the template
 * after it. Checks what load.c relies on: a parsed range is ordered with
 * step >= 1 and a count that matches its iteration, and a failed
 * expansion leaves the output buffer exactly as it was.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "generate.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

/* Values tried per input: enough to reach both ends of the range and the
 * offsets around zero, few enough to keep executions fast. */
#define VALUES_PER_INPUT 16

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
	const char *data = (const char *)bytes;
	const char *nl = memchr(data, '\n', len);
	size_t range_len = nl ? (size_t)(nl - data) : len;
	const char *tmpl = nl ? nl + 1 : data + len;
	size_t tmpl_len = len - (size_t)(tmpl - data);

	/* Exact-size copies so that ASan catches any read past the end. */
	char *range_text = malloc(range_len ? range_len : 1);
	memcpy(range_text, data, range_len);
	char *tmpl_text = malloc(tmpl_len ? tmpl_len : 1);
	memcpy(tmpl_text, tmpl, tmpl_len);

	struct generate_range range;
	const char *why = NULL;
	long values[VALUES_PER_INPUT];
	size_t nvalues = 0;
	if (generate_parse_range(&range, range_text, range_len, &why)) {
		CHECK(range.start >= 0 && range.start <= range.stop && range.step >= 1);
		unsigned long count = generate_count(&range);
		CHECK(count >= 1);
		/* the loop load.c runs, cut short */
		unsigned long seen = 0;
		for (long v = range.start; v <= range.stop; v += range.step) {
			seen++;
			if (nvalues < VALUES_PER_INPUT / 2)
				values[nvalues++] = v;
			if (seen >= 1000 || range.stop - v < range.step)
				break;
		}
		CHECK(seen == count || seen == 1000);
		values[nvalues++] = range.stop;
	} else {
		CHECK(why && *why);
	}
	/* values the range cannot give but a template offset can reach */
	static const long edges[] = {0, 1, -1, 255, 65535, 2147483647L, -2147483647L - 1,
				     9223372036854775807L, -9223372036854775807L - 1};
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]) && nvalues < VALUES_PER_INPUT; i++)
		values[nvalues++] = edges[i];

	struct strbuf out = STRBUF_INIT;
	strbuf_addstr(&out, "prefix ");
	for (size_t i = 0; i < nvalues; i++) {
		size_t before = out.len;
		why = NULL;
		if (!generate_expand(&out, tmpl_text, tmpl_len, values[i], &why)) {
			CHECK(why && *why);
			CHECK(out.len == before && out.data[before] == '\0');
		} else {
			CHECK(out.len >= before);
		}
		/* keep memory flat over many values */
		out.len = 7;
		out.data[7] = '\0';
	}
	CHECK(!strcmp(out.data, "prefix "));
	strbuf_release(&out);
	free(range_text);
	free(tmpl_text);
	return 0;
}
