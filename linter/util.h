/*
 * util.h — allocation that cannot fail silently, growable byte strings,
 * growable arrays and an arena. Every other module builds on these.
 *
 * Ownership: x*alloc results belong to the caller; an arena owns every
 * block it hands out until arena_free().
 */
#ifndef PTRLINT_UTIL_H
#define PTRLINT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define PTRLINT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Out of memory is the one condition ptrlint does not survive: it prints
 * "ptrlint: out of memory (a request for SIZE bytes failed)" and exits 2
 * at once, from whichever thread (oom.c calls it for the libraries). */
void out_of_memory(size_t size) __attribute__((noreturn));
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
/* For arrays of many MiB (the index of a large set): a page fault per
 * 4 KiB page costs more than the work done on it, in virtual machines
 * above all, so such blocks are asked for in 2 MiB pages where the kernel
 * gives them on request (Linux THP "madvise"). Freed with free(). */
void *xmalloc_large(size_t size);
void advise_huge_pages(void *p, size_t bytes);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PTRLINT_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap);

/* The number of threads a -j value means: jobs itself, or one per core
 * for 0 (parsing, index_finish and the rules all go by it). */
int threads_for_jobs(int jobs);

/* Grow *items (of *cap elements of elem_size bytes) so it holds at least
 * need elements. */
void grow_array(void **items, size_t *cap, size_t need, size_t elem_size);
#define ARRAY_PUSH(items, count, cap)                                         \
	(grow_array((void **)&(items), &(cap), (count) + 1, sizeof(*(items))), \
	 &(items)[(count)++])

/* A growable NUL-terminated byte string. */
struct strbuf {
	char *data;
	size_t len;
	size_t cap;
};
#define STRBUF_INIT {NULL, 0, 0}
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) PTRLINT_PRINTF(2, 3);
void strbuf_reset(struct strbuf *sb);
/* Hands the buffer to the caller (never NULL) and resets sb. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);

/* The content of the file at path into sb, at most max + 1 bytes (so
 * that a caller sees "larger than max" without reading the rest), with no
 * trust in st_size: path may be a pipe or /dev/stdin. 0, or -1 with
 * *err = "cannot open|read 'PATH': reason" (caller frees). */
int read_file_bounded(const char *path, size_t max, struct strbuf *sb, char **err);

/* "FILE:LINE:COL: message", the position of an error in a file a user
 * edits (config, baseline), as GCC writes it. */
char *xvasprintf_at(const char *file, unsigned line, unsigned column, const char *fmt,
		    va_list ap);

/* strcmp, with NULL (an absent part of a key) before every string. */
int strcmp_null_first(const char *a, const char *b);

/* An arena: blocks are never freed one by one. */
struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t used;
	size_t size;
};
#define ARENA_INIT {NULL, 0, 0}
void *arena_alloc(struct arena *arena, size_t size);
void *arena_memdup(struct arena *arena, const void *data, size_t size);
/* Byte strings (names, rdata) need no alignment: no padding between them. */
void *arena_alloc_bytes(struct arena *arena, size_t size);
void *arena_memdup_bytes(struct arena *arena, const void *data, size_t size);
char *arena_strdup(struct arena *arena, const char *s);
void arena_free(struct arena *arena);

/* A map from strings to indexes (0..n-1 of the caller's array), so that
 * "have we seen this path" stays O(1) with 10,000 files. Keys are
 * borrowed: they must outlive the map. */
struct strmap {
	const char **keys;
	uint32_t *values;
	size_t count, cap;
};
#define STRMAP_INIT {NULL, NULL, 0, 0}
/* The value of key, or -1. */
long strmap_get(const struct strmap *map, const char *key);
void strmap_put(struct strmap *map, const char *key, uint32_t value);
void strmap_free(struct strmap *map);

/* FNV-1a, for hash tables. */
uint32_t hash_bytes(const void *data, size_t len);

/* ASCII-only case folding (DNS names compare this way, RFC 4343). */
static inline unsigned char ascii_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}
int ascii_strcasecmp(const char *a, const char *b);
/* Do the n bytes at a and b match, ASCII case folded? (Tokens of a zone
 * file are not NUL-terminated.) */
bool ascii_equal_n(const char *a, const char *b, size_t n);

#endif
