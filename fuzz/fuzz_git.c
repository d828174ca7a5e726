/*
 * fuzz_git.c — libFuzzer target for the git source (source_git.c) under
 * the whole pipeline: each input becomes a tree of a generated repository,
 * which ptrlint then lints the way --rev does (config, directory search,
 * $INCLUDE through the tree, symlinks followed only inside it, every
 * rule), and every path of the input is looked up, read and listed.
 *
 * Input: up to 6 files and an optional config in the format of parts.h;
 * a name ending in '@' makes that entry a symlink whose target is the
 * data, less its final line break ("%% hosts.inc@" then "../../etc/passwd").
 *
 * The repository is made once, bare, in a temporary directory; its
 * objects go to an in-memory backend (libgit2's mempack) that is emptied
 * after every input, so the disk is not written per execution.
 */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/mempack.h>

#include "parts.h"
#include "pipeline.h"
#include "source.h"

#define MAX_FILES 6

static const char *const default_names[MAX_FILES] = {
	"db.example.com", "db.192.0.2", "inc/common", "8.b.d.0.1.0.0.2.ip6.arpa.zone",
	"link.zone", "sub/db.example.net",
};

static git_repository *repo;
static git_odb_backend *mempack;
static char repo_dir[] = "/tmp/fuzz_git.XXXXXX";

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	git_repository_free(repo);
	git_libgit2_shutdown();
	nftw(repo_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	git_odb *odb = NULL;
	/* libgit2's object cache would keep every input's trees and blobs
	 * (up to 256 MiB): an execution must leave nothing behind */
	if (git_libgit2_init() < 0 || git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0) < 0 ||
	    !mkdtemp(repo_dir) ||
	    git_repository_init(&repo, repo_dir, 1) < 0 || git_repository_odb(&odb, repo) < 0 ||
	    git_mempack_new(&mempack) < 0 || git_odb_add_backend(odb, mempack, 1000) < 0) {
		fprintf(stderr, "fuzz_git: cannot set up the repository in %s\n", repo_dir);
		abort();
	}
	git_odb_free(odb);
	atexit(cleanup);
	return 0;
}

/* Look every path of the input up the way the loader does: no crash, and
 * what a lookup says agrees with what a read does. */
static void probe(struct source *src, const char *path)
{
	enum source_kind kind = source_kind(src, path);
	char *data = NULL, *err = NULL;
	size_t len = 0;
	int rc = source_read(src, path, &data, &len, &err);
	if (kind == SOURCE_FILE && rc == -1 && !err)
		abort();                 /* a failure always says why */
	if (kind != SOURCE_FILE && rc == 0)
		abort();                 /* only a file has content */
	free(data);
	free(err);
	char **names = NULL;
	size_t count = 0;
	err = NULL;
	if (!source_list(src, path, &names, &count, &err)) {
		for (size_t i = 0; i < count; i++)
			free(names[i]);
	}
	free(names);
	free(err);
}

/* Does items[i]'s name equal an earlier one's or lie on its path, now that
 * the '@' of links is gone (parts.h kept them apart with it)? */
static bool clashes(const struct fuzz_part *items, size_t i)
{
	const char *name = items[i].name;
	size_t b = strlen(name);
	for (size_t k = 0; k < i; k++) {
		const char *other = items[k].name;
		size_t a = strlen(other);
		if (!strcmp(other, name) ||
		    (a < b && !strncmp(other, name, a) && name[a] == '/') ||
		    (b < a && !strncmp(other, name, b) && other[b] == '/'))
			return true;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
	struct fuzz_part items[MAX_FILES];
	struct fuzz_parts parts = {.items = items, .max = MAX_FILES, .default_names = default_names};
	fuzz_parts_split(&parts, (const char *)bytes, len);

	git_index *tree_index = NULL;
	if (git_index_new(&tree_index) < 0)
		abort();
	for (size_t i = 0; i < parts.count; i++) {
		char *name = items[i].name;
		size_t n = strlen(name);
		bool link = n > 1 && name[n - 1] == '@';
		if (link)
			name[n - 1] = '\0';
		git_index_entry entry;
		memset(&entry, 0, sizeof(entry));
		entry.mode = link ? GIT_FILEMODE_LINK : GIT_FILEMODE_BLOB;
		entry.path = name;
		size_t data_len = items[i].len;
		if (link && data_len && items[i].data[data_len - 1] == '\n')
			data_len--;      /* the line break before the next "%%" */
		/* an entry where an earlier one needs a directory (or the other
		 * way round) is left out: libgit2 1.5 leaks the entry when its
		 * index refuses such a clash */
		if (clashes(items, i))
			continue;
		/* the blob goes to the repository (an index of its own has none) */
		if (git_blob_create_from_buffer(&entry.id, repo, items[i].data, data_len) == 0)
			git_index_add(tree_index, &entry);
	}
	git_oid tree_id;
	struct source *src = NULL;
	char *err = NULL;
	if (git_index_write_tree_to(&tree_id, tree_index, repo) == 0)
		src = source_git_from_tree(repo, &tree_id, "/fuzz/root", &err);
	free(err);
	err = NULL;

	if (src) {
		for (size_t i = 0; i < parts.count; i++) {
			probe(src, items[i].name);
			char *below = xasprintf("%s/db.x", items[i].name);
			probe(src, below);
			free(below);
		}
		probe(src, "");
		fuzz_lint(src, parts.config, parts.config_len);
	}
	git_index_free(tree_index);
	git_mempack_reset(mempack);
	fuzz_parts_free(&parts);
	return 0;
}
