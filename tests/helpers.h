/*
 * helpers.h — shared by the unit tests: build an index from in-memory zone
 * files with the built-in defaults, through the steps of the run main.c
 * makes from disk (run.h).
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
#include "run.h"
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

/* Load the files (each one with origin != "-" is a zone) and finish the
 * index, through the run's own steps (run.h); the tree's source and index
 * are then the fixture's. */
static inline void fixture_load(struct fixture *f, const struct mem_zone *zones, size_t n)
{
	config_init_defaults(&f->cfg);
	struct lint_tree tree;
	lint_tree_init(&tree, source_mem_new());
	for (size_t i = 0; i < n; i++)
		source_mem_add(tree.src, zones[i].path, zones[i].text, strlen(zones[i].text));
	for (size_t i = 0; i < n; i++) {
		if (zones[i].origin && !strcmp(zones[i].origin, "-"))
			continue;
		struct zone_request *r = ARRAY_PUSH(tree.reqs.items, tree.reqs.count, tree.reqs.cap);
		r->path = xstrdup(zones[i].path);
		r->origin = zones[i].origin ? xstrdup(zones[i].origin) : NULL;
		r->searched = false;
		r->key = NULL;
	}
	char *err = NULL;
	/* a memory source never fails */
	assert_int_equal(lint_tree_load(&tree, &f->cfg, 0, &err), 0);
	f->src = tree.src;
	f->ix = tree.ix;
	zone_requests_free(&tree.reqs);
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
