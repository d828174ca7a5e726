/*
 * json.c — see json.h. Owns the parse: one pass over the bytes, recursion
 * bounded by the caller's depth, every error with its line and column.
 */
#include "json.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct parser {
	const char *display;
	const char *data;
	size_t len, pos;
	unsigned line;
	size_t line_start;
	unsigned max_depth;
	char *err;
};

static int fail_at(struct parser *p, unsigned line, unsigned column, const char *fmt, ...)
	PTRLINT_PRINTF(4, 5);
static int fail_at(struct parser *p, unsigned line, unsigned column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	p->err = xvasprintf_at(p->display, line, column, fmt, ap);
	va_end(ap);
	return -1;
}

static unsigned column_of(const struct parser *p)
{
	return (unsigned)(p->pos - p->line_start + 1);
}

#define FAIL(p, ...) fail_at((p), (p)->line, column_of(p), __VA_ARGS__)

/* What stands at the current position, for a message: input bytes are
 * named only when they print harmlessly. */
static int fail_unexpected(struct parser *p, const char *expected)
{
	if (p->pos >= p->len)
		return FAIL(p, "unexpected end of file, expected %s", expected);
	unsigned char c = (unsigned char)p->data[p->pos];
	if (c > 0x20 && c < 0x7F)
		return FAIL(p, "unexpected '%c', expected %s", c, expected);
	return FAIL(p, "unexpected byte 0x%02x, expected %s", c, expected);
}

static void skip_space(struct parser *p)
{
	while (p->pos < p->len) {
		char c = p->data[p->pos];
		if (c == '\n') {
			p->line++;
			p->line_start = p->pos + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return;
		}
		p->pos++;
	}
}

static int hex4(struct parser *p, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++) {
		if (p->pos >= p->len)
			return fail_unexpected(p, "four hex digits after \\u");
		char c = p->data[p->pos];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return fail_unexpected(p, "four hex digits after \\u");
		v = v << 4 | d;
		p->pos++;
	}
	*out = v;
	return 0;
}

static void add_utf8(struct strbuf *sb, uint32_t cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (char)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (char)(0xC0 | cp >> 6));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (char)(0xE0 | cp >> 12));
		strbuf_addch(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(sb, (char)(0xF0 | cp >> 18));
		strbuf_addch(sb, (char)(0x80 | ((cp >> 12) & 0x3F)));
		strbuf_addch(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3F)));
	}
}

/* A \u escape (the "\u" already read), surrogate pairs joined. */
static int unicode_escape(struct parser *p, struct strbuf *sb)
{
	unsigned line = p->line, column = column_of(p) - 2;
	uint32_t cp;
	if (hex4(p, &cp))
		return -1;
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return fail_at(p, line, column, "\\u%04X is half of a surrogate pair, alone", (unsigned)cp);
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		uint32_t low;
		if (p->pos + 2 > p->len || p->data[p->pos] != '\\' || p->data[p->pos + 1] != 'u')
			return fail_at(p, line, column, "\\u%04X is half of a surrogate pair, alone", (unsigned)cp);
		p->pos += 2;
		if (hex4(p, &low))
			return -1;
		if (low < 0xDC00 || low > 0xDFFF)
			return fail_at(p, line, column, "\\u%04X is half of a surrogate pair, alone", (unsigned)cp);
		cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
	}
	if (!cp)
		return fail_at(p, line, column, "\\u0000 is not allowed in a string");
	add_utf8(sb, cp);
	return 0;
}

/* At the opening quote; *out is a new string. */
static int parse_string(struct parser *p, char **out)
{
	unsigned line = p->line, column = column_of(p);
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, "", 0);
	p->pos++;
	for (;;) {
		if (p->pos >= p->len) {
			strbuf_release(&sb);
			return fail_at(p, line, column, "string not closed");
		}
		unsigned char c = (unsigned char)p->data[p->pos];
		if (c == '"') {
			p->pos++;
			*out = strbuf_detach(&sb);
			return 0;
		}
		if (c < 0x20) {
			strbuf_release(&sb);
			return FAIL(p, "control character (byte 0x%02x) in a string: JSON writes it as \\u%04x", c, c);
		}
		if (c != '\\') {
			/* a run of plain bytes in one copy */
			size_t run = 1;
			while (p->pos + run < p->len && p->data[p->pos + run] != '"' &&
			       p->data[p->pos + run] != '\\' && (unsigned char)p->data[p->pos + run] >= 0x20)
				run++;
			strbuf_add(&sb, p->data + p->pos, run);
			p->pos += run;
			continue;
		}
		p->pos++;
		char e = p->pos < p->len ? p->data[p->pos] : '\0';
		const char *simple = strchr("\"\\/bfnrt", e);
		p->pos++;
		if (e && simple) {
			static const char decoded[] = "\"\\/\b\f\n\r\t";
			strbuf_addch(&sb, decoded[simple - "\"\\/bfnrt"]);
		} else if (e == 'u') {
			if (unicode_escape(p, &sb)) {
				strbuf_release(&sb);
				return -1;
			}
		} else {
			p->pos--;
			strbuf_release(&sb);
			return fail_unexpected(p, "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
		}
	}
}

static int parse_number(struct parser *p, uint64_t *out)
{
	unsigned line = p->line, column = column_of(p);
	size_t start = p->pos;
	uint64_t v = 0;
	bool overflow = false;
	while (p->pos < p->len && p->data[p->pos] >= '0' && p->data[p->pos] <= '9') {
		unsigned d = (unsigned)(p->data[p->pos] - '0');
		if (v > (UINT64_MAX - d) / 10)
			overflow = true;
		v = v * 10 + d;
		p->pos++;
	}
	if (p->pos - start > 1 && p->data[start] == '0')
		return fail_at(p, line, column, "a number must not start with 0");
	if (p->pos < p->len && strchr(".eE", p->data[p->pos]))
		return fail_at(p, line, column, "only whole numbers are read here");
	if (overflow)
		return fail_at(p, line, column, "number too large");
	*out = v;
	return 0;
}

static int parse_value(struct parser *p, struct json_value *v, unsigned depth);

/* After a container's element: 1 past a comma (another one follows), 0
 * past the closing bracket, -1 after saying what stands there instead. */
static int after_element(struct parser *p, char close)
{
	skip_space(p);
	if (p->pos < p->len && p->data[p->pos] == ',') {
		p->pos++;
		return 1;
	}
	if (p->pos < p->len && p->data[p->pos] == close) {
		p->pos++;
		return 0;
	}
	return fail_unexpected(p, close == ']' ? "',' or ']'" : "',' or '}'");
}

static int parse_array(struct parser *p, struct json_value *v, unsigned depth)
{
	size_t cap = 0;
	p->pos++;
	skip_space(p);
	if (p->pos < p->len && p->data[p->pos] == ']') {
		p->pos++;
		return 0;
	}
	for (;;) {
		struct json_value *item = ARRAY_PUSH(v->items, v->count, cap);
		memset(item, 0, sizeof(*item));
		if (parse_value(p, item, depth + 1))
			return -1;
		int more = after_element(p, ']');
		if (more <= 0)
			return more;
	}
}

static int parse_object(struct parser *p, struct json_value *v, unsigned depth)
{
	size_t cap = 0;
	p->pos++;
	skip_space(p);
	if (p->pos < p->len && p->data[p->pos] == '}') {
		p->pos++;
		return 0;
	}
	for (;;) {
		skip_space(p);
		if (p->pos >= p->len || p->data[p->pos] != '"')
			return fail_unexpected(p, "a key in double quotes");
		struct json_member *m = ARRAY_PUSH(v->members, v->count, cap);
		memset(m, 0, sizeof(*m));
		m->line = p->line;
		m->column = column_of(p);
		if (parse_string(p, &m->key))
			return -1;
		skip_space(p);
		if (p->pos >= p->len || p->data[p->pos] != ':')
			return fail_unexpected(p, "':'");
		p->pos++;
		if (parse_value(p, &m->value, depth + 1))
			return -1;
		int more = after_element(p, '}');
		if (more <= 0)
			return more;
	}
}

static int parse_value(struct parser *p, struct json_value *v, unsigned depth)
{
	skip_space(p);
	v->line = p->line;
	v->column = column_of(p);
	if (p->pos >= p->len)
		return fail_unexpected(p, "a value");
	char c = p->data[p->pos];
	if ((c == '{' || c == '[') && depth >= p->max_depth)
		return FAIL(p, "nested deeper than %u levels", p->max_depth);
	switch (c) {
	case '{':
		v->type = JSON_OBJECT;
		return parse_object(p, v, depth);
	case '[':
		v->type = JSON_ARRAY;
		return parse_array(p, v, depth);
	case '"':
		v->type = JSON_STRING;
		return parse_string(p, &v->string);
	case '-':
		return FAIL(p, "negative numbers are not read here");
	case 't':
	case 'f':
	case 'n':
		return FAIL(p, "true, false and null are not read here: only objects, arrays, strings and whole numbers");
	default:
		if (c >= '0' && c <= '9') {
			v->type = JSON_NUMBER;
			return parse_number(p, &v->number);
		}
		return fail_unexpected(p, "a value");
	}
}

int json_parse(struct json_value **out, const char *display, const char *data, size_t len,
	       unsigned max_depth, char **err)
{
	struct parser p = {display, data, len, 0, 1, 0, max_depth, NULL};
	struct json_value *root = xcalloc(1, sizeof(*root));
	*out = NULL;
	*err = NULL;
	/* a byte-order mark is what some editors put first */
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		p.pos = p.line_start = 3;
	int rc = parse_value(&p, root, 0);
	if (!rc) {
		skip_space(&p);
		if (p.pos < p.len)
			rc = fail_unexpected(&p, "the end of the file after the value");
	}
	if (rc) {
		json_free(root);
		*err = p.err;
		return -1;
	}
	*out = root;
	return 0;
}

static void value_release(struct json_value *v)
{
	free(v->string);
	for (size_t i = 0; v->items && i < v->count; i++)
		value_release(&v->items[i]);
	free(v->items);
	for (size_t i = 0; v->members && i < v->count; i++) {
		free(v->members[i].key);
		value_release(&v->members[i].value);
	}
	free(v->members);
}

void json_free(struct json_value *value)
{
	if (!value)
		return;
	value_release(value);
	free(value);
}

const char *json_type_name(enum json_type type)
{
	switch (type) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	default:
		return "a number";
	}
}
