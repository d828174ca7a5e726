/*
 * oom.c — out of memory anywhere is exit 2 with a message (SPEC §9), in
 * the libraries too. ldns asserts on some allocations that fail (a core
 * dump under `ulimit -v` with -j2), so checking our own xmalloc results is
 * not enough: the program itself defines malloc, calloc and realloc, which
 * the dynamic linker then binds for ldns, libgit2, libyaml and the C
 * library alike, and hands each call on to glibc's allocator.
 *
 * Linked into the ptrlint binary only (Makefile): the sanitizer, TSan and
 * fuzzing builds bring allocators of their own. The other allocation
 * functions (free, aligned_alloc, posix_memalign, ...) stay glibc's:
 * every block is glibc's, and the one caller of aligned_alloc here,
 * xmalloc_large, checks its result itself.
 */
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#error "oom.c replaces malloc: leave it out of sanitizer builds"
#endif

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *ptr, size_t size);

/* NULL is a failure only where something was asked for: malloc(0) and
 * realloc(p, 0) may return NULL by the standard. */
void *malloc(size_t size)
{
	void *p = __libc_malloc(size);
	if (__builtin_expect(!p && size, 0))
		out_of_memory(size);
	return p;
}

void *calloc(size_t count, size_t size)
{
	void *p = __libc_calloc(count, size);
	size_t total;
	if (__builtin_expect(!p && count && size, 0))
		out_of_memory(__builtin_mul_overflow(count, size, &total) ? SIZE_MAX : total);
	return p;
}

void *realloc(void *ptr, size_t size)
{
	void *p = __libc_realloc(ptr, size);
	if (__builtin_expect(!p && size, 0))
		out_of_memory(size);
	return p;
}
