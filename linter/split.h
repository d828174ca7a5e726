/*
 * split.h — the master-file splitter (RFC 1035 §5.1 as BIND reads it).
 *
 * ldns's zone reader loses comments and exact lines and knows neither
 * $INCLUDE nor $GENERATE, so ptrlint splits the text into entries itself:
 * one entry per record or directive, parentheses joined across lines,
 * quoted strings and backslash escapes kept intact (ldns parses each
 * record's text later), comments collected with their line numbers.
 *
 * The reader borrows the input buffer (which must stay alive and need not
 * be NUL-terminated) and owns the token and comment arrays it hands out;
 * an entry stays valid until the next split_next() or split_free().
 */
#ifndef PTRLINT_SPLIT_H
#define PTRLINT_SPLIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct split_token {
	const char *text;        /* raw text as written, quotes and escapes included */
	size_t len;
	bool quoted;             /* began with '"' */
};

struct split_comment {
	unsigned line;
	const char *text;        /* after the ';', up to the end of the line */
	size_t len;
};

enum split_kind {
	SPLIT_END = 0,           /* no more entries */
	SPLIT_RECORD,            /* tokens: owner (unless owner_blank), [ttl] [class] type rdata... */
	SPLIT_DIRECTIVE,         /* tokens[0] is "$ORIGIN", "$TTL", "$INCLUDE", "$GENERATE" or another $word */
	SPLIT_ERROR,             /* error says what; the reader resumes at the next line */
};

struct split_entry {
	enum split_kind kind;
	unsigned first_line;     /* 1-based line where the entry starts */
	unsigned last_line;      /* line where it ends (after a closing parenthesis) */
	bool owner_blank;        /* the record's line began with a space or tab */
	struct split_token *tokens;
	size_t ntokens;
	/* Comments read since the previous entry was returned, including the
	 * ones on this entry's own lines, in order. */
	struct split_comment *comments;
	size_t ncomments;
	const char *error;       /* SPLIT_ERROR: static text, e.g. "unterminated quoted string" */
};

/* Limits that keep hostile input bounded. */
#define SPLIT_MAX_TOKENS 65536          /* per entry */
#define SPLIT_MAX_ENTRY_BYTES (1 << 20) /* a record's text, parentheses joined */

struct split_reader;
struct split_reader *split_new(const char *data, size_t len);
/* Fills *entry; returns entry->kind. Errors (unterminated quote or
 * parenthesis, NUL byte, entry too long) come back as SPLIT_ERROR
 * entries; reading goes on after them. */
enum split_kind split_next(struct split_reader *reader, struct split_entry *entry);
/* Comments after the last entry (read before SPLIT_END). */
void split_trailing_comments(struct split_reader *reader,
			     const struct split_comment **comments, size_t *ncomments);
void split_free(struct split_reader *reader);

/*
 * Tokens as the loader and origin inference read them (ASCII case
 * folding, RFC 4343; a quoted token is never a keyword).
 */

/* Is the token word (a keyword: "$ORIGIN", "SOA"), case-insensitively? */
bool split_token_is(const struct split_token *t, const char *word);
/* The class a token names (RFC 1035 §3.2.4, RFC 3597's CLASSnnn), 0 when
 * it names none. */
unsigned split_token_class(const struct split_token *t);
/* Resolve a name token (a directive's argument, an owner) against origin
 * (wire; NULL: it must be absolute) into out; its wire length, 0 on error. */
size_t split_token_name(uint8_t out[256], const struct split_token *t, const uint8_t *origin);
/* Owner text with '@' anywhere but alone: gdnsd's "@Z" or an unrendered
 * template. BIND would read it as a literal label; SPEC §4 refuses it. */
bool split_has_inner_at(const char *s, size_t len);
/* Are s[0..n) one or more ASCII digits? */
bool split_digits(const char *s, size_t n);

/* A token without its quotes and with "\X" and "\DDD" escapes decoded,
 * into a new NUL-terminated string (caller frees). *has_nul is set if the
 * result contains a NUL byte (then it is not usable as a path). */
char *split_token_unescape(const struct split_token *token, bool *has_nul);
struct strbuf;
/* The same, appended to sb (NUL bytes included); true if it holds a NUL. */
bool split_token_unescape_to(struct strbuf *sb, const struct split_token *token);

#endif
