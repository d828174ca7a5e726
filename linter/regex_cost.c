/*
 * regex_cost.c — keeping glibc's regcomp cheap on the config's patterns
 * (regex_cost.h): what one pattern would cost it, refused before it is
 * compiled when too much, a budget for the whole config, and sets of
 * patterns compiled as a few balanced alternations.
 */
#include "regex_cost.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* glibc's regcomp copies x{n,m} m times, nested copies multiply
 * ("((a{1,255}){1,255}){1,255}" exhausts memory), and it recurses once per
 * group (20000 nested parentheses overflow the stack). Host name patterns
 * are short; these bounds keep any pattern cheap to compile. Plain numbers:
 * the messages spell them with LIMIT_TEXT. */
#define REGEX_MAX_REPEAT 255
#define REGEX_MAX_NESTING 32
#define REGEX_MAX_POSITIONS 4096

/* A limit in a message, spelled from the constant the check uses. */
#define LIMIT_TEXT(n) LIMIT_TEXT_(n)
#define LIMIT_TEXT_(n) #n

/* Digits at *p, saturating (leading zeros must not hide a big count);
 * returns how many. */
static size_t bound_parse(const char **p, unsigned long *out)
{
	size_t n = 0;
	*out = 0;
	for (; **p >= '0' && **p <= '9'; (*p)++, n++) {
		*out = *out * 10 + (unsigned long)(**p - '0');
		if (*out > 100000)
			*out = 100000;
	}
	return n;
}

/* A repetition of something that can match the empty string ("(x*)*",
 * "x*+", "(^|x){30}") makes glibc's regcomp compute epsilon closures that
 * grow exponentially with the repetitions, worse still beside an anchor:
 * the 25-byte "($a*+*){100}&)*)*){100}0" (found by fuzz_config) took
 * minutes. Such a pattern means the same as one without the outer
 * repetition, so it is refused. */
#define REGEX_NULLABLE_REPEAT "a repetition of something that can match nothing, " \
	"such as (x*)* or x*+ (write x* instead)"

/* The ']' that closes the bracket expression opening at p, or NULL when
 * none does (regcomp refuses that). */
static const char *bracket_end(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']') {
		if (p[0] == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			char close = p[1];
			p += 2;
			while (*p && !(p[0] == close && p[1] == ']'))
				p++;
			if (*p)
				p++;
		}
		if (*p)
			p++;
	}
	return *p ? p : NULL;
}

/* Why re would be too costly for regcomp (see REGEX_MAX_*), or NULL with
 * *cost set to its size in positions. It over-estimates rather than parse
 * ERE exactly: regcomp judges syntax. */
static const char *regex_too_costly(const char *re, size_t *cost)
{
	size_t total[REGEX_MAX_NESTING + 1];   /* positions so far in each open group */
	size_t last[REGEX_MAX_NESTING + 1];    /* positions of the last atom, for a repetition */
	/* can match the empty string: the group's finished alternatives, the
	 * current alternative, it before its last atom, and the last atom */
	bool group_null[REGEX_MAX_NESTING + 1], alt_null[REGEX_MAX_NESTING + 1];
	bool before_null[REGEX_MAX_NESTING + 1], last_null[REGEX_MAX_NESTING + 1];
	bool has_last[REGEX_MAX_NESTING + 1];
	int depth = 0;
	total[0] = last[0] = 0;
	group_null[0] = false;
	alt_null[0] = true;
	has_last[0] = false;
	for (const char *p = re; *p; p++) {
		size_t atom = 1;
		bool atom_null = false;
		switch (*p) {
		case '\\':
			/* patterns are matched many in one alternation, where a
			 * group number means another group (and glibc backtracks) */
			if (p[1] >= '1' && p[1] <= '9')
				return "a back-reference (\\1 to \\9) is not supported";
			/* GNU anchors can match nothing */
			if (p[1] && strchr("bB<>`'", p[1]))
				atom_null = true;
			if (p[1])
				p++;
			break;
		case '^':
		case '$':
			atom_null = true;
			break;
		case '[':
			if (!(p = bracket_end(p)))
				return NULL;
			break;
		case '(':
			if (depth == REGEX_MAX_NESTING)
				return "parentheses nested more than " LIMIT_TEXT(REGEX_MAX_NESTING) " deep";
			depth++;
			total[depth] = last[depth] = 0;
			group_null[depth] = false;
			alt_null[depth] = true;
			has_last[depth] = false;
			continue;
		case ')':
			if (depth) {
				atom = total[depth] ? total[depth] : 1;
				atom_null = group_null[depth] || alt_null[depth];
				depth--;
			}
			break;
		case '|':
			last[depth] = 0;
			group_null[depth] |= alt_null[depth];
			alt_null[depth] = true;
			has_last[depth] = false;
			continue;
		case '*':
		case '?':
			if (!has_last[depth])
				continue;
			if (last_null[depth])
				return REGEX_NULLABLE_REPEAT;
			last_null[depth] = true;
			alt_null[depth] = before_null[depth];
			continue;
		case '+':
			if (has_last[depth] && last_null[depth])
				return REGEX_NULLABLE_REPEAT;
			/* x+ is compiled as xx* */
			total[depth] += last[depth];
			last[depth] *= 2;
			atom = 0;
			break;
		case '{': {
			const char *q = p + 1;
			unsigned long low, high;
			size_t digits = bound_parse(&q, &low);
			high = low;
			bool comma = *q == ',';
			if (comma) {
				q++;
				if (!bound_parse(&q, &high))
					high = low + 1;     /* x{n,} is n copies and a star */
			}
			if (*q != '}' || (!digits && !comma))
				break;              /* not a bound: a literal '{' */
			if (low > REGEX_MAX_REPEAT || high > REGEX_MAX_REPEAT + 1)
				return "repetition count greater than " LIMIT_TEXT(REGEX_MAX_REPEAT);
			if (has_last[depth] && last_null[depth])
				return REGEX_NULLABLE_REPEAT;
			if (high > 1) {
				total[depth] += last[depth] * (high - 1);
				last[depth] *= high;
			}
			if (!low && has_last[depth]) {
				last_null[depth] = true;
				alt_null[depth] = before_null[depth];
			}
			p = q;
			atom = 0;
			break;
		}
		default:
			break;
		}
		if (atom) {
			total[depth] += atom;
			last[depth] = atom;
			before_null[depth] = alt_null[depth];
			last_null[depth] = atom_null;
			alt_null[depth] = alt_null[depth] && atom_null;
			has_last[depth] = true;
		}
		if (total[depth] > REGEX_MAX_POSITIONS)
			return "pattern too complex (its repetitions expand past "
			       LIMIT_TEXT(REGEX_MAX_POSITIONS) " positions)";
	}
	*cost = total[0];
	while (depth)           /* unclosed groups: regcomp will refuse them */
		*cost += total[depth--];
	return NULL;
}

/* Compile re into *out, counting its cost against *budget; on failure
 * returns false and sets *why to a message the caller frees. */
bool regex_compile(regex_t *out, const char *re, int flags, size_t *budget,
			  char **why)
{
	size_t cost = 0;
	const char *costly = regex_too_costly(re, &cost);
	if (costly) {
		*why = xstrdup(costly);
		return false;
	}
	if (cost > *budget) {
		*why = xstrdup("the config's patterns together expand past "
			       LIMIT_TEXT(REGEX_TOTAL_POSITIONS) " positions");
		return false;
	}
	*budget -= cost;
	int rc = regcomp(out, re, flags);
	if (rc) {
		size_t n = regerror(rc, out, NULL, 0);
		*why = xmalloc(n);
		regerror(rc, out, *why, n);
		return false;
	}
	return true;
}

/* Patterns per alternation. glibc's regcomp grows faster than linearly with
 * the branches of one alternation (16,000 one-character patterns: 9 s as a
 * flat a|b|c..., 0.05 s as a balanced tree of groups, more with anchors),
 * so a set is a few trees of at most this many. */
#define REGEX_SET_CHUNK 1024

/* re as one group that nothing outside can reach into: a ')' that closes
 * nothing (glibc reads it as a literal) is escaped, else it would close
 * the group around it. */
static void regex_add_group(struct strbuf *out, const char *re)
{
	strbuf_addch(out, '(');
	int depth = 0;
	for (const char *p = re; *p; p++) {
		const char *end;
		if (*p == '\\' && p[1]) {
			strbuf_add(out, p, 2);
			p++;
		} else if (*p == '[' && (end = bracket_end(p))) {
			strbuf_add(out, p, (size_t)(end - p + 1));
			p = end;
		} else if (*p == ')' && !depth) {
			strbuf_addstr(out, "\\)");
		} else {
			depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
			strbuf_addch(out, *p);
		}
	}
	strbuf_addch(out, ')');
}

/* (a|b) of patterns [lo, hi), as a balanced tree of groups. */
static void regex_add_tree(struct strbuf *out, char *const *texts, size_t lo, size_t hi)
{
	if (hi - lo == 1) {
		regex_add_group(out, texts[lo]);
		return;
	}
	size_t mid = lo + (hi - lo) / 2;
	strbuf_addch(out, '(');
	regex_add_tree(out, texts, lo, mid);
	strbuf_addch(out, '|');
	regex_add_tree(out, texts, mid, hi);
	strbuf_addch(out, ')');
}

void regex_set_free(struct regex_set *set)
{
	for (size_t i = 0; i < set->nchunks; i++)
		regfree(&set->chunks[i]);
	free(set->chunks);
	memset(set, 0, sizeof(*set));
}

/* The set of patterns that each compiled on their own already. A chunk
 * that does not compile as one (it should not) is matched pattern by
 * pattern. */
void regex_set_build(struct regex_set *set, char *const *texts, size_t n, int flags)
{
	regex_set_free(set);
	size_t cap = 0;
	for (size_t lo = 0; lo < n; lo += REGEX_SET_CHUNK) {
		size_t hi = n - lo > REGEX_SET_CHUNK ? lo + REGEX_SET_CHUNK : n;
		struct strbuf text = STRBUF_INIT;
		regex_add_tree(&text, texts, lo, hi);
		grow_array((void **)&set->chunks, &cap, set->nchunks + 1, sizeof(regex_t));
		bool ok = !regcomp(&set->chunks[set->nchunks], text.data, flags);
		strbuf_release(&text);
		if (ok) {
			set->nchunks++;
			continue;
		}
		for (size_t i = lo; i < hi; i++) {
			grow_array((void **)&set->chunks, &cap, set->nchunks + 1, sizeof(regex_t));
			if (!regcomp(&set->chunks[set->nchunks], texts[i], flags))
				set->nchunks++;
		}
	}
}

bool regex_set_match(const struct regex_set *set, const char *text)
{
	for (size_t i = 0; i < set->nchunks; i++)
		if (!regexec(&set->chunks[i], text, 0, NULL, 0))
			return true;
	return false;
}
