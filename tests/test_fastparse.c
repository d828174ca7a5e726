/*
 * test_fastparse.c — the differential test issue 7 asks of the fast path:
 * wherever fastparse_record() takes a text, ldns must parse that text to
 * the very same result (status, type, preference, owner, target, wire
 * rdata). Three sources of texts: a table of tricky inputs, every record
 * the loader makes of every file under fixtures/ (each file loaded as a
 * zone of its own), and, when FASTPARSE_DIFF_DIR names one, any other tree
 * (e.g. a bench-data set).
 */
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fastparse.h"
#include "parse.h"

struct tally {
	size_t texts, fast, mismatches;
};

/* Compare both paths on one text; returns whether the fast path took it. */
static bool differ_check(struct tally *t, const char *text, const char *origin, uint32_t ttl)
{
	struct arena arena;
	memset(&arena, 0, sizeof(arena));
	struct fast_origin fo;
	fastparse_origin(&fo, origin);
	struct parse_result fast, slow;
	bool took = fastparse_record(text, &fo, &fast, &arena);
	t->texts++;
	if (took) {
		t->fast++;
		parse_text_ldns(text, ttl, origin, &slow, &arena);
		if (!parse_results_equal(&fast, &slow)) {
			t->mismatches++;
			print_error("fast path and ldns disagree: origin '%s' text '%s' (ldns status %d)\n",
				    origin, text, slow.status);
		}
	}
	arena_free(&arena);
	return took;
}

static void test_table(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *origin;
		int fast;    /* 1: must take it, 0: must decline, -1: either */
	} rows[] = {
		{"www.example.com. 3600 IN A 192.0.2.1", "example.com.", 1},
		{"WWW.Example.COM. 3600 IN a 192.0.2.1", "example.com.", 1},
		{"www.example.com. 0 IN A 0.0.0.0", "example.com.", 1},
		{"www.example.com. 3600 IN A 255.255.255.255", "example.com.", 1},
		{"www.example.com. 3600 IN A 256.1.1.1", "example.com.", 0},
		{"www.example.com. 3600 IN A 01.2.3.4", "example.com.", 0},
		{"www.example.com. 3600 IN A 1.2.3", "example.com.", 0},
		{"www.example.com. 3600 IN A 1.2.3.4.5", "example.com.", 0},
		{"www.example.com. 3600 IN A 1.2.3.", "example.com.", 0},
		{"www.example.com. 3600 IN A 1..3.4", "example.com.", 0},
		{"www.example.com. 3600 IN A 1.2.3.4 5.6.7.8", "example.com.", 0},
		{"www.example.com. 3600 IN A", "example.com.", 0},
		{"www.example.com. 3600 IN A ", "example.com.", 0},
		{"www.example.com.  3600 IN A 1.2.3.4", "example.com.", 0},
		{"www.example.com. 3600 IN A 1.2.3.4 ", "example.com.", 0},
		{"www.example.com. 3600\tIN A 1.2.3.4", "example.com.", 0},
		{"www.example.com. 3600 IN A 0x1.2.3.4", "example.com.", 0},
		{"www.example.com. 3600 IN A 1.2.3.4;c", "example.com.", 0},
		{"www.example.com. 4294967295 IN A 1.2.3.4", "example.com.", -1},
		{"www.example.com. 99999999999 IN A 1.2.3.4", "example.com.", 0},
		{"www.example.com. 3600 in A 1.2.3.4", "example.com.", 0},
		{"www.example.com. 3600 IN TYPE1 1.2.3.4", "example.com.", 0},
		{"www.example.com 3600 IN A 1.2.3.4", "example.com.", 0},
		{". 3600 IN A 1.2.3.4", "example.com.", 0},
		{"a\\.b.example.com. 3600 IN A 1.2.3.4", "example.com.", 0},
		{"a\\065.example.com. 3600 IN A 1.2.3.4", "example.com.", 0},
		{"\"a\".example.com. 3600 IN A 1.2.3.4", "example.com.", 0},
		{"a..example.com. 3600 IN A 1.2.3.4", "example.com.", 0},
		{"*.example.com. 3600 IN A 1.2.3.4", "example.com.", 1},
		{"_dmarc.example.com. 3600 IN A 1.2.3.4", "example.com.", 1},
		{"-x-.example.com. 3600 IN A 1.2.3.4", "example.com.", 1},
		{"h@st.example.com. 3600 IN A 1.2.3.4", "example.com.", 0},
		{"h\xc3\xa9.example.com. 3600 IN A 1.2.3.4", "example.com.", 0},
		{"x.example.com. 300 IN AAAA 2001:db8::1", "example.com.", 1},
		{"x.example.com. 300 IN AAAA 2001:DB8:0:0:0:0:0:1", "example.com.", 1},
		{"x.example.com. 300 IN aaaa ::", "example.com.", 1},
		{"x.example.com. 300 IN AAAA ::1", "example.com.", 1},
		{"x.example.com. 300 IN AAAA 1::", "example.com.", 1},
		{"x.example.com. 300 IN AAAA 1:2:3:4:5:6:7::", "example.com.", 1},
		{"x.example.com. 300 IN AAAA ::2:3:4:5:6:7:8", "example.com.", 1},
		{"x.example.com. 300 IN AAAA 1:2:3:4:5:6:7:8", "example.com.", 1},
		{"x.example.com. 300 IN AAAA 0001:0db8:0000:0000:0000:0000:0000:0001", "example.com.", 1},
		{"x.example.com. 300 IN AAAA 1:2:3:4::5:6:7:8", "example.com.", 0},
		{"x.example.com. 300 IN AAAA 1:2:3:4:5:6:7:8:9", "example.com.", 0},
		{"x.example.com. 300 IN AAAA 1:2:3:4:5:6:7", "example.com.", 0},
		{"x.example.com. 300 IN AAAA 1::2::3", "example.com.", 0},
		{"x.example.com. 300 IN AAAA :::1", "example.com.", 0},
		{"x.example.com. 300 IN AAAA :1::2", "example.com.", 0},
		{"x.example.com. 300 IN AAAA 1:2:3:4:5:6:7:8:", "example.com.", 0},
		{"x.example.com. 300 IN AAAA 1:", "example.com.", 0},
		{"x.example.com. 300 IN AAAA 12345::1", "example.com.", 0},
		{"x.example.com. 300 IN AAAA ::ffff:192.0.2.1", "example.com.", 0},
		{"x.example.com. 300 IN AAAA 2001:db8::g", "example.com.", 0},
		{"x.example.com. 300 IN AAAA 192.0.2.1", "example.com.", 0},
		{"1.2.0.192.in-addr.arpa. 300 IN PTR host.example.com.", "2.0.192.in-addr.arpa.", 1},
		{"1.2.0.192.in-addr.arpa. 300 IN PTR Host.Example.COM.", "2.0.192.in-addr.arpa.", 1},
		{"1.2.0.192.in-addr.arpa. 300 IN PTR host", "2.0.192.in-addr.arpa.", 1},
		{"1.2.0.192.in-addr.arpa. 300 IN PTR host.example.com", "2.0.192.in-addr.arpa.", 1},
		{"1.2.0.192.in-addr.arpa. 300 IN PTR @", "2.0.192.in-addr.arpa.", 0},
		{"1.2.0.192.in-addr.arpa. 300 IN PTR @.x", "2.0.192.in-addr.arpa.", 0},
		{"1.2.0.192.in-addr.arpa. 300 IN PTR .", "2.0.192.in-addr.arpa.", 0},
		{"1.2.0.192.in-addr.arpa. 300 IN PTR host..example.", "2.0.192.in-addr.arpa.", 0},
		{"1.2.0.192.in-addr.arpa. 300 IN PTR a b", "2.0.192.in-addr.arpa.", 0},
		{"1.2.0.192.in-addr.arpa. 300 IN PTR", "2.0.192.in-addr.arpa.", 0},
		{"1.2.0.192.in-addr.arpa. 300 IN PTR host", ".", 1},
		{"1.2.0.192.in-addr.arpa. 300 IN PTR host", "a\\.b.", 0},
		{"1.0/26.2.0.192.in-addr.arpa. 300 IN PTR host.example.", "0/26.2.0.192.in-addr.arpa.", 1},
		{"www.example.com. 300 IN CNAME web", "example.com.", 1},
		{"www.example.com. 300 IN cname web.example.net.", "example.com.", 1},
		{"example.com. 300 IN NS ns1", "example.com.", 1},
		{"example.com. 300 IN NS ns1.example.net.", "example.com.", 1},
		{"example.com. 300 IN MX 10 mail", "example.com.", 1},
		{"example.com. 300 IN MX 0 .", "example.com.", 0},
		{"example.com. 300 IN MX 65535 mail.example.net.", "example.com.", 1},
		{"example.com. 300 IN MX 010 mail.example.net.", "example.com.", 1},
		{"example.com. 300 IN MX 65536 mail.example.net.", "example.com.", 0},
		{"example.com. 300 IN MX 123456 mail.example.net.", "example.com.", 0},
		{"example.com. 300 IN MX -1 mail.example.net.", "example.com.", 0},
		{"example.com. 300 IN MX +1 mail.example.net.", "example.com.", 0},
		{"example.com. 300 IN MX 10", "example.com.", 0},
		{"example.com. 300 IN MX mail", "example.com.", 0},
		{"example.com. 300 IN MX 10 mail extra", "example.com.", 0},
		{"example.com. 300 IN TXT \"v=spf1 -all\"", "example.com.", 0},
		{"example.com. 300 IN SOA ns1 hostmaster 1 2 3 4 5", "example.com.", 0},
		{"example.com. 300 IN DNAME other.", "example.com.", 0},
		/* a label of 63 octets is fine, 64 is not */
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example. 300 IN A 1.2.3.4",
		 "example.", 1},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example. 300 IN A 1.2.3.4",
		 "example.", 0},
		/* a relative target that grows past 255 octets with the origin */
		{"x.example. 300 IN CNAME "
		 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
		 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
		 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		 "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.", 0},
	};
	struct tally t = {0, 0, 0};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		bool took = differ_check(&t, rows[i].text, rows[i].origin, 3600);
		if (rows[i].fast >= 0 && took != (rows[i].fast == 1))
			fail_msg("row %zu '%s': fast path %s it", i, rows[i].text,
				 took ? "took" : "declined");
	}
	assert_int_equal(t.mismatches, 0);
}

/* ---- every record the loader makes of a tree of files ---- */

struct collected {
	char **texts, **origins;
	uint32_t *ttls;
	size_t count, cap, origins_cap, ttls_cap;
};

static void collect(void *ctx, const char *text, const char *origin, uint32_t ttl)
{
	struct collected *c = ctx;
	size_t n = c->count;
	*ARRAY_PUSH(c->texts, c->count, c->cap) = xstrdup(text);
	grow_array((void **)&c->origins, &c->origins_cap, n + 1, sizeof(*c->origins));
	grow_array((void **)&c->ttls, &c->ttls_cap, n + 1, sizeof(*c->ttls));
	c->origins[n] = xstrdup(origin);
	c->ttls[n] = ttl;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct strbuf sb = {0};
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	if (!sb.data)
		strbuf_addch(&sb, '\0');
	return strbuf_detach(&sb);
}

/* Load one file as a zone (origin inferred, else "example.") with one
 * parse thread, the observer collecting what the parser sees. */
static void load_one(const char *path, struct collected *c)
{
	size_t len = 0;
	char *data = read_all(path, &len);
	if (!data)
		return;
	for (int attempt = 0; attempt < 2; attempt++) {
		struct config cfg;
		config_init_defaults(&cfg);
		struct source *src = source_mem_new();
		source_mem_add(src, "zone", data, len);
		struct zone_requests reqs;
		memset(&reqs, 0, sizeof(reqs));
		struct zone_request *r = ARRAY_PUSH(reqs.items, reqs.count, reqs.cap);
		r->path = xstrdup("zone");
		r->origin = attempt ? xstrdup("example.") : NULL;
		r->searched = false;
		r->key = NULL;
		struct index ix;
		index_init(&ix);
		size_t before = c->count;
		parse_set_observer(collect, c);
		ix.threads = 1;
		load_zones(&ix, src, &cfg, &reqs);
		parse_set_observer(NULL, NULL);
		bool loaded = ix.nzones && ix.zones[0].loaded;
		index_free(&ix);
		zone_requests_free(&reqs);
		source_free(src);
		config_free(&cfg);
		if (loaded || c->count > before)
			break;
	}
	free(data);
}

static void walk(const char *dir, struct collected *c, size_t *files)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		if (!lstat(path, &st)) {
			if (S_ISDIR(st.st_mode)) {
				walk(path, c, files);
			} else if (S_ISREG(st.st_mode) && st.st_size < (64 << 20)) {
				load_one(path, c);
				(*files)++;
			}
		}
		free(path);
	}
	closedir(d);
}

static struct tally differ_tree(const char *root)
{
	struct collected c;
	memset(&c, 0, sizeof(c));
	size_t files = 0;
	walk(root, &c, &files);
	struct tally t = {0, 0, 0};
	for (size_t i = 0; i < c.count; i++) {
		differ_check(&t, c.texts[i], c.origins[i], c.ttls[i]);
		free(c.texts[i]);
		free(c.origins[i]);
	}
	free(c.texts);
	free(c.origins);
	free(c.ttls);
	print_message("fastparse differential over %s: %zu files, %zu record texts, "
		      "%zu taken by the fast path, %zu disagreements\n",
		      root, files, t.texts, t.fast, t.mismatches);
	return t;
}

static void test_fixtures(void **state)
{
	(void)state;
	struct tally t = differ_tree("fixtures");
	assert_true(t.texts > 1000);
	assert_true(t.fast > 500);
	assert_int_equal(t.mismatches, 0);
}

static void test_extra_tree(void **state)
{
	(void)state;
	const char *dir = getenv("FASTPARSE_DIFF_DIR");
	if (!dir || !*dir)
		skip();
	struct tally t = differ_tree(dir);
	assert_int_equal(t.mismatches, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_extra_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
