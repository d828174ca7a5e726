/*
 * origin.h — origin inference (SPEC §4): where a zone's origin comes from
 * when the config names none. The first match wins: the owner of a first
 * record that is an SOA, a $ORIGIN before the first record, the file's
 * name ("db.192.0.2" -> "2.0.192.in-addr.arpa."). An origin guessed from a
 * file name is believed only when it looks like a domain.
 *
 * load.c asks these once per requested file, while the file is in memory
 * for its $INCLUDE scan anyway; discover.c decides which files are zones.
 */
#ifndef PTRLINT_ORIGIN_H
#define PTRLINT_ORIGIN_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "index.h"

/* The SOA owner when the file's first record is an SOA with an absolute
 * owner or one that follows a $ORIGIN (*source ORIGIN_SOA); else the
 * $ORIGIN before the first record (ORIGIN_DOLLAR). Its wire length in
 * out, 0 when neither. */
size_t origin_from_text(uint8_t out[256], const char *data, size_t len,
			enum origin_source *source);

/* The origin a file name implies ("db.192.0.2" -> "2.0.192.in-addr.arpa."),
 * lower-case with a final dot, or NULL. Caller frees. */
char *origin_from_file_name(const char *path);

/* Why an origin guessed from a file name (text form, final dot) does not
 * look like a domain (a network that is no reverse name, a single label,
 * no delegated or configured top-level domain), or NULL when it does.
 * Caller frees. */
char *origin_name_doubt(const char *text, const struct config *cfg);

#endif
