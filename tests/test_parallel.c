/*
 * test_parallel.c — tests for linter/parallel.c: every item runs exactly
 * once, for any thread count, on the caller's thread when one is asked for.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "parallel.h"
#include "util.h"

struct tally {
	atomic_uint *runs;           /* by item: how often it ran */
	atomic_uint off_caller;      /* items run on another thread than the caller's */
	pthread_t caller;
};

static void count_item(void *ctx, size_t item)
{
	struct tally *t = ctx;
	atomic_fetch_add(&t->runs[item], 1);
	if (!pthread_equal(pthread_self(), t->caller))
		atomic_fetch_add(&t->off_caller, 1);
}

static unsigned run_and_check(size_t n, int threads)
{
	struct tally t = {.runs = xcalloc(n ? n : 1, sizeof(*t.runs)), .caller = pthread_self()};
	atomic_init(&t.off_caller, 0);
	parallel_for(n, threads, count_item, &t);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(atomic_load(&t.runs[i]), 1);
	free(t.runs);
	return atomic_load(&t.off_caller);
}

static void test_every_item_once(void **state)
{
	(void)state;
	static const size_t counts[] = {0, 1, 2, 3, 7, 64, 1000, 100000};
	static const int threads[] = {0, 1, 2, 3, 8, 300};
	for (size_t c = 0; c < ARRAY_LEN(counts); c++)
		for (size_t k = 0; k < ARRAY_LEN(threads); k++)
			run_and_check(counts[c], threads[k]);
}

static void test_one_thread_is_the_caller(void **state)
{
	(void)state;
	assert_int_equal(run_and_check(1000, 1), 0);
	/* one item never needs a second thread */
	assert_int_equal(run_and_check(1, 8), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_item_once),
		cmocka_unit_test(test_one_thread_is_the_caller),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
