/*
 * fuzz_config.c — libFuzzer target for the YAML config loader
 * (config_load_buffer over the built-in defaults, as main.c does), then
 * --print-config's writer over whatever was loaded. An error must come
 * with a message; config_free must release a half-updated config.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
	/* exact-size copy: the loader takes a length, not a C string */
	char *data = malloc(len ? len : 1);
	memcpy(data, bytes, len);
	struct config cfg;
	config_init_defaults(&cfg);
	char *err = NULL;
	if (config_load_buffer(&cfg, "fuzz.yaml", data, len, &err)) {
		if (!err || !*err)
			abort();
		free(err);
	} else {
		/* the effective config must print (into memory, not stdout) */
		char *out = NULL;
		size_t out_len = 0;
		FILE *f = open_memstream(&out, &out_len);
		if (f) {
			config_print(&cfg, f);
			fclose(f);
			free(out);
		}
	}
	config_free(&cfg);
	free(data);
	return 0;
}
