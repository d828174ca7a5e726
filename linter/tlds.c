/*
 * tlds.c — see tlds.h. Owns the lookup; the data comes from
 * build/tlds_data.c, which tools/gen-tlds.sh writes sorted and lower-case.
 */
#include "tlds.h"

#include "util.h"

#include <string.h>

extern const char tld_data_version[];
extern const char *const tld_data[];
extern const size_t tld_data_count;

const char *tld_list_version(void)
{
	return tld_data_version;
}

bool tld_is_delegated(const char *label, size_t len)
{
	char key[64];
	/* A DNS label holds at most 63 octets; a NUL inside one would make a
	 * C-string comparison match a shorter TLD. */
	if (!label || !len || len > 63 || memchr(label, '\0', len))
		return false;
	for (size_t i = 0; i < len; i++)
		key[i] = (char)ascii_lower((unsigned char)label[i]);
	key[len] = '\0';

	/* Reserved for documentation and testing (RFC 2606); fixtures and
	 * examples use them as if they were real. */
	if (!strcmp(key, "example") || !strcmp(key, "test"))
		return true;

	size_t lo = 0, hi = tld_data_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, tld_data[mid]);
		if (!c)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}
