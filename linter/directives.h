/*
 * directives.h — the master-file directives (RFC 1035 §5.1, RFC 2308 §4,
 * BIND's $GENERATE): $ORIGIN changes the origin of what follows, $TTL the
 * default TTL, $INCLUDE reads another file into the zone being loaded,
 * $GENERATE queues a range of records; gdnsd's own directives mark a file
 * that is no master file. Any other $word is a zone-syntax problem.
 *
 * Called by load.c for each directive entry of a file, with the loader's
 * state (load_impl.h): problems go where the loader's go, and count
 * against record-limit the same way.
 */
#ifndef PTRLINT_DIRECTIVES_H
#define PTRLINT_DIRECTIVES_H

#include <stdbool.h>
#include <stdint.h>

#include "load_impl.h"

/* Act on directive entry e of the file at path; origin (wire) is the
 * file's current origin, which $ORIGIN changes. False when the rest of
 * the file must not be read (the zone is not loaded). */
bool directive_apply(struct load_state *st, const struct split_entry *e, const char *path,
		     uint8_t origin[NAME_WIRE_MAX + 1], const struct file_pos *at);

#endif
