/*
 * split.c — the master-file splitter: cuts zone-file text into entries
 * (records and $ directives) with exact line numbers, raw token text and
 * the comments around them, reading RFC 1035 §5.1 the way BIND's lexer
 * does. Owns the reader and the token and comment arrays it hands out;
 * the input buffer is borrowed. See split.h for the contract.
 *
 * The scanner is a single forward pass with no recursion and no
 * backtracking, so hostile input (megabyte lines, thousands of
 * parentheses) costs linear time and bounded stack.
 */
#include "split.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dname.h"
#include "util.h"

struct split_reader {
	const char *data;
	size_t len;
	size_t pos;             /* next byte; at a line start between entries */
	unsigned line;          /* line of data[pos] */
	bool at_end;            /* SPLIT_END returned: comments are trailing */

	struct split_token *tokens;
	size_t ntokens;
	size_t tokens_cap;
	size_t text_len;        /* the entry's text with tokens joined by spaces */

	struct split_comment *comments;
	size_t ncomments;
	size_t comments_cap;
	unsigned recoveries;    /* unterminated parentheses read past so far */
};

/* The state of the entry being read. */
struct scan {
	unsigned start_line;
	bool open;              /* inside parentheses */
	unsigned open_line;
	size_t open_pos;        /* where the '(' stands */
	const char *error;      /* first error; once set, the rest is skipped */
	unsigned error_line;
};

struct split_reader *split_new(const char *data, size_t len)
{
	struct split_reader *r = xcalloc(1, sizeof(*r));
	r->data = data;
	r->len = data ? len : 0;
	r->line = 1;
	return r;
}

void split_free(struct split_reader *r)
{
	if (!r)
		return;
	free(r->tokens);
	free(r->comments);
	free(r);
}

void split_trailing_comments(struct split_reader *r,
			     const struct split_comment **comments, size_t *ncomments)
{
	/* Before SPLIT_END the array still holds the last entry's comments. */
	if (!r->at_end) {
		*comments = NULL;
		*ncomments = 0;
		return;
	}
	*comments = r->ncomments ? r->comments : NULL;
	*ncomments = r->ncomments;
}

/* Only the first error of an entry is worth reporting: what follows it is
 * usually fallout. */
static void set_error(struct scan *s, const char *msg, unsigned line)
{
	if (s->error)
		return;
	s->error = msg;
	s->error_line = line;
}

static void skip_to_eol(struct split_reader *r)
{
	const char *nl = memchr(r->data + r->pos, '\n', r->len - r->pos);
	r->pos = nl ? (size_t)(nl - r->data) : r->len;
}

static bool ends_word(char c)
{
	switch (c) {
	case ' ': case '\t': case '\r': case '\n':
	case '(': case ')': case '"': case ';': case '\0':
		return true;
	default:
		return false;
	}
}

static void add_token(struct split_reader *r, struct scan *s, size_t start,
		      size_t len, bool quoted)
{
	if (s->error)
		return;
	if (r->ntokens >= SPLIT_MAX_TOKENS) {
		set_error(s, "too many tokens in entry", s->start_line);
		return;
	}
	size_t joined = r->text_len + len + (r->ntokens ? 1 : 0);
	if (joined > SPLIT_MAX_ENTRY_BYTES) {
		set_error(s, "entry too long", s->start_line);
		return;
	}
	r->text_len = joined;
	struct split_token *t = ARRAY_PUSH(r->tokens, r->ntokens, r->tokens_cap);
	t->text = r->data + start;
	t->len = len;
	t->quoted = quoted;
}

static void read_comment(struct split_reader *r, struct scan *s)
{
	size_t start = r->pos + 1;
	skip_to_eol(r);
	size_t len = r->pos - start;
	if (memchr(r->data + start, '\0', len)) {
		/* A comment with a NUL would reach the loader truncated. */
		set_error(s, "NUL byte in line", r->line);
		return;
	}
	if (len && r->data[start + len - 1] == '\r')
		len--;
	struct split_comment *c = ARRAY_PUSH(r->comments, r->ncomments,
					     r->comments_cap);
	c->line = r->line;
	c->text = r->data + start;
	c->len = len;
}

/*
 * A quoted string runs to the next unescaped '"'. BIND refuses a bare
 * newline inside one (even within parentheses) but, like BIND, a
 * backslash-newline is kept as an escaped newline.
 */
static void read_quoted(struct split_reader *r, struct scan *s)
{
	const char *d = r->data;
	size_t n = r->len;
	size_t i = r->pos + 1;
	unsigned quote_line = r->line;

	while (i < n && d[i] != '\n') {
		char c = d[i];
		if (c == '"') {
			i++;
			add_token(r, s, r->pos, i - r->pos, true);
			r->pos = i;
			return;
		}
		if (c == '\0') {
			set_error(s, "NUL byte in line", r->line);
		} else if (c == '\\' && i + 1 < n && d[i + 1] != '\0') {
			if (d[i + 1] == '\n')
				r->line++;
			i += 2;
			continue;
		}
		i++;
	}
	set_error(s, "unterminated quoted string", quote_line);
	/* The newline is left for the caller: it ends the entry unless a
	 * parenthesis is open. */
	r->pos = i;
}

static void read_word(struct split_reader *r, struct scan *s)
{
	const char *d = r->data;
	size_t n = r->len;
	size_t i = r->pos;

	while (i < n) {
		char c = d[i];
		if (c == '\\') {
			/* An escape keeps the next character in the word, but
			 * a line end or NUL cannot be escaped out of a word
			 * (BIND ends the word there and keeps the backslash). */
			if (i + 1 < n && d[i + 1] != '\n' && d[i + 1] != '\r' &&
			    d[i + 1] != '\0')
				i += 2;
			else
				i++;
			continue;
		}
		if (ends_word(c))
			break;
		i++;
	}
	add_token(r, s, r->pos, i - r->pos, false);
	r->pos = i;
}

/*
 * Reads from a line start to the end of an entry. Returns false when the
 * lines read held nothing but whitespace, comments and empty parentheses.
 */
static bool read_entry(struct split_reader *r, struct split_entry *e)
{
	const char *d = r->data;
	size_t n = r->len;
	struct scan s = { .start_line = r->line };
	bool blank = d[r->pos] == ' ' || d[r->pos] == '\t';

	r->ntokens = 0;
	r->text_len = 0;
	while (r->pos < n) {
		switch (d[r->pos]) {
		case '\n':
			if (!s.open)
				goto done;
			r->pos++;
			r->line++;
			break;
		case ' ':
		case '\t':
		case '\r':
			r->pos++;
			break;
		case '\0':
			set_error(&s, "NUL byte in line", r->line);
			/* Inside parentheses the scan must go on to find
			 * where the entry ends. */
			if (s.open)
				r->pos++;
			else
				skip_to_eol(r);
			break;
		case ';':
			read_comment(r, &s);
			break;
		case '(':
			/* BIND does not nest parentheses; counting them would
			 * only hide the mistake. */
			if (s.open) {
				set_error(&s, "nested parenthesis", r->line);
			} else {
				s.open = true;
				s.open_line = r->line;
				s.open_pos = r->pos;
			}
			r->pos++;
			break;
		case ')':
			if (!s.open) {
				set_error(&s, "unbalanced closing parenthesis", r->line);
				skip_to_eol(r);
				break;
			}
			s.open = false;
			r->pos++;
			break;
		case '"':
			read_quoted(r, &s);
			break;
		default:
			read_word(r, &s);
			break;
		}
	}
	if (s.open) {
		set_error(&s, "unterminated parenthesis", s.open_line);
		/* Most likely one record lacks its ')': go on after the line
		 * that opened it, so the records that follow still load
		 * (bounded, so a file of lone '(' stays linear). */
		if (r->recoveries < 64) {
			r->recoveries++;
			size_t eol = s.open_pos;
			unsigned line = s.open_line;
			while (eol < n && d[eol] != '\n')
				eol++;
			/* the indented lines after it were meant as its
			 * continuation: resume at the next line that starts
			 * in column one */
			while (eol + 1 < n && (d[eol + 1] == ' ' || d[eol + 1] == '\t')) {
				eol++;
				line++;
				while (eol < n && d[eol] != '\n')
					eol++;
			}
			r->pos = eol;
			r->line = line;
			while (r->ncomments && r->comments[r->ncomments - 1].line > s.open_line)
				r->ncomments--;
		}
	}
done:
	e->last_line = r->line;
	if (r->pos < n) {
		r->pos++;       /* the newline that ended the entry */
		r->line++;
	} else if (n && d[n - 1] == '\n' && e->last_line > s.start_line) {
		/* The file's last newline ended the previous line; no line
		 * of its own follows it. */
		e->last_line--;
	}

	if (s.error) {
		e->kind = SPLIT_ERROR;
		e->error = s.error;
		e->first_line = s.error_line;
		if (e->last_line < e->first_line)
			e->last_line = e->first_line;
		e->owner_blank = false;
		e->tokens = NULL;
		e->ntokens = 0;
	} else if (r->ntokens == 0) {
		return false;
	} else {
		const struct split_token *t = &r->tokens[0];
		/* As in BIND: a directive is a $word where an owner name
		 * could stand, never after initial whitespace. A quoted
		 * "$TTL" starts with '"' and so stays a record. */
		bool directive = !blank && t->text[0] == '$';
		e->kind = directive ? SPLIT_DIRECTIVE : SPLIT_RECORD;
		e->first_line = s.start_line;
		e->owner_blank = blank;
		e->tokens = r->tokens;
		e->ntokens = r->ntokens;
		e->error = NULL;
	}
	e->comments = r->ncomments ? r->comments : NULL;
	e->ncomments = r->ncomments;
	return true;
}

enum split_kind split_next(struct split_reader *r, struct split_entry *e)
{
	/* The previous entry's comments were handed out with it. */
	if (!r->at_end)
		r->ncomments = 0;
	memset(e, 0, sizeof(*e));
	while (r->pos < r->len) {
		if (read_entry(r, e))
			return e->kind;
	}
	r->at_end = true;
	e->kind = SPLIT_END;
	e->first_line = e->last_line = r->line;
	return SPLIT_END;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool split_token_unescape_to(struct strbuf *sb, const struct split_token *token)
{
	const char *p = token->text;
	size_t n = token->len;
	bool nul = false;

	if (token->quoted && n && p[0] == '"') {
		p++;
		n--;
	}
	size_t i = 0;
	while (i < n) {
		char c = p[i];
		if (c == '"' && token->quoted && i == n - 1)
			break;  /* the closing quote */
		if (c != '\\') {
			strbuf_addch(sb, c);
			nul |= c == '\0';
			i++;
			continue;
		}
		if (i + 1 >= n) {
			/* A trailing backslash escapes nothing; keep it. */
			strbuf_addch(sb, '\\');
			break;
		}
		if (i + 3 < n && is_digit(p[i + 1]) && is_digit(p[i + 2]) &&
		    is_digit(p[i + 3])) {
			int v = (p[i + 1] - '0') * 100 + (p[i + 2] - '0') * 10 +
				(p[i + 3] - '0');
			if (v <= 255) {
				strbuf_addch(sb, (char)v);
				nul |= v == 0;
				i += 4;
				continue;
			}
		}
		/* "\X", and a \DDD that is not three digits up to 255,
		 * stand for the character after the backslash. */
		strbuf_addch(sb, p[i + 1]);
		nul |= p[i + 1] == '\0';
		i += 2;
	}
	return nul;
}

char *split_token_unescape(const struct split_token *token, bool *has_nul)
{
	struct strbuf sb = STRBUF_INIT;
	bool nul = split_token_unescape_to(&sb, token);
	if (has_nul)
		*has_nul = nul;
	return strbuf_detach(&sb);
}

/* ---- tokens ---- */

bool split_digits(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

bool split_token_is(const struct split_token *t, const char *word)
{
	return !t->quoted && strlen(word) == t->len && !strncasecmp(t->text, word, t->len);
}

unsigned split_token_class(const struct split_token *t)
{
	static const struct {
		const char *text;
		size_t len;
		unsigned number;
	} classes[] = {
		{"IN", 2, 1}, {"CH", 2, 3}, {"CHAOS", 5, 3}, {"HS", 2, 4}, {"HESIOD", 6, 4},
		{"CS", 2, 2}, {"NONE", 4, 254}, {"ANY", 3, 255},
	};
	for (size_t i = 0; !t->quoted && i < ARRAY_LEN(classes); i++)
		if (classes[i].len == t->len && ascii_equal_n(t->text, classes[i].text, t->len))
			return classes[i].number;
	if (t->len > 5 && t->len <= 10 && !t->quoted && !strncasecmp(t->text, "CLASS", 5) &&
	    split_digits(t->text + 5, t->len - 5)) {
		unsigned long v = strtoul(t->text + 5, NULL, 10);
		return v && v <= UINT16_MAX ? (unsigned)v : 0;
	}
	return 0;
}

bool split_has_inner_at(const char *s, size_t len)
{
	if (len == 1 && s[0] == '@')
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] == '@')
			return true;
	}
	return false;
}

/* dname_from_text decodes the escapes itself. */
size_t split_token_name(uint8_t out[256], const struct split_token *t, const uint8_t *origin)
{
	if (t->quoted || t->len >= NAME_TEXT_MAX)
		return 0;
	char raw[NAME_TEXT_MAX];
	memcpy(raw, t->text, t->len);
	raw[t->len] = '\0';
	return dname_from_text(out, raw, origin);
}
