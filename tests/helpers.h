/*
 * helpers.h — shared by the unit tests: build an index from in-memory zone
 * files with the built-in defaults, the way main.c does from disk.
 */
#ifndef PTRLINT_TEST_HELPERS_H
#define PTRLINT_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "engine.h"
#include "index.h"
#include "load.h"
#include "source.h"

struct mem_zone {
	const char *path;
	const char *text;
	const char *origin;      /* NULL: infer; "-": an $INCLUDEd fragment, not a zone */
};

struct fixture {
	struct config cfg;
	struct source *src;
	struct index ix;
};

/* Load the files (each one with origin != "-" is a zone) and finish. */
static inline void fixture_load(struct fixture *f, const struct mem_zone *zones, size_t n)
{
	config_init_defaults(&f->cfg);
	f->src = source_mem_new();
	for (size_t i = 0; i < n; i++)
		source_mem_add(f->src, zones[i].path, zones[i].text, strlen(zones[i].text));
	struct zone_requests reqs;
	memset(&reqs, 0, sizeof(reqs));
	for (size_t i = 0; i < n; i++) {
		if (zones[i].origin && !strcmp(zones[i].origin, "-"))
			continue;
		struct zone_request *r = ARRAY_PUSH(reqs.items, reqs.count, reqs.cap);
		r->path = xstrdup(zones[i].path);
		r->origin = zones[i].origin ? xstrdup(zones[i].origin) : NULL;
		r->searched = false;
		r->key = NULL;
	}
	index_init(&f->ix);
	load_zones(&f->ix, f->src, &f->cfg, &reqs);
	index_finish(&f->ix);
	zone_requests_free(&reqs);
}

static inline void fixture_free(struct fixture *f)
{
	index_free(&f->ix);
	source_free(f->src);
	config_free(&f->cfg);
}

/* The text of the first load problem at file:line; "" (so that a strstr
 * on it fails the test instead of crashing it) when there is none. */
static inline const char *fixture_problem_at(const struct fixture *f, const char *file,
					     unsigned line)
{
	for (size_t i = 0; i < f->ix.nproblems; i++)
		if (f->ix.problems[i].line == line &&
		    !strcmp(f->ix.files[f->ix.problems[i].file], file))
			return f->ix.problems[i].message;
	return "";
}

#endif
