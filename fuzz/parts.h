/*
 * parts.h — the multi-file input of fuzz_load and fuzz_git: files
 * separated by lines that start with "%%", the rest of such a line naming
 * the file that follows ("%% zones/hosts.inc"); the text before the first
 * separator is the first file. A name that is empty, not normalised or
 * clashes with another file's gets a default name instead (the caller's,
 * zone-like so that directory search finds them). A file named
 * ".ptrlint.yaml" is the config and is not among the parts.
 *
 * The parts point into the input; their names are allocated
 * (fuzz_parts_free releases them).
 */
#ifndef PTRLINT_FUZZ_PARTS_H
#define PTRLINT_FUZZ_PARTS_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "util.h"

struct fuzz_part {
	char *name;
	const char *data;
	size_t len;
};

struct fuzz_parts {
	struct fuzz_part *items;     /* the caller's array of max entries */
	size_t count, max;
	const char *config;          /* NULL: none */
	size_t config_len;
	const char *const *default_names;   /* max of them */
};

/* A name the sources can hold: normalised, inside the root, not a file
 * and a directory at once. */
static char *fuzz_part_name(struct fuzz_parts *p, const char *text, size_t len)
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
		name = xstrdup(p->default_names[p->count]);
	for (size_t i = 0; i < p->count; i++) {
		const char *other = p->items[i].name;
		size_t a = strlen(other), b = strlen(name);
		if (!strcmp(other, name) ||
		    (a < b && !strncmp(other, name, a) && name[a] == '/') ||
		    (b < a && !strncmp(other, name, b) && other[b] == '/')) {
			free(name);
			name = xasprintf("f%zu.zone", p->count);
			break;
		}
	}
	return name;
}

static void fuzz_parts_split(struct fuzz_parts *p, const char *data, size_t len)
{
	const char *name = NULL;
	size_t name_len = 0, pos = 0, start = 0;
	bool first = true;
	p->count = 0;
	p->config = NULL;
	p->config_len = 0;
	while (p->count < p->max) {
		/* the next line that starts with %% */
		size_t sep = len;
		for (size_t i = pos; i + 1 < len; i++)
			if ((i == 0 || data[i - 1] == '\n') && data[i] == '%' && data[i + 1] == '%') {
				sep = i;
				break;
			}
		if (!(first && sep == 0)) {
			struct fuzz_part *part = &p->items[p->count];
			part->name = fuzz_part_name(p, name ? name : "", name ? name_len : 0);
			part->data = data + start;
			part->len = sep - start;
			if (!strcmp(part->name, ".ptrlint.yaml") && !p->config) {
				p->config = part->data;
				p->config_len = part->len;
				free(part->name);
			} else {
				p->count++;
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
}

static void fuzz_parts_free(struct fuzz_parts *p)
{
	for (size_t i = 0; i < p->count; i++)
		free(p->items[i].name);
	p->count = 0;
}

#endif
