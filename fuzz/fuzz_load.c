/*
 * fuzz_load.c — libFuzzer target for the whole pipeline after the
 * command line: config, zone search, origin inference, the loader with
 * $INCLUDE/$GENERATE over an in-memory tree, index_finish and every rule
 * (engine_run). Nothing touches the disk.
 *
 * Input: up to 4 files and an optional config, separated by lines that
 * start with "%%". The rest of such a line names the file that follows
 * ("%% zones/hosts.inc"); the text before the first separator is the
 * first file. A name that is empty, not normalised or used twice gets a
 * default name instead; the defaults are zone-like so that directory
 * search finds them (origins inferred from SOA, $ORIGIN or the name),
 * except "inc/common", which only an $INCLUDE reaches. A file named
 * ".ptrlint.yaml" is the config (config_load_buffer; on error the
 * defaults stay, as a run would stop there).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine.h"
#include "index.h"
#include "load.h"
#include "source.h"

#define MAX_FILES 4
/* $GENERATE's default limit (65,536 records, each parsed by ldns) would
 * spend the fuzzer's time in ldns; a lower one keeps executions fast and
 * still crosses it. */
#define FUZZ_GENERATE_LIMIT 1000

static const char *const default_names[MAX_FILES] = {
	"db.example.com", "db.192.0.2", "inc/common", "8.b.d.0.1.0.0.2.ip6.arpa.zone",
};

struct part {
	char *name;
	const char *data;
	size_t len;
};

/* A name the in-memory source can hold: normalised, inside the root. */
static char *usable_name(const char *text, size_t len, struct part *parts, size_t nparts,
			 size_t index)
{
	while (len && (text[0] == ' ' || text[0] == '\t')) {
		text++;
		len--;
	}
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\r'))
		len--;
	char *name = NULL;
	if (len && len < 256 && !memchr(text, '\0', len)) {
		char *raw = xstrndup(text, len);
		name = path_join_normalise("", raw);
		if (name && (strcmp(name, raw) || !*name)) {
			free(name);
			name = NULL;
		}
		free(raw);
	}
	if (!name)
		name = xstrdup(default_names[index]);
	/* a directory of another file, or a file twice: the source would be
	 * ambiguous; fall back to a unique name */
	for (size_t i = 0; i < nparts; i++) {
		size_t a = strlen(parts[i].name), b = strlen(name);
		if (!strcmp(parts[i].name, name) ||
		    (a < b && !strncmp(parts[i].name, name, a) && name[a] == '/') ||
		    (b < a && !strncmp(parts[i].name, name, b) && parts[i].name[b] == '/')) {
			free(name);
			name = xasprintf("f%zu.zone", index);
			break;
		}
	}
	return name;
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
	const char *data = (const char *)bytes;
	struct part parts[MAX_FILES + 1];
	size_t nparts = 0;
	const char *config = NULL;
	size_t config_len = 0;

	/* cut the input at "%%" lines */
	const char *name = NULL;
	size_t name_len = 0;
	size_t pos = 0, start = 0;
	bool first = true;
	while (nparts < MAX_FILES) {
		/* find the next line that starts with %% */
		size_t sep = len;
		for (size_t i = pos; i + 1 < len; i++)
			if ((i == 0 || data[i - 1] == '\n') && data[i] == '%' && data[i + 1] == '%') {
				sep = i;
				break;
			}
		if (!(first && sep == 0)) {
			size_t end = sep;
			struct part *p = &parts[nparts];
			p->name = usable_name(name ? name : "", name ? name_len : 0, parts, nparts,
					      nparts);
			p->data = data + start;
			p->len = end - start;
			if (!strcmp(p->name, ".ptrlint.yaml") && !config) {
				config = p->data;
				config_len = p->len;
				free(p->name);
			} else {
				nparts++;
			}
		}
		first = false;
		if (sep >= len)
			break;
		const char *nl = memchr(data + sep, '\n', len - sep);
		name = data + sep + 2;
		name_len = (nl ? (size_t)(nl - data) : len) - sep - 2;
		start = pos = nl ? (size_t)(nl - data) + 1 : len;
	}

	struct config cfg;
	config_init_defaults(&cfg);
	char *err = NULL;
	if (config && config_load_buffer(&cfg, ".ptrlint.yaml", config, config_len, &err)) {
		free(err);
		config_free(&cfg);
		config_init_defaults(&cfg);
	}
	/* absolute $INCLUDE paths below this root resolve into the tree */
	free(cfg.root);
	cfg.root = xstrdup("/fuzz/root");
	if (cfg.generate_limit > FUZZ_GENERATE_LIMIT)
		cfg.generate_limit = FUZZ_GENERATE_LIMIT;

	struct source *src = source_mem_new();
	for (size_t i = 0; i < nparts; i++)
		source_mem_add(src, parts[i].name, parts[i].data, parts[i].len);

	struct zone_requests reqs;
	memset(&reqs, 0, sizeof(reqs));
	struct index ix;
	index_init(&ix);
	if (!load_collect(&reqs, src, &cfg, NULL, 0, &err)) {
		load_zones(&ix, src, &cfg, &reqs, 1);
		index_finish(&ix);
		struct findings findings;
		memset(&findings, 0, sizeof(findings));
		engine_run(&findings, &ix, NULL, &cfg);
		for (size_t i = 0; i < findings.count; i++)
			if (!findings.items[i].message || !findings.items[i].file)
				abort();
		findings_free(&findings);
	} else {
		free(err);
	}
	zone_requests_free(&reqs);
	index_free(&ix);
	source_free(src);
	config_free(&cfg);
	for (size_t i = 0; i < nparts; i++)
		free(parts[i].name);
	return 0;
}
