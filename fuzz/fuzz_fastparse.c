/*
 * fuzz_fastparse.c — libFuzzer target for the fast record parser
 * (fastparse.c) against ldns (issue 7). The input is an origin, a newline
 * and a record text ("owner ttl IN type rdata", as the loader writes it);
 * without a newline the whole input is the text and the origin is
 * "example.com.". Wherever the fast path takes a text, ldns must parse it
 * to the very same result: any difference aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fastparse.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096 || memchr(data, '\0', size))
		return 0;   /* texts are C strings; longer ones only slow it down */
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	const char *origin = "example.com.";
	char *text = buf;
	char *nl = strchr(buf, '\n');
	if (nl) {
		*nl = '\0';
		origin = buf;
		text = nl + 1;
	}
	struct arena arena;
	memset(&arena, 0, sizeof(arena));
	struct fast_origin fo;
	fastparse_origin(&fo, origin);
	struct parse_result fast, slow;
	if (fastparse_record(text, &fo, &fast, &arena)) {
		parse_text_ldns(text, 3600, origin, &slow, &arena);
		if (!parse_results_equal(&fast, &slow)) {
			fprintf(stderr, "fast path and ldns disagree: origin '%s' text '%s' (ldns status %d)\n",
				origin, text, slow.status);
			abort();
		}
	}
	arena_free(&arena);
	free(buf);
	return 0;
}
