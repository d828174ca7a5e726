/* util.c — see util.h. */
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

void out_of_memory(size_t size)
{
	/* from any thread, inside malloc too: no stdio, no allocation, no
	 * atexit handlers running beside threads still at work */
	char digits[24];
	size_t at = sizeof(digits);
	do {
		digits[--at] = (char)('0' + size % 10);
		size /= 10;
	} while (size && at);
	static const char head[] = "ptrlint: out of memory (a request for ";
	static const char tail[] = " bytes failed)\n";
	ssize_t ignored = write(STDERR_FILENO, head, sizeof(head) - 1);
	ignored = write(STDERR_FILENO, digits + at, sizeof(digits) - at);
	ignored = write(STDERR_FILENO, tail, sizeof(tail) - 1);
	(void)ignored;
	_exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void advise_huge_pages(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t start = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t end = ((uintptr_t)p + bytes) & ~(huge - 1);
	if (end > start)
		madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
	(void)p;
	(void)bytes;
#endif
}

void *xmalloc_large(size_t size)
{
	const size_t huge = (size_t)2 << 20;
	if (size < 2 * huge)
		return xmalloc(size);
	/* aligned, so that no 2 MiB page is lost at either end */
	size_t rounded = (size + huge - 1) & ~(huge - 1);
	void *p = aligned_alloc(huge, rounded);
	if (!p)
		out_of_memory(rounded);
	advise_huge_pages(p, rounded);
	return p;
}

int threads_for_jobs(int jobs)
{
	if (jobs > 0)
		return jobs;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores > 0 ? (int)cores : 1;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory(count * size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	/* most messages fit: one formatting pass into a stack buffer */
	char small[256];
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	if (n < 0)
		out_of_memory(sizeof(small));
	if ((size_t)n < sizeof(small))
		return xstrndup(small, (size_t)n);
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void grow_array(void **items, size_t *cap, size_t need, size_t elem_size)
{
	if (need <= *cap)
		return;
	size_t new_cap = *cap ? *cap : 8;
	while (new_cap < need) {
		if (new_cap > SIZE_MAX / 2 / elem_size)
			out_of_memory(SIZE_MAX);
		new_cap *= 2;
	}
	*items = xrealloc(*items, new_cap * elem_size);
	*cap = new_cap;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	grow_array((void **)&sb->data, &sb->cap, sb->len + len + 1, 1);
	if (len)
		memcpy(sb->data + sb->len, data, len);
	sb->len += len;
	sb->data[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_addstr(sb, s);
	free(s);
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->data)
		sb->data[0] = '\0';
}

char *strbuf_detach(struct strbuf *sb)
{
	char *p = sb->data ? sb->data : xstrdup("");
	sb->data = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
}

int read_file_bounded(const char *path, size_t max, struct strbuf *sb, char **err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err = xasprintf("cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	char chunk[65536];
	size_t n;
	while (sb->len <= max && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(sb, chunk, n);
	int read_error = ferror(f) ? errno : 0;
	fclose(f);
	if (!read_error)
		return 0;
	*err = xasprintf("cannot read '%s': %s", path, strerror(read_error));
	return -1;
}

char *xvasprintf_at(const char *file, unsigned line, unsigned column, const char *fmt,
		    va_list ap)
{
	char *message = xvasprintf(fmt, ap);
	char *full = xasprintf("%s:%u:%u: %s", file, line, column, message);
	free(message);
	return full;
}

int strcmp_null_first(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

struct arena_chunk {
	struct arena_chunk *next;
	max_align_t align[];
};

#define ARENA_CHUNK (256 * 1024)
/* chunks double up to this: the rdata of a million-host set takes tens of
 * MiB, in large pages (xmalloc_large) */
#define ARENA_CHUNK_MAX (8 * 1024 * 1024)

void *arena_alloc(struct arena *arena, size_t size)
{
	/* keep the next block aligned for any type */
	arena->used = (arena->used + 15) & ~(size_t)15;
	return arena_alloc_bytes(arena, size);
}

void *arena_alloc_bytes(struct arena *arena, size_t size)
{
	if (!arena->head || arena->used + size > arena->size) {
		size_t chunk = arena->head ? 2 * arena->size : ARENA_CHUNK;
		if (chunk > ARENA_CHUNK_MAX)
			chunk = ARENA_CHUNK_MAX;
		if (chunk < size)
			chunk = size;
		struct arena_chunk *c = xmalloc_large(sizeof(*c) + chunk);
		c->next = arena->head;
		arena->head = c;
		arena->used = 0;
		arena->size = chunk;
	}
	void *p = (char *)arena->head->align + arena->used;
	arena->used += size;
	return p;
}

void *arena_memdup(struct arena *arena, const void *data, size_t size)
{
	void *p = arena_alloc(arena, size);
	if (size)
		memcpy(p, data, size);
	return p;
}

void *arena_memdup_bytes(struct arena *arena, const void *data, size_t size)
{
	void *p = arena_alloc_bytes(arena, size);
	if (size)
		memcpy(p, data, size);
	return p;
}

char *arena_strdup(struct arena *arena, const char *s)
{
	return arena_memdup(arena, s, strlen(s) + 1);
}

void arena_free(struct arena *arena)
{
	struct arena_chunk *c = arena->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	arena->head = NULL;
	arena->used = arena->size = 0;
}

uint32_t hash_bytes(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 16777619u;
	}
	return h;
}

int ascii_strcasecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = ascii_lower((unsigned char)*a);
		int cb = ascii_lower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
}

bool ascii_equal_n(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
			return false;
	return true;
}

long strmap_get(const struct strmap *map, const char *key)
{
	if (!map->cap)
		return -1;
	size_t mask = map->cap - 1;
	for (size_t i = hash_bytes(key, strlen(key)) & mask; map->keys[i]; i = (i + 1) & mask)
		if (!strcmp(map->keys[i], key))
			return map->values[i];
	return -1;
}

void strmap_put(struct strmap *map, const char *key, uint32_t value)
{
	if ((map->count + 1) * 2 > map->cap) {
		size_t cap = map->cap ? map->cap * 2 : 64;
		const char **keys = xcalloc(cap, sizeof(*keys));
		uint32_t *values = xcalloc(cap, sizeof(*values));
		for (size_t i = 0; i < map->cap; i++) {
			if (!map->keys[i])
				continue;
			size_t j = hash_bytes(map->keys[i], strlen(map->keys[i])) & (cap - 1);
			while (keys[j])
				j = (j + 1) & (cap - 1);
			keys[j] = map->keys[i];
			values[j] = map->values[i];
		}
		free(map->keys);
		free(map->values);
		map->keys = keys;
		map->values = values;
		map->cap = cap;
	}
	size_t mask = map->cap - 1;
	size_t i = hash_bytes(key, strlen(key)) & mask;
	for (; map->keys[i]; i = (i + 1) & mask)
		if (!strcmp(map->keys[i], key)) {
			map->values[i] = value;
			return;
		}
	map->keys[i] = key;
	map->values[i] = value;
	map->count++;
}

void strmap_free(struct strmap *map)
{
	free(map->keys);
	free(map->values);
	memset(map, 0, sizeof(*map));
}
