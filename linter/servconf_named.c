/*
 * servconf_named.c — BIND's named.conf as far as zone maps go (SPEC §4a):
 * `options { directory }`, `include` (with glob(3) patterns, as BIND
 * 9.20 reads them), `view` blocks, and `zone "name" [class] { type; file;
 * in-view; }`. Every other statement is read for its syntax only, so a
 * config that named refuses for its syntax is refused here too, with
 * FILE:LINE:COL.
 *
 * The grammar: a statement is words and quoted strings, with blocks
 * `{ statement... }` among them, ended by ';'. Comments are `#` and `//`
 * to the end of the line, and C's non-nesting `/ * ... * /`.
 * Relative zone files are resolved once the whole configuration is read:
 * `directory` applies to every zone, wherever it stands.
 */
#include <stdlib.h>
#include <string.h>

#include "servconf_impl.h"

enum token_kind { T_EOF, T_WORD, T_STRING, T_OPEN, T_CLOSE, T_SEMI, T_ERROR };

struct token {
	enum token_kind kind;
	char *text;              /* T_WORD, T_STRING: the value (escapes applied) */
	unsigned line, column;
};

struct lexer {
	struct servconf_reader *rd;
	const char *path;
	const char *text;
	size_t len, pos;
	unsigned line;
	size_t line_start;
};

/* What a block holds decides what its statements mean. */
enum block_kind { B_TOP, B_VIEW, B_OPTIONS, B_ZONE, B_OTHER };

struct zone_body {
	struct token type, file, in_view;   /* kind T_EOF while absent */
};

/* State of one named.conf and its includes. */
struct named {
	struct servconf_reader *rd;
	char *directory;         /* options { directory }, as written */
	bool any_view;
	struct servconf_place first_viewless;   /* a zone outside views; file NULL: none */
	char *first_viewless_name;
};

/* ---- the lexer ---- */

static unsigned column_of(const struct lexer *lx, size_t pos)
{
	return (unsigned)(pos - lx->line_start + 1);
}

static void newline_at(struct lexer *lx, size_t pos)
{
	lx->line++;
	lx->line_start = pos + 1;
}

/* Skip blanks and comments. -1 (error added) on an unterminated comment. */
static int skip_space(struct lexer *lx)
{
	while (lx->pos < lx->len) {
		char c = lx->text[lx->pos];
		char next = lx->pos + 1 < lx->len ? lx->text[lx->pos + 1] : '\0';
		if (c == '\n') {
			newline_at(lx, lx->pos);
			lx->pos++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			lx->pos++;
		} else if (c == '#' || (c == '/' && next == '/')) {
			while (lx->pos < lx->len && lx->text[lx->pos] != '\n')
				lx->pos++;
		} else if (c == '/' && next == '*') {
			unsigned line = lx->line, column = column_of(lx, lx->pos);
			lx->pos += 2;
			for (;;) {
				if (lx->pos + 1 >= lx->len) {
					servconf_error(lx->rd, lx->path, line, column,
						       "unterminated comment: '/*' without '*/'");
					return -1;
				}
				if (lx->text[lx->pos] == '*' && lx->text[lx->pos + 1] == '/')
					break;
				if (lx->text[lx->pos] == '\n')
					newline_at(lx, lx->pos);
				lx->pos++;
			}
			lx->pos += 2;
		} else {
			break;
		}
	}
	return 0;
}

/* A quoted string: up to the closing quote on the same line; '\' takes
 * the next character as it is. */
static void lex_string(struct lexer *lx, struct token *tok)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "");
	lx->pos++;
	while (lx->pos < lx->len && lx->text[lx->pos] != '"' && lx->text[lx->pos] != '\n') {
		if (lx->text[lx->pos] == '\\' && lx->pos + 1 < lx->len &&
		    lx->text[lx->pos + 1] != '\n')
			lx->pos++;
		strbuf_addch(&sb, lx->text[lx->pos++]);
	}
	if (lx->pos >= lx->len || lx->text[lx->pos] != '"') {
		servconf_error(lx->rd, lx->path, tok->line, tok->column,
			       "unterminated string: no closing '\"' on this line");
		strbuf_release(&sb);
		tok->kind = T_ERROR;
		return;
	}
	lx->pos++;
	tok->kind = T_STRING;
	tok->text = strbuf_detach(&sb);
}

static bool word_char(char c)
{
	return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
	       c != '{' && c != '}' && c != ';' && c != '"';
}

static struct token lex_next(struct lexer *lx)
{
	struct token tok = {T_EOF, NULL, 0, 0};
	if (skip_space(lx)) {
		tok.kind = T_ERROR;
		return tok;
	}
	tok.line = lx->line;
	tok.column = column_of(lx, lx->pos);
	if (lx->pos >= lx->len)
		return tok;
	char c = lx->text[lx->pos];
	if (c == '{' || c == '}' || c == ';') {
		tok.kind = c == '{' ? T_OPEN : c == '}' ? T_CLOSE : T_SEMI;
		lx->pos++;
	} else if (c == '"') {
		lex_string(lx, &tok);
	} else {
		size_t start = lx->pos;
		while (lx->pos < lx->len && word_char(lx->text[lx->pos]))
			lx->pos++;
		tok.kind = T_WORD;
		tok.text = xstrndup(lx->text + start, lx->pos - start);
	}
	return tok;
}

static void token_free(struct token *tok)
{
	free(tok->text);
	tok->text = NULL;
	tok->kind = T_EOF;
}

static const char *token_show(const struct token *tok)
{
	switch (tok->kind) {
	case T_OPEN:
		return "'{'";
	case T_CLOSE:
		return "'}'";
	case T_SEMI:
		return "';'";
	case T_EOF:
		return "the end of the file";
	default:
		return tok->text ? tok->text : "?";
	}
}

/* ---- the parser ---- */

static int parse_statements(struct named *nc, struct lexer *lx, enum block_kind kind,
			    unsigned depth, const char *view, struct zone_body *body,
			    const struct token *opener);

static enum block_kind child_kind(enum block_kind kind, const char *keyword)
{
	bool top = kind == B_TOP, in_view = kind == B_VIEW;
	if ((top || in_view) && !strcmp(keyword, "zone"))
		return B_ZONE;
	if (top && !strcmp(keyword, "view"))
		return B_VIEW;
	if (top && !strcmp(keyword, "options"))
		return B_OPTIONS;
	return B_OTHER;
}

static struct servconf_place place_at(const struct lexer *lx, const struct token *tok)
{
	struct servconf_place place = {(char *)lx->path, tok->line, tok->column};
	return place;
}

static int read_include(struct named *nc, struct lexer *lx, const struct token *keyword,
			const struct token *arg, enum block_kind kind, unsigned depth,
			const char *view, struct zone_body *body)
{
	struct servconf_reader *rd = nc->rd;
	char **paths = NULL, *why = NULL;
	size_t count = 0;
	if (servconf_glob(rd, arg->text, nc->directory, rd->top_dir, &paths, &count, &why)) {
		servconf_error(rd, lx->path, keyword->line, keyword->column, "include '%s': %s",
			       arg->text, why);
		free(why);
		return 0;     /* the statement itself was read: go on */
	}
	struct servconf_place from = place_at(lx, keyword);
	for (size_t i = 0; i < count; i++) {
		char *data = NULL;
		size_t len = 0;
		if (!rd->halted && servconf_open(rd, paths[i], &from, &data, &len) == 0) {
			struct lexer inner = {rd, paths[i], data, len, 0, 1, 0};
			parse_statements(nc, &inner, kind, depth, view, body, NULL);
			servconf_close(rd);
			free(data);
		}
		free(paths[i]);
	}
	free(paths);
	return 0;
}

/* One of type, file, in-view inside a zone block (others are ignored). */
static void zone_option(struct named *nc, struct lexer *lx, struct zone_body *body,
			const struct token *keyword, struct token *arg)
{
	struct token *slot = !strcmp(keyword->text, "type")	? &body->type
			     : !strcmp(keyword->text, "file")	? &body->file
			     : !strcmp(keyword->text, "in-view") ? &body->in_view
								 : NULL;
	if (!slot)
		return;
	if (!arg || arg->kind == T_EOF) {
		servconf_error(nc->rd, lx->path, keyword->line, keyword->column,
			       "'%s' needs a value", keyword->text);
	} else if (slot->kind != T_EOF) {
		servconf_error(nc->rd, lx->path, keyword->line, keyword->column,
			       "'%s' given twice in one zone (first on line %u)", keyword->text,
			       slot->line);
	} else {
		*slot = *arg;
		arg->text = NULL;
		arg->kind = T_EOF;
	}
}

static bool type_of(const char *word, enum servconf_zone_type *type)
{
	static const struct {
		const char *word;
		enum servconf_zone_type type;
	} types[] = {
		{"primary", SERVCONF_PRIMARY},   {"master", SERVCONF_PRIMARY},
		{"secondary", SERVCONF_SECONDARY}, {"slave", SERVCONF_SECONDARY},
		{"stub", SERVCONF_STUB},         {"static-stub", SERVCONF_STATIC_STUB},
		{"forward", SERVCONF_FORWARD},   {"hint", SERVCONF_HINT},
		{"mirror", SERVCONF_MIRROR},     {"redirect", SERVCONF_REDIRECT},
		{"delegation-only", SERVCONF_DELEGATION_ONLY},
	};
	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		if (!ascii_strcasecmp(word, types[i].word)) {
			*type = types[i].type;
			return true;
		}
	return false;
}

/* The zone statement once its block is read. */
static void add_zone(struct named *nc, struct lexer *lx, const struct token *keyword,
		     struct token *args, size_t nargs, bool had_block, const char *view,
		     struct zone_body *body)
{
	struct servconf_reader *rd = nc->rd;
	if (!nargs) {
		servconf_error(rd, lx->path, keyword->line, keyword->column,
			       "'zone' needs a name: zone \"example.com\" { ... };");
		return;
	}
	const char *name = args[0].text;
	if (!had_block) {
		servconf_error(rd, lx->path, keyword->line, keyword->column,
			       "zone '%s' has no { ... } block", name);
		return;
	}
	enum servconf_zone_type type = SERVCONF_PRIMARY;
	if (body->in_view.kind != T_EOF) {
		if (body->type.kind != T_EOF) {
			servconf_error(rd, lx->path, body->type.line, body->type.column,
				       "zone '%s': 'type' cannot go with 'in-view'", name);
			return;
		}
		if (!servconf_find_zone(rd, body->in_view.text, name)) {
			servconf_error(rd, lx->path, body->in_view.line, body->in_view.column,
				       "zone '%s': in-view '%s' names no view that defines it before "
				       "this statement",
				       name, body->in_view.text);
			return;
		}
		type = SERVCONF_IN_VIEW;
	} else if (body->type.kind == T_EOF) {
		servconf_error(rd, lx->path, keyword->line, keyword->column,
			       "zone '%s' has no 'type'", name);
		return;
	} else if (!type_of(body->type.text, &type)) {
		servconf_error(rd, lx->path, body->type.line, body->type.column,
			       "zone '%s': unknown type '%s'", name, body->type.text);
		return;
	}
	const char *class_name = NULL;
	if (nargs > 1 && ascii_strcasecmp(args[1].text, "IN"))
		class_name = args[1].text;
	struct servconf_zone *z = servconf_add_zone(rd, name, view, class_name, lx->path,
						    keyword->line, keyword->column);
	if (!z)
		return;
	z->type = type;
	if (type == SERVCONF_IN_VIEW)
		z->in_view = xstrdup(body->in_view.text);
	if (body->file.kind != T_EOF)
		z->file_written = xstrdup(body->file.text);
	if (!view && !nc->first_viewless.file) {
		nc->first_viewless = place_at(lx, keyword);
		nc->first_viewless.file = xstrdup(lx->path);
		nc->first_viewless_name = xstrdup(name);
	}
}

/* What a finished statement means in its block. */
static void apply_statement(struct named *nc, struct lexer *lx, enum block_kind kind,
			    unsigned depth, const char *view, struct zone_body *body,
			    const struct token *keyword, struct token *args, size_t nargs,
			    bool had_block, struct zone_body *child_body)
{
	const char *kw = keyword->text;
	if (!strcmp(kw, "include")) {
		if (nargs != 1 || had_block)
			servconf_error(nc->rd, lx->path, keyword->line, keyword->column,
				       "'include' takes one file name: include \"file\";");
		else
			read_include(nc, lx, keyword, &args[0], kind, depth, view, body);
	} else if (kind == B_ZONE) {
		zone_option(nc, lx, body, keyword, nargs ? &args[0] : NULL);
	} else if (kind == B_OPTIONS && !strcmp(kw, "directory")) {
		if (nargs != 1)
			servconf_error(nc->rd, lx->path, keyword->line, keyword->column,
				       "'directory' takes one path");
		else {
			free(nc->directory);
			nc->directory = xstrdup(args[0].text);
		}
	} else if (child_kind(kind, kw) == B_ZONE) {
		add_zone(nc, lx, keyword, args, nargs, had_block, view, child_body);
	} else if (kind == B_VIEW && !strcmp(kw, "view")) {
		servconf_error(nc->rd, lx->path, keyword->line, keyword->column,
			       "a view inside view '%s': views do not nest", view);
	}
}

#define KEPT_ARGS 3

/* A statement from its first word to its ';'. 0, or -1 on a syntax error
 * (the rest of the file is not read). */
static int parse_statement(struct named *nc, struct lexer *lx, struct token *keyword,
			   enum block_kind kind, unsigned depth, const char *view,
			   struct zone_body *body)
{
	struct token args[KEPT_ARGS];
	size_t nargs = 0;
	struct zone_body child_body;
	memset(&child_body, 0, sizeof(child_body));
	enum block_kind inner = child_kind(kind, keyword->text);
	bool had_block = false;
	int rc = 0;
	for (;;) {
		struct token tok = lex_next(lx);
		if (tok.kind == T_WORD || tok.kind == T_STRING) {
			if (nargs < KEPT_ARGS)
				args[nargs++] = tok;
			else
				token_free(&tok);
			continue;
		}
		if (tok.kind == T_SEMI)
			break;
		if (tok.kind == T_OPEN) {
			const char *inner_view = view;
			if (inner == B_VIEW) {
				if (!nargs) {
					servconf_error(nc->rd, lx->path, keyword->line,
						       keyword->column, "'view' needs a name");
					rc = -1;
					break;
				}
				inner_view = args[0].text;
				nc->any_view = true;
			}
			had_block = true;
			rc = parse_statements(nc, lx, inner, depth + 1, inner_view, &child_body,
					      &tok);
			if (rc)
				break;
			continue;
		}
		if (tok.kind != T_ERROR)
			servconf_error(nc->rd, lx->path, tok.line, tok.column,
				       "expected ';' after '%s' (line %u), found %s", keyword->text,
				       keyword->line, token_show(&tok));
		rc = -1;
		break;
	}
	if (!rc)
		apply_statement(nc, lx, kind, depth, view, body, keyword, args, nargs, had_block,
				&child_body);
	for (size_t i = 0; i < nargs; i++)
		token_free(&args[i]);
	token_free(&child_body.type);
	token_free(&child_body.file);
	token_free(&child_body.in_view);
	return rc;
}

/* Statements up to the '}' that closes opener, or to the end of the file
 * (opener NULL). */
static int parse_statements(struct named *nc, struct lexer *lx, enum block_kind kind,
			    unsigned depth, const char *view, struct zone_body *body,
			    const struct token *opener)
{
	if (depth > SERVCONF_MAX_NESTING) {
		servconf_error(nc->rd, lx->path, opener->line, opener->column,
			       "blocks nested deeper than %d", SERVCONF_MAX_NESTING);
		return -1;
	}
	for (;;) {
		if (nc->rd->halted)
			return -1;
		struct token tok = lex_next(lx);
		switch (tok.kind) {
		case T_ERROR:
			return -1;
		case T_EOF:
			if (!opener)
				return 0;
			servconf_error(nc->rd, lx->path, opener->line, opener->column,
				       "'{' is never closed: the file ends first");
			return -1;
		case T_CLOSE:
			if (opener)
				return 0;
			servconf_error(nc->rd, lx->path, tok.line, tok.column,
				       "'}' without a '{' to close");
			return -1;
		case T_SEMI:
			continue;    /* an empty statement */
		case T_OPEN:
			servconf_error(nc->rd, lx->path, tok.line, tok.column,
				       "'{' where a statement should start");
			return -1;
		case T_WORD:
		case T_STRING: {
			int rc = parse_statement(nc, lx, &tok, kind, depth, view, body);
			token_free(&tok);
			if (rc)
				return -1;
			break;
		}
		}
	}
}

/* named refuses zones outside views once there is a view. */
static void check_views(struct named *nc)
{
	if (nc->any_view && nc->first_viewless.file)
		servconf_error(nc->rd, nc->first_viewless.file, nc->first_viewless.line,
			       nc->first_viewless.column,
			       "zone '%s' stands outside every view, but the configuration has "
			       "views: named refuses that",
			       nc->first_viewless_name);
}

int servconf_named_read(struct servconf_reader *rd, const char *path)
{
	struct named nc;
	memset(&nc, 0, sizeof(nc));
	nc.rd = rd;
	char *data = NULL;
	size_t len = 0;
	if (servconf_open(rd, path, NULL, &data, &len))
		return -1;
	struct lexer lx = {rd, path, data, len, 0, 1, 0};
	int rc = parse_statements(&nc, &lx, B_TOP, 0, NULL, NULL, NULL);
	servconf_close(rd);
	free(data);
	check_views(&nc);
	for (size_t i = rd->first_zone; i < rd->out->zone_count; i++)
		if (nc.directory)
			rd->out->zones[i].server_dir = xstrdup(nc.directory);
	free(nc.directory);
	free(nc.first_viewless.file);
	free(nc.first_viewless_name);
	return rc;
}
