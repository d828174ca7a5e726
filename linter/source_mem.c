/*
 * source_mem.c — a source whose files live in memory (see source.h), so
 * the loader can be tested and fuzzed without touching the disk. Paths are
 * taken as given (already normalised); a directory is any proper prefix of
 * a file path ending at a '/'.
 */
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "util.h"

struct mem_file {
	char *path;
	char *data;
	size_t len;
};

struct source_mem {
	struct source base;
	struct mem_file *files;
	size_t count, cap;
};

static const struct mem_file *find(struct source_mem *mem, const char *path)
{
	for (size_t i = 0; i < mem->count; i++)
		if (!strcmp(mem->files[i].path, path))
			return &mem->files[i];
	return NULL;
}

static bool is_dir(struct source_mem *mem, const char *path)
{
	size_t n = strlen(path);
	if (!n)
		return true;
	for (size_t i = 0; i < mem->count; i++)
		if (!strncmp(mem->files[i].path, path, n) && mem->files[i].path[n] == '/')
			return true;
	return false;
}

static enum source_kind mem_kind(struct source *src, const char *path)
{
	struct source_mem *mem = (struct source_mem *)src;
	if (find(mem, path))
		return SOURCE_FILE;
	return is_dir(mem, path) ? SOURCE_DIR : SOURCE_MISSING;
}

static int mem_read(struct source *src, const char *path, char **data, size_t *len, char **err)
{
	struct source_mem *mem = (struct source_mem *)src;
	const struct mem_file *f = find(mem, path);
	if (!f) {
		*err = xstrdup(is_dir(mem, path) ? "is a directory" : "no such file");
		return -1;
	}
	*data = xmalloc(f->len + 1);
	memcpy(*data, f->data, f->len);
	(*data)[f->len] = '\0';
	*len = f->len;
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int mem_list(struct source *src, const char *dir, char ***names, size_t *count, char **err)
{
	struct source_mem *mem = (struct source_mem *)src;
	if (!is_dir(mem, dir)) {
		*err = xstrdup("no such directory");
		return -1;
	}
	size_t n = strlen(dir);
	char **list = NULL;
	size_t used = 0, cap = 0;
	for (size_t i = 0; i < mem->count; i++) {
		const char *p = mem->files[i].path;
		if (n) {
			if (strncmp(p, dir, n) || p[n] != '/')
				continue;
			p += n + 1;
		}
		const char *slash = strchr(p, '/');
		char *entry = slash ? xstrndup(p, (size_t)(slash - p)) : xstrdup(p);
		bool dup = false;
		for (size_t k = 0; k < used && !dup; k++)
			dup = !strcmp(list[k], entry);
		if (dup)
			free(entry);
		else
			*ARRAY_PUSH(list, used, cap) = entry;
	}
	if (used)
		qsort(list, used, sizeof(*list), compare_names);
	*names = list;
	*count = used;
	return 0;
}

static void mem_free(struct source *src)
{
	struct source_mem *mem = (struct source_mem *)src;
	for (size_t i = 0; i < mem->count; i++) {
		free(mem->files[i].path);
		free(mem->files[i].data);
	}
	free(mem->files);
	free(mem);
}

static const struct source_ops mem_ops = {mem_kind, mem_read, mem_list, mem_free, NULL, NULL};

struct source *source_mem_new(void)
{
	struct source_mem *mem = xcalloc(1, sizeof(*mem));
	mem->base.ops = &mem_ops;
	mem->base.description = "memory";
	return &mem->base;
}

void source_mem_add(struct source *src, const char *path, const char *data, size_t len)
{
	struct source_mem *mem = (struct source_mem *)src;
	struct mem_file *f = ARRAY_PUSH(mem->files, mem->count, mem->cap);
	f->path = xstrdup(path);
	f->data = xmalloc(len + 1);
	memcpy(f->data, data, len);
	f->data[len] = '\0';
	f->len = len;
}
