/*
 * spf.h — the one reader of SPF records (RFC 7208): the mail analysis
 * takes its senders from the ip4:/ip6: terms it hands out (SPEC §5), and
 * spf-syntax reports the terms it could not read (SPEC §6). Each term is
 * read once, by the grammar of RFC 7208 §4.6.1 and §12, so the two can
 * never disagree on what a record says.
 *
 * Owns its copy of the record's text, from spf_open() to spf_close().
 */
#ifndef PTRLINT_SPF_H
#define PTRLINT_SPF_H

#include <stdbool.h>

#include "addr.h"
#include "index.h"

enum spf_term_kind {
	SPF_IP,                  /* ip4: or ip6: — prefix holds the network */
	SPF_OTHER,               /* another mechanism or a modifier, read */
	SPF_UNREADABLE,          /* why says what is wrong */
};

struct spf_term {
	const char *text;        /* the term as written (valid until the next call) */
	enum spf_term_kind kind;
	char qualifier;          /* a mechanism's '+' (also when none is written), '-', '~', '?';
				  * 0 for a modifier */
	struct ip_prefix prefix; /* SPF_IP: host bits past the length are cleared */
	const char *why;         /* SPF_UNREADABLE: a phrase for messages, valid until the next call */
};

struct spf_reader {
	char *text;              /* the record's text, cut into terms as they are read */
	char *next;
	bool seen_redirect, seen_exp;
	char why[160];
};

/* Is r a TXT record the SPF reader looks at: active (SPEC §4: one mistake,
 * one finding) and in a forward zone, where mail names live? */
bool spf_record_candidate(const struct index *ix, const struct record *r);
/* Start reading r. False, and nothing to close, when its text does not
 * start with the version "v=spf1" (RFC 7208 §4.5: then it is no SPF record). */
bool spf_open(struct spf_reader *reader, const struct record *r);
/* The next term, or false at the end of the record. */
bool spf_next(struct spf_reader *reader, struct spf_term *term);
void spf_close(struct spf_reader *reader);

/* The same over a text (tests): "v=spf1 ..." as the concatenated strings. */
bool spf_open_text(struct spf_reader *reader, const char *text);

#endif
