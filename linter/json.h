/*
 * json.h — a small strict JSON reader for the files ptrlint writes itself
 * and reads back (the baseline, SPEC §3a): objects, arrays, strings with
 * escapes and non-negative integers, nothing else. It owns the tree it
 * builds; json_free() releases it. Callers see only this interface, so a
 * JSON library can take its place without touching them.
 *
 * Bytes of 0x80 and above pass through strings unchecked: a caller that
 * prints or compares them decides what it accepts.
 */
#ifndef PTRLINT_JSON_H
#define PTRLINT_JSON_H

#include <stddef.h>
#include <stdint.h>

enum json_type {
	JSON_OBJECT,
	JSON_ARRAY,
	JSON_STRING,
	JSON_NUMBER,
};

struct json_member;

struct json_value {
	enum json_type type;
	unsigned line, column;       /* 1-based, of the value's first byte */
	char *string;                /* JSON_STRING: decoded, holds no NUL */
	uint64_t number;             /* JSON_NUMBER */
	struct json_value *items;    /* JSON_ARRAY */
	struct json_member *members; /* JSON_OBJECT, in file order */
	size_t count;                /* items or members */
};

struct json_member {
	char *key;
	unsigned line, column;       /* of the key */
	struct json_value value;
};

/* Parse one JSON text (whitespace around it allowed, nothing after it).
 * Containers may nest max_depth deep. Returns 0 with *out set (free it
 * with json_free), or -1 with *err = "DISPLAY:LINE:COL: message" (the
 * caller frees it). */
int json_parse(struct json_value **out, const char *display, const char *data, size_t len,
	       unsigned max_depth, char **err);
void json_free(struct json_value *value);
/* "an object", "an array", "a string", "a number": for messages. */
const char *json_type_name(enum json_type type);

#endif
