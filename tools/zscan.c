/*
 * zscan.c — a bare libzscanner parse (Knot DNS's zone scanner), the
 * "practical limit" row of `make bench` (issue 7): how fast a master file
 * can be tokenised and turned into wire records on this machine, with no
 * checks and no index. Built only when libknot-dev is installed; not part
 * of ptrlint.
 *
 *   zscan ORIGIN FILE [ORIGIN FILE ...]
 *
 * Prints "records N errors N" on stderr; exit status 1 on any parse error.
 */
#include <inttypes.h>
#include <stdio.h>

#include <libzscanner/scanner.h>

struct counts {
	uint64_t records;
	uint64_t errors;
};

/* The record callback only counts: the scanner has already built the
 * owner and rdata in wire form, which is all a parser is asked to do. */
static void on_record(zs_scanner_t *s)
{
	((struct counts *)s->process.data)->records++;
}

static void on_error(zs_scanner_t *s)
{
	struct counts *c = s->process.data;
	if (c->errors++ < 5)
		fprintf(stderr, "zscan: %s:%" PRIu64 ": %s\n", s->file.name,
			s->line_counter, zs_strerror(s->error.code));
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc % 2 == 0) {
		fprintf(stderr, "usage: zscan ORIGIN FILE [ORIGIN FILE ...]\n");
		return 2;
	}
	struct counts c = {0, 0};
	for (int i = 1; i + 1 < argc; i += 2) {
		zs_scanner_t s;
		/* 3600: a default TTL for files without $TTL; class IN */
		if (zs_init(&s, argv[i], 1, 3600) ||
		    zs_set_input_file(&s, argv[i + 1]) ||
		    zs_set_processing(&s, on_record, on_error, &c)) {
			fprintf(stderr, "zscan: %s: %s\n", argv[i + 1], zs_strerror(s.error.code));
			zs_deinit(&s);
			return 2;
		}
		zs_parse_all(&s);
		zs_deinit(&s);
	}
	fprintf(stderr, "records %" PRIu64 " errors %" PRIu64 "\n", c.records, c.errors);
	return c.errors ? 1 : 0;
}
