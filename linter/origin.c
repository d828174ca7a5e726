/*
 * origin.c — see origin.h. The file name's part is plain text work; the
 * text's part reads the file's first entries with split.c's reader.
 */
#include "origin.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "dname.h"
#include "split.h"
#include "strict.h"
#include "tlds.h"
#include "util.h"

/* ---- the file name ---- */

/* An RFC 2317 label after three octets, as in "db.203.0.113.64-26". */
static bool classless_text(const char *p)
{
	uint8_t label[64];
	size_t len = strlen(p);
	if (len > 63)
		return false;
	label[0] = (uint8_t)len;
	memcpy(label + 1, p, len);
	return classless_label(label, NULL, NULL);
}

/* "192.0.2" -> "2.0.192.in-addr.arpa.", "203.0.113.64-26" ->
 * "64-26.113.0.203.in-addr.arpa." */
static char *reverse_v4_origin(const char *s)
{
	char *labels[4];
	size_t n = 0;
	char *copy = xstrdup(s), *save = NULL;
	for (char *p = strtok_r(copy, ".", &save); p; p = strtok_r(NULL, ".", &save)) {
		if (n == 3 && classless_text(p)) {
			labels[n++] = p;
			continue;
		}
		if (n == 4 || !split_digits(p, strlen(p)) || strlen(p) > 3 || atoi(p) > 255) {
			free(copy);
			return NULL;
		}
		labels[n++] = p;
	}
	if (!n) {
		free(copy);
		return NULL;
	}
	struct strbuf out = STRBUF_INIT;
	for (size_t i = n; i-- > 0;)
		strbuf_addf(&out, "%s.", labels[i]);
	strbuf_addstr(&out, "in-addr.arpa.");
	free(copy);
	return strbuf_detach(&out);
}

/* "fdef:ffc0:3dd7" -> "7.d.d.3.0.c.f.f.f.e.d.f.ip6.arpa." */
static char *reverse_v6_origin(const char *s)
{
	char nibbles[32];
	size_t n = 0;
	const char *p = s;
	while (*p) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len < 1 || len > 4 || n + 4 > 32)
			return NULL;
		for (size_t i = 0; i < 4 - len; i++)
			nibbles[n++] = '0';
		for (size_t i = 0; i < len; i++) {
			if (!isxdigit((unsigned char)p[i]))
				return NULL;
			nibbles[n++] = (char)tolower((unsigned char)p[i]);
		}
		if (!end)
			break;
		p = end + 1;
		if (!*p)
			return NULL;
	}
	struct strbuf out = STRBUF_INIT;
	for (size_t i = n; i-- > 0;)
		strbuf_addf(&out, "%c.", nibbles[i]);
	strbuf_addstr(&out, "ip6.arpa.");
	return strbuf_detach(&out);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !ascii_strcasecmp(s + n - m, suffix);
}

char *origin_from_file_name(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char *name = xstrdup(base);
	bool matched = false;
	static const char *const suffixes[] = {".zone", ".db", ".rev"};
	for (size_t i = 0; i < ARRAY_LEN(suffixes); i++)
		if (ends_with(name, suffixes[i]) && strlen(name) > strlen(suffixes[i])) {
			name[strlen(name) - strlen(suffixes[i])] = '\0';
			matched = true;
			break;
		}
	if (!strncasecmp(name, "db.", 3) && name[3]) {
		memmove(name, name + 3, strlen(name + 3) + 1);
		matched = true;
	}
	if (name[0] && name[strlen(name) - 1] == '.')
		name[strlen(name) - 1] = '\0';
	char *origin = NULL;
	if (ends_with(name, ".arpa") || !ascii_strcasecmp(name, "arpa"))
		origin = xasprintf("%s.", name);
	else if (!matched || !name[0])
		origin = NULL;
	else if (strchr(name, ':'))
		origin = reverse_v6_origin(name);
	else if ((origin = reverse_v4_origin(name)) != NULL)
		;
	else if (strspn(name, "0123456789.") == strlen(name))
		origin = NULL;   /* numbers that are no network: not a name either */
	else {
		uint8_t wire[256];
		char *text = xasprintf("%s.", name);
		if (dname_from_text(wire, text, NULL))
			origin = text;
		else
			free(text);
	}
	free(name);
	if (origin) {
		for (char *c = origin; *c; c++)
			*c = (char)ascii_lower((unsigned char)*c);
	}
	return origin;
}

/* ---- the file's text ---- */

size_t origin_from_text(uint8_t out[256], const char *data, size_t len,
			       enum origin_source *source)
{
	struct split_reader *reader = split_new(data, len);
	struct split_entry e;
	uint8_t dollar_origin[256];
	size_t dollar_len = 0;
	size_t result = 0;
	while (split_next(reader, &e) != SPLIT_END) {
		if (e.kind == SPLIT_ERROR)
			continue;
		if (e.kind == SPLIT_DIRECTIVE) {
			if (split_token_is(&e.tokens[0], "$ORIGIN") && e.ntokens == 2) {
				size_t n = split_token_name(dollar_origin, &e.tokens[1],
							    dollar_len ? dollar_origin : NULL);
				if (n)
					dollar_len = n;
			}
			if (split_token_is(&e.tokens[0], "$INCLUDE") || split_token_is(&e.tokens[0], "$GENERATE"))
				break;
			continue;
		}
		/* the first record */
		if (!e.owner_blank && e.ntokens >= 2) {
			size_t i = 1;
			uint32_t ttl;
			for (int k = 0; k < 2 && i < e.ntokens; k++)
				if (strict_ttl(e.tokens[i].text, e.tokens[i].len, &ttl) == STRICT_TTL_OK ||
				    split_token_class(&e.tokens[i]))
					i++;
			const struct split_token *owner = &e.tokens[0];
			if (i < e.ntokens && split_token_is(&e.tokens[i], "SOA") &&
			    !split_has_inner_at(owner->text, owner->len)) {
				bool absolute = owner->len && owner->text[owner->len - 1] == '.' &&
						!(owner->len >= 2 && owner->text[owner->len - 2] == '\\');
				if (absolute)
					result = split_token_name(out, owner, NULL);
				else if (dollar_len)
					result = split_token_name(out, owner, dollar_origin);
			}
		}
		break;
	}
	*source = ORIGIN_SOA;
	if (!result && dollar_len) {
		memcpy(out, dollar_origin, dollar_len);
		result = dollar_len;
		*source = ORIGIN_DOLLAR;
	}
	split_free(reader);
	return result;
}

/* ---- believing a file name ---- */

char *origin_name_doubt(const char *text, const struct config *cfg)
{
	size_t len = strlen(text) - 1;
	if (len >= 5 && !ascii_strcasecmp(text + len - 5, ".arpa."))
		return NULL;
	if (strspn(text, "0123456789-./") >= len)
		return xstrdup("the name looks like a network that is no reverse zone name "
			       "(a reverse zone is named like db.192.0.2 or 2.0.192.in-addr.arpa.zone)");
	const char *top = memrchr(text, '.', len);
	top = top ? top + 1 : text;
	size_t top_len = (size_t)(text + len - top);
	if (top == text)
		return xstrdup("it is a single label");
	/* the other two names RFC 2606 reserves are domains people name
	 * zones after, too */
	if (tld_is_delegated(top, top_len) || (top_len == 7 && ascii_equal_n(top, "invalid", 7)) ||
	    (top_len == 9 && ascii_equal_n(top, "localhost", 9)))
		return NULL;
	for (size_t i = 0; i < cfg->ntlds; i++)
		if (strlen(cfg->tlds[i]) == top_len && ascii_equal_n(cfg->tlds[i], top, top_len))
			return NULL;
	return xasprintf("'%.*s' is not a top-level domain (config tlds adds one)",
			 (int)top_len, top);
}
