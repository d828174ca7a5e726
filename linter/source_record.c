/*
 * source_record.c — a source that passes every question on to another
 * and remembers which paths were asked about, so that --since can tell
 * whether the target would answer the base's run the same way (see
 * source.h). A run is a function of what its source answers: when every
 * answer is the same, its findings are too, and the target need not be
 * linted (SPEC §8: a change that touches no zone, $INCLUDEd file or config
 * is not linted at all).
 */
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "util.h"

/* What was asked about a path; the key's first byte. */
enum question { ASKED_KIND = 'k', ASKED_READ = 'r', ASKED_LIST = 'l', ASKED_LINK = 's' };

struct source_record {
	struct source base;
	struct source *inner;        /* owned */
	char **asked;                /* question byte + path, each once, owned */
	size_t count, cap;
	struct strmap seen;          /* keys borrowed from asked */
};

static void remember(struct source_record *rec, enum question q, const char *path)
{
	char *key = xasprintf("%c%s", (char)q, path);
	if (strmap_get(&rec->seen, key) >= 0) {
		free(key);
		return;
	}
	*ARRAY_PUSH(rec->asked, rec->count, rec->cap) = key;
	strmap_put(&rec->seen, key, (uint32_t)(rec->count - 1));
}

/* The inner source may learn on any read that its store is damaged. */
static void pass_failure(struct source_record *rec)
{
	rec->base.failure = rec->inner->failure;
}

static enum source_kind rec_kind(struct source *src, const char *path)
{
	struct source_record *rec = (struct source_record *)src;
	remember(rec, ASKED_KIND, path);
	enum source_kind kind = source_kind(rec->inner, path);
	pass_failure(rec);
	return kind;
}

static int rec_read(struct source *src, const char *path, char **data, size_t *len, char **err)
{
	struct source_record *rec = (struct source_record *)src;
	remember(rec, ASKED_READ, path);
	int rc = source_read(rec->inner, path, data, len, err);
	pass_failure(rec);
	return rc;
}

static int rec_read_buf(struct source *src, const char *path, struct strbuf *buf, char **err)
{
	struct source_record *rec = (struct source_record *)src;
	remember(rec, ASKED_READ, path);
	int rc = source_read_buf(rec->inner, path, buf, err);
	pass_failure(rec);
	return rc;
}

static int rec_list(struct source *src, const char *dir, char ***names, size_t *count, char **err)
{
	struct source_record *rec = (struct source_record *)src;
	remember(rec, ASKED_LIST, dir);
	int rc = source_list(rec->inner, dir, names, count, err);
	pass_failure(rec);
	return rc;
}

static bool rec_is_link(struct source *src, const char *path)
{
	struct source_record *rec = (struct source_record *)src;
	remember(rec, ASKED_LINK, path);
	return source_is_link(rec->inner, path);
}

static void rec_free(struct source *src)
{
	struct source_record *rec = (struct source_record *)src;
	source_free(rec->inner);
	strmap_free(&rec->seen);
	for (size_t i = 0; i < rec->count; i++)
		free(rec->asked[i]);
	free(rec->asked);
	free(rec);
}

static const struct source_ops record_ops = {rec_kind, rec_read, rec_list, rec_free,
					     rec_is_link, rec_read_buf};

struct source *source_record_new(struct source *inner)
{
	struct source_record *rec = xcalloc(1, sizeof(*rec));
	rec->base.ops = &record_ops;
	rec->base.description = inner->description;
	rec->inner = inner;
	return &rec->base;
}

static bool same_content(struct source *a, struct source *b, const char *path)
{
	char *da = NULL, *db = NULL, *ea = NULL, *eb = NULL;
	size_t la = 0, lb = 0;
	int ra = source_read(a, path, &da, &la, &ea);
	int rb = source_read(b, path, &db, &lb, &eb);
	bool same = ra == rb && (ra ? !strcmp(ea ? ea : "", eb ? eb : "")
				    : la == lb && !memcmp(da, db, la));
	free(da);
	free(db);
	free(ea);
	free(eb);
	return same;
}

static void free_names(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

static bool same_listing(struct source *a, struct source *b, const char *dir)
{
	char **na = NULL, **nb = NULL, *ea = NULL, *eb = NULL;
	size_t ca = 0, cb = 0;
	int ra = source_list(a, dir, &na, &ca, &ea);
	int rb = source_list(b, dir, &nb, &cb, &eb);
	bool same = ra == rb && ca == cb;
	for (size_t i = 0; same && !ra && i < ca; i++)
		same = !strcmp(na[i], nb[i]);
	free_names(na, ra ? 0 : ca);
	free_names(nb, rb ? 0 : cb);
	free(ea);
	free(eb);
	return same;
}

bool source_record_same(struct source *recorder, struct source *other)
{
	struct source_record *rec = (struct source_record *)recorder;
	bool same = true;
	for (size_t i = 0; same && i < rec->count; i++) {
		const char *path = rec->asked[i] + 1;
		switch ((enum question)rec->asked[i][0]) {
		case ASKED_KIND:
			same = source_kind(rec->inner, path) == source_kind(other, path);
			break;
		case ASKED_READ:
			same = same_content(rec->inner, other, path);
			break;
		case ASKED_LIST:
			same = same_listing(rec->inner, other, path);
			break;
		case ASKED_LINK:
			same = source_is_link(rec->inner, path) == source_is_link(other, path);
			break;
		}
	}
	/* a store that failed while comparing proves nothing */
	return same && !rec->inner->failure && !other->failure;
}
