/*
 * test_git.c — the git source (source_git.c, SPEC §8): revisions, tags,
 * the index, symlinks kept inside the tree, submodules, LFS pointers,
 * bare clones, and the errors that must stop a run cleanly. Every
 * repository is built here with libgit2 in a throw-away directory under
 * /tmp, with a fixed signature so that commits are the same on every run.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"
#include "util.h"

#define LFS_POINTER "version https://git-lfs.github.com/spec/v1\n" \
	"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n" \
	"size 12345\n"

/* libgit2 1.5 leaks pcre2 match data when a regex does not match
 * (git_regexp_match), which git_clone's remote set-up does; nothing of
 * ptrlint's allocates through pcre2 (it uses POSIX regex from libc). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libpcre2-8.so\n";
}

static char base_dir[] = "/tmp/ptrlint-git-XXXXXX";
static char *main_path;              /* the repository most tests read */
static char *main_real;              /* its realpath, as the source reports it */
static git_oid first_commit;

/* ---- building repositories ------------------------------------------- */

static void must(int rc, const char *what)
{
	if (rc < 0) {
		const git_error *e = git_error_last();
		fail_msg("%s: %s", what, e && e->message ? e->message : "unknown error");
	}
}

static void stage(git_repository *repo, const char *path, const char *content, uint32_t mode)
{
	git_index *index = NULL;
	git_index_entry entry;
	memset(&entry, 0, sizeof(entry));
	entry.path = path;
	entry.mode = mode;
	must(git_repository_index(&index, repo), "opening the index");
	must(git_index_add_frombuffer(index, &entry, content, strlen(content)), path);
	must(git_index_write(index), "writing the index");
	git_index_free(index);
}

static void stage_file(git_repository *repo, const char *path, const char *content)
{
	stage(repo, path, content, GIT_FILEMODE_BLOB);
}

static void stage_link(git_repository *repo, const char *path, const char *target)
{
	stage(repo, path, target, GIT_FILEMODE_LINK);
}

/* A gitlink: the submodule's commit need not exist in this repository. */
static void stage_submodule(git_repository *repo, const char *path, const git_oid *commit)
{
	git_index *index = NULL;
	git_index_entry entry;
	memset(&entry, 0, sizeof(entry));
	entry.path = path;
	entry.mode = GIT_FILEMODE_COMMIT;
	git_oid_cpy(&entry.id, commit);
	must(git_repository_index(&index, repo), "opening the index");
	must(git_index_add(index, &entry), path);
	must(git_index_write(index), "writing the index");
	git_index_free(index);
}

static git_signature *signature(void)
{
	git_signature *sig = NULL;
	must(git_signature_new(&sig, "Zone Keeper", "hostmaster@example.com", 1700000000, 0),
	     "signature");
	return sig;
}

static void commit(git_repository *repo, const char *message, git_oid *out)
{
	git_index *index = NULL;
	git_tree *tree = NULL;
	git_object *head = NULL;
	git_oid tree_id;
	git_signature *sig = signature();
	must(git_repository_index(&index, repo), "opening the index");
	must(git_index_write_tree(&tree_id, index), "writing the tree");
	must(git_tree_lookup(&tree, repo, &tree_id), "looking up the tree");
	bool has_parent = git_revparse_single(&head, repo, "HEAD") == 0;
	const git_commit *parent = (const git_commit *)head;
	must(git_commit_create_v(out, repo, "HEAD", sig, sig, NULL, message, tree,
				 has_parent ? 1 : 0, parent),
	     "committing");
	git_object_free(head);
	git_tree_free(tree);
	git_index_free(index);
	git_signature_free(sig);
}

static void write_worktree_file(const char *repo_dir, const char *path, const char *content)
{
	char *full = xasprintf("%s/%s", repo_dir, path);
	char *dir = xstrdup(full);
	*strrchr(dir, '/') = '\0';
	mkdir(dir, 0755);
	FILE *f = fopen(full, "w");
	assert_non_null(f);
	fputs(content, f);
	fclose(f);
	free(dir);
	free(full);
}

/* The history every read test looks at:
 *   v1 (annotated tag) — .ptrlint.yaml, zones/db.example.com "; v1"
 *   HEAD               — zones rewritten and added, symlinks of every
 *                        kind, a submodule, an LFS pointer
 *   index              — db.example.com changed and new.zone added
 *   working tree       — db.192.0.2 changed, a file nobody staged */
static void build_main_repository(void)
{
	git_repository *repo = NULL;
	git_object *target = NULL;
	git_oid oid, tag;
	main_path = xasprintf("%s/main", base_dir);
	must(git_repository_init(&repo, main_path, 0), "git init");

	stage_file(repo, ".ptrlint.yaml", "zones:\n  - file: zones/db.example.com\n");
	stage_file(repo, "zones/db.example.com", "; v1\n");
	commit(repo, "first", &first_commit);
	must(git_object_lookup(&target, repo, &first_commit, GIT_OBJECT_COMMIT), "lookup");
	git_signature *sig = signature();
	must(git_tag_create(&tag, repo, "v1", target, sig, "release 1", 0), "tag");
	git_signature_free(sig);
	git_object_free(target);

	stage_file(repo, "zones/db.example.com", "; v2\n");
	stage_file(repo, "zones/db.192.0.2", "; reverse\n");
	stage_file(repo, "zones/sub/inner.zone", "; inner\n");
	stage_file(repo, "zones/a.b", "; a.b\n");
	stage_file(repo, "zones/a/deep.zone", "; deep\n");
	stage_file(repo, "zones/lfs.zone", LFS_POINTER);
	stage(repo, "bin/check.sh", "#!/bin/sh\n", GIT_FILEMODE_BLOB_EXECUTABLE);
	stage_link(repo, "zones/link", "db.example.com");
	stage_link(repo, "zones/chain", "link");
	stage_link(repo, "zones/linkdir", "sub");
	stage_link(repo, "zones/up", "../zones/./db.192.0.2");
	stage_link(repo, "zones/escape", "../../x");
	stage_link(repo, "zones/abs", "/etc/passwd");
	stage_link(repo, "zones/outdir", "../..");
	stage_link(repo, "zones/loop1", "loop2");
	stage_link(repo, "zones/loop2", "loop1");
	stage_link(repo, "zones/dangling", "nowhere");
	/* hop1 reaches the file in exactly 8 links, hop0 needs 9 */
	for (int i = 0; i <= 8; i++) {
		char *name = xasprintf("zones/hop%d", i);
		char *to = i == 8 ? xstrdup("db.example.com") : xasprintf("hop%d", i + 1);
		stage_link(repo, name, to);
		free(name);
		free(to);
	}
	stage_submodule(repo, "vendor/dns", &first_commit);
	commit(repo, "second", &oid);

	stage_file(repo, "zones/db.example.com", "; v3 staged\n");
	stage_file(repo, "zones/new.zone", "; new\n");

	write_worktree_file(main_path, "zones/db.192.0.2", "; reverse, edited in the work tree\n");
	write_worktree_file(main_path, "zones/only-here.zone", "; never staged\n");
	git_repository_free(repo);
	main_real = realpath(main_path, NULL);
	assert_non_null(main_real);
}

static const char *const git_environment[] = {
	"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
	"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CEILING_DIRECTORIES", "GIT_NAMESPACE",
	"GIT_COMMON_DIR",
};

static int setup(void **state)
{
	(void)state;
	/* a test run from inside a git hook must not read the outer repository */
	for (size_t i = 0; i < ARRAY_LEN(git_environment); i++)
		unsetenv(git_environment[i]);
	if (git_libgit2_init() < 0 || !mkdtemp(base_dir))
		return -1;
	build_main_repository();
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int teardown(void **state)
{
	(void)state;
	int rc = nftw(base_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(main_path);
	free(main_real);
	git_libgit2_shutdown();
	return rc;
}

/* ---- checking sources ------------------------------------------------ */

static struct source *open_source(const char *repo_path, const char *rev)
{
	char *err = NULL;
	struct source *src = source_git_new(repo_path, rev, &err);
	if (!src)
		fail_msg("source_git_new(%s, %s): %s", repo_path ? repo_path : "NULL",
			 rev ? rev : "NULL", err);
	assert_null(err);
	return src;
}

/* The error of a source that must not open. */
static char *open_error(const char *repo_path, const char *rev)
{
	char *err = NULL;
	struct source *src = source_git_new(repo_path, rev, &err);
	if (src) {
		source_free(src);
		fail_msg("source_git_new(%s, %s) opened", repo_path, rev ? rev : "NULL");
	}
	assert_non_null(err);
	return err;
}

static void assert_reads(struct source *src, const char *path, const char *expected)
{
	char *data = NULL, *err = NULL;
	size_t len = 0;
	if (source_read(src, path, &data, &len, &err))
		fail_msg("reading '%s' from %s: %s", path, src->description, err);
	assert_null(err);
	assert_string_equal(data, expected);
	assert_int_equal(len, strlen(expected));
	free(data);
}

static void assert_read_fails(struct source *src, const char *path, const char *message)
{
	char *data = NULL, *err = NULL;
	size_t len = 0;
	if (!source_read(src, path, &data, &len, &err))
		fail_msg("reading '%s' from %s succeeded: '%s'", path, src->description, data);
	assert_null(data);
	assert_non_null(err);
	if (!strstr(err, message))
		fail_msg("reading '%s': expected '%s' in '%s'", path, message, err);
	free(err);
}

static void assert_lists(struct source *src, const char *dir, const char *const *expected,
			 size_t n)
{
	char **names = NULL, *err = NULL;
	size_t count = 0;
	if (source_list(src, dir, &names, &count, &err))
		fail_msg("listing '%s' in %s: %s", dir, src->description, err);
	for (size_t i = 0; i < count && i < n; i++)
		if (strcmp(names[i], expected[i]))
			fail_msg("listing '%s' in %s: entry %zu is '%s', expected '%s'", dir,
				 src->description, i, names[i], expected[i]);
	assert_int_equal(count, n);
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

static void assert_list_fails(struct source *src, const char *dir, const char *message)
{
	char **names = NULL, *err = NULL;
	size_t count = 0;
	assert_int_equal(source_list(src, dir, &names, &count, &err), -1);
	assert_non_null(err);
	if (!strstr(err, message))
		fail_msg("listing '%s': expected '%s' in '%s'", dir, message, err);
	free(err);
}

static void assert_contains(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("expected '%s' in '%s'", part, text);
}

/* ---- tests ------------------------------------------------------------ */

static void test_read_head(void **state)
{
	(void)state;
	struct source *src = open_source(main_path, "HEAD");
	assert_string_equal(src->description, "HEAD");
	assert_string_equal(source_git_root(src), main_real);
	assert_int_equal(source_kind(src, "zones/db.example.com"), SOURCE_FILE);
	assert_reads(src, "zones/db.example.com", "; v2\n");
	assert_reads(src, ".ptrlint.yaml", "zones:\n  - file: zones/db.example.com\n");
	assert_reads(src, "bin/check.sh", "#!/bin/sh\n");
	assert_int_equal(source_kind(src, ""), SOURCE_DIR);
	assert_int_equal(source_kind(src, "zones"), SOURCE_DIR);
	assert_int_equal(source_kind(src, "zones/sub"), SOURCE_DIR);
	assert_int_equal(source_kind(src, "zones/nope"), SOURCE_MISSING);
	assert_int_equal(source_kind(src, "zones/db.example.com/x"), SOURCE_MISSING);
	assert_read_fails(src, "zones", "is a directory");
	assert_read_fails(src, "zones/nope", "no such file");
	/* paths the loader never sends, checked all the same */
	assert_int_equal(source_kind(src, "zones/../zones/./db.example.com"), SOURCE_FILE);
	assert_int_equal(source_kind(src, "../main/zones/db.example.com"), SOURCE_OUTSIDE);
	assert_int_equal(source_kind(src, "/etc/passwd"), SOURCE_OUTSIDE);
	source_free(src);

	/* a path inside the work tree finds the repository above it */
	char *sub = xasprintf("%s/zones", main_path);
	src = open_source(sub, "HEAD");
	assert_string_equal(source_git_root(src), main_real);
	assert_reads(src, "zones/db.example.com", "; v2\n");
	source_free(src);
	free(sub);
}

static void test_read_older_revisions(void **state)
{
	(void)state;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), &first_commit);
	const char *revs[] = {"HEAD~1", "HEAD^", "v1", "v1^{commit}", "refs/tags/v1", hex};
	for (size_t i = 0; i < ARRAY_LEN(revs); i++) {
		struct source *src = open_source(main_path, revs[i]);
		assert_string_equal(src->description, revs[i]);
		assert_reads(src, "zones/db.example.com", "; v1\n");
		assert_int_equal(source_kind(src, "zones/db.192.0.2"), SOURCE_MISSING);
		assert_int_equal(source_kind(src, "zones/link"), SOURCE_MISSING);
		const char *const top[] = {".ptrlint.yaml", "zones"};
		assert_lists(src, "", top, ARRAY_LEN(top));
		source_free(src);
	}
}

static void test_index(void **state)
{
	(void)state;
	struct source *staged = open_source(main_path, NULL);
	struct source *head = open_source(main_path, "HEAD");
	assert_string_equal(staged->description, "the index");
	assert_string_equal(source_git_root(staged), main_real);
	/* staged, not committed: only the index has it */
	assert_reads(staged, "zones/db.example.com", "; v3 staged\n");
	assert_reads(head, "zones/db.example.com", "; v2\n");
	assert_int_equal(source_kind(staged, "zones/new.zone"), SOURCE_FILE);
	assert_reads(staged, "zones/new.zone", "; new\n");
	assert_int_equal(source_kind(head, "zones/new.zone"), SOURCE_MISSING);
	/* directories exist in the index only as prefixes of its paths */
	assert_int_equal(source_kind(staged, ""), SOURCE_DIR);
	assert_int_equal(source_kind(staged, "zones"), SOURCE_DIR);
	assert_int_equal(source_kind(staged, "zones/sub"), SOURCE_DIR);
	assert_int_equal(source_kind(staged, "zone"), SOURCE_MISSING);
	assert_int_equal(source_kind(staged, "zones/su"), SOURCE_MISSING);
	assert_read_fails(staged, "zones/sub", "is a directory");
	source_free(staged);
	source_free(head);
}

static void test_work_tree_is_never_read(void **state)
{
	(void)state;
	const char *revs[] = {"HEAD", NULL};
	for (size_t i = 0; i < ARRAY_LEN(revs); i++) {
		struct source *src = open_source(main_path, revs[i]);
		assert_reads(src, "zones/db.192.0.2", "; reverse\n");
		assert_int_equal(source_kind(src, "zones/only-here.zone"), SOURCE_MISSING);
		assert_read_fails(src, "zones/only-here.zone", "no such file");
		assert_int_equal(source_kind(src, ".git"), SOURCE_MISSING);
		source_free(src);
	}
}

static void test_list(void **state)
{
	(void)state;
	const char *const top[] = {".ptrlint.yaml", "bin", "vendor", "zones"};
	/* sorted by strcmp: git's own tree order puts "a.b" before "a" */
	const char *const zones_head[] = {
		"a", "a.b", "abs", "chain", "dangling", "db.192.0.2", "db.example.com",
		"escape", "hop0", "hop1", "hop2", "hop3", "hop4", "hop5", "hop6", "hop7",
		"hop8", "lfs.zone", "link", "linkdir", "loop1", "loop2", "outdir", "sub", "up",
	};
	const char *const zones_index[] = {
		"a", "a.b", "abs", "chain", "dangling", "db.192.0.2", "db.example.com",
		"escape", "hop0", "hop1", "hop2", "hop3", "hop4", "hop5", "hop6", "hop7",
		"hop8", "lfs.zone", "link", "linkdir", "loop1", "loop2", "new.zone", "outdir",
		"sub", "up",
	};
	const char *const sub[] = {"inner.zone"};
	const char *const a[] = {"deep.zone"};
	struct source *head = open_source(main_path, "HEAD");
	struct source *staged = open_source(main_path, NULL);
	struct source *both[] = {head, staged};
	for (size_t i = 0; i < ARRAY_LEN(both); i++) {
		struct source *src = both[i];
		assert_lists(src, "", top, ARRAY_LEN(top));
		if (src == head)
			assert_lists(src, "zones", zones_head, ARRAY_LEN(zones_head));
		else
			assert_lists(src, "zones", zones_index, ARRAY_LEN(zones_index));
		assert_lists(src, "zones/sub", sub, ARRAY_LEN(sub));
		assert_lists(src, "zones/a", a, ARRAY_LEN(a));
		/* a symlink to a directory lists its target */
		assert_lists(src, "zones/linkdir", sub, ARRAY_LEN(sub));
		assert_list_fails(src, "zones/db.example.com", "not a directory");
		assert_list_fails(src, "zones/nope", "no such directory");
		assert_list_fails(src, "zones/escape", "leads outside the linted root");
	}
	source_free(head);
	source_free(staged);
}

static void test_symlinks(void **state)
{
	(void)state;
	const char *revs[] = {"HEAD", NULL};
	for (size_t i = 0; i < ARRAY_LEN(revs); i++) {
		struct source *src = open_source(main_path, revs[i]);
		const char *example = revs[i] ? "; v2\n" : "; v3 staged\n";
		assert_int_equal(source_kind(src, "zones/link"), SOURCE_FILE);
		assert_reads(src, "zones/link", example);
		assert_reads(src, "zones/chain", example);
		assert_reads(src, "zones/up", "; reverse\n");
		assert_int_equal(source_kind(src, "zones/linkdir"), SOURCE_DIR);
		assert_int_equal(source_kind(src, "zones/linkdir/inner.zone"), SOURCE_FILE);
		assert_reads(src, "zones/linkdir/inner.zone", "; inner\n");
		/* out of the tree: never followed, whatever lies there */
		assert_int_equal(source_kind(src, "zones/escape"), SOURCE_OUTSIDE);
		assert_int_equal(source_kind(src, "zones/abs"), SOURCE_OUTSIDE);
		assert_int_equal(source_kind(src, "zones/outdir"), SOURCE_OUTSIDE);
		assert_int_equal(source_kind(src, "zones/outdir/etc/passwd"), SOURCE_OUTSIDE);
		assert_read_fails(src, "zones/escape", "leads outside the linted root");
		assert_read_fails(src, "zones/abs", "leads outside the linted root");
		/* loops and chains longer than 8 links say so */
		assert_int_equal(source_kind(src, "zones/loop1"), SOURCE_LOOP);
		assert_read_fails(src, "zones/loop1", "too many levels of symbolic links");
		assert_reads(src, "zones/hop1", example);
		assert_int_equal(source_kind(src, "zones/hop0"), SOURCE_LOOP);
		assert_read_fails(src, "zones/hop0", "too many levels of symbolic links");
		assert_int_equal(source_kind(src, "zones/dangling"), SOURCE_MISSING);
		assert_read_fails(src, "zones/dangling", "no such file");
		source_free(src);
	}
}

static void test_submodule_and_lfs(void **state)
{
	(void)state;
	const char *revs[] = {"HEAD", NULL};
	for (size_t i = 0; i < ARRAY_LEN(revs); i++) {
		struct source *src = open_source(main_path, revs[i]);
		assert_int_equal(source_kind(src, "vendor/dns"), SOURCE_OTHER);
		assert_read_fails(src, "vendor/dns", "submodule");
		assert_int_equal(source_kind(src, "vendor/dns/db.x"), SOURCE_MISSING);
		const char *const vendor[] = {"dns"};
		assert_lists(src, "vendor", vendor, ARRAY_LEN(vendor));
		assert_int_equal(source_kind(src, "zones/lfs.zone"), SOURCE_FILE);
		assert_read_fails(src, "zones/lfs.zone", "a Git LFS pointer, not the file");
		source_free(src);
	}
}

static void test_bare_clone(void **state)
{
	(void)state;
	git_repository *clone = NULL;
	git_clone_options opts;
	/* the _INIT macro trips -Wmissing-field-initializers */
	must(git_clone_options_init(&opts, GIT_CLONE_OPTIONS_VERSION), "clone options");
	opts.bare = 1;
	char *bare = xasprintf("%s/bare.git", base_dir);
	must(git_clone(&clone, main_path, bare, &opts), "git clone --bare");
	git_repository_free(clone);
	char *bare_real = realpath(bare, NULL);
	assert_non_null(bare_real);

	struct source *src = open_source(bare, "HEAD");
	assert_string_equal(source_git_root(src), bare_real);
	assert_reads(src, "zones/db.example.com", "; v2\n");
	assert_reads(src, "zones/link", "; v2\n");
	assert_int_equal(source_kind(src, "zones/escape"), SOURCE_OUTSIDE);
	const char *const top[] = {".ptrlint.yaml", "bin", "vendor", "zones"};
	assert_lists(src, "", top, ARRAY_LEN(top));
	source_free(src);

	src = open_source(bare, "v1");
	assert_reads(src, "zones/db.example.com", "; v1\n");
	source_free(src);

	char *err = open_error(bare, NULL);
	assert_contains(err, "bare repository has no index");
	free(err);
	free(bare_real);
	free(bare);
}

static void test_unknown_revision(void **state)
{
	(void)state;
	char *err = open_error(main_path, "no-such-branch");
	assert_contains(err, "resolving revision 'no-such-branch'");
	assert_contains(err, "no-such-branch' not found");
	free(err);
	err = open_error(main_path, "HEAD~5");
	assert_contains(err, "resolving revision 'HEAD~5'");
	free(err);
}

static void test_repository_without_commits(void **state)
{
	(void)state;
	git_repository *repo = NULL;
	char *path = xasprintf("%s/empty", base_dir);
	must(git_repository_init(&repo, path, 0), "git init");

	char *err = open_error(path, "HEAD");
	assert_contains(err, "resolving revision 'HEAD'");
	assert_contains(err, "no commits yet");
	free(err);

	struct source *src = open_source(path, NULL);
	assert_int_equal(source_kind(src, ""), SOURCE_DIR);
	assert_lists(src, "", NULL, 0);
	assert_int_equal(source_kind(src, "db.example.com"), SOURCE_MISSING);
	source_free(src);

	/* what the pre-commit hook sees before the first commit */
	stage_file(repo, "db.example.com", "; first\n");
	src = open_source(path, NULL);
	assert_reads(src, "db.example.com", "; first\n");
	const char *const top[] = {"db.example.com"};
	assert_lists(src, "", top, ARRAY_LEN(top));
	source_free(src);
	git_repository_free(repo);
	free(path);
}

static void test_not_a_repository(void **state)
{
	(void)state;
	char *plain = xasprintf("%s/plain", base_dir);
	assert_int_equal(mkdir(plain, 0755), 0);
	const char *revs[] = {"HEAD", NULL};
	/* the search for a repository climbs above plain: only meaningful
	 * where /tmp is not inside one */
	if (git_repository_open_ext(NULL, plain, 0, NULL) == GIT_ENOTFOUND) {
		for (size_t i = 0; i < ARRAY_LEN(revs); i++) {
			char *err = open_error(plain, revs[i]);
			char *expected = xasprintf("opening the git repository at '%s': ", plain);
			assert_contains(err, expected);
			free(expected);
			free(err);
		}
	}
	/* the current directory, with the climb stopped the way git's is */
	char cwd[PATH_MAX];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(plain), 0);
	setenv("GIT_CEILING_DIRECTORIES", base_dir, 1);
	for (size_t i = 0; i < ARRAY_LEN(revs); i++) {
		char *err = open_error(NULL, revs[i]);
		assert_contains(err, "opening the git repository at '.': ");
		assert_contains(err, "could not find repository");
		free(err);
	}
	unsetenv("GIT_CEILING_DIRECTORIES");
	assert_int_equal(chdir(cwd), 0);

	char *missing = xasprintf("%s/does-not-exist", base_dir);
	char *err = open_error(missing, "HEAD");
	assert_contains(err, "opening the git repository at ");
	free(err);
	free(missing);
	free(plain);
}

static void remove_loose_object(const char *repo_dir, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	char *path = xasprintf("%s/.git/objects/%.2s/%s", repo_dir, hex, hex + 2);
	assert_int_equal(remove(path), 0);
	free(path);
}

/* What a shallow or damaged clone looks like: objects that are named but
 * not there. */
static void test_missing_objects(void **state)
{
	(void)state;
	git_repository *repo = NULL;
	git_oid first, second;
	char *path = xasprintf("%s/damaged", base_dir);
	must(git_repository_init(&repo, path, 0), "git init");
	stage_file(repo, "db.example.com", "; one\n");
	commit(repo, "one", &first);
	stage_file(repo, "db.example.com", "; two\n");
	stage_file(repo, "db.192.0.2", "; gone\n");
	commit(repo, "two", &second);
	git_index *index = NULL;
	must(git_repository_index(&index, repo), "index");
	const git_index_entry *gone = git_index_get_bypath(index, "db.192.0.2", 0);
	assert_non_null(gone);
	git_oid gone_id = gone->id;
	git_index_free(index);
	git_repository_free(repo);
	remove_loose_object(path, &first);
	remove_loose_object(path, &gone_id);

	char *err = open_error(path, "HEAD~1");
	assert_contains(err, "resolving revision 'HEAD~1': ");
	free(err);

	const char *revs[] = {"HEAD", NULL};
	for (size_t i = 0; i < ARRAY_LEN(revs); i++) {
		struct source *src = open_source(path, revs[i]);
		assert_reads(src, "db.example.com", "; two\n");
		/* reported by the read, not hidden as a missing file */
		assert_int_equal(source_kind(src, "db.192.0.2"), SOURCE_FILE);
		assert_null(src->failure);
		assert_read_fails(src, "db.192.0.2", "reading blob ");
		assert_read_fails(src, "db.192.0.2", "not found");
		/* the read is a finding, but the run must end in exit 2 */
		assert_non_null(src->failure);
		assert_contains(src->failure, "the git object store is damaged");
		assert_contains(src->failure, "'db.192.0.2'");
		source_free(src);
	}
	free(path);
}

/* Entries git would not commit as files: a merge conflict's stages and
 * "git add -N" placeholders. */
static void test_index_conflicts_and_placeholders(void **state)
{
	(void)state;
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_index_entry ancestor, ours, theirs, placeholder;
	char *path = xasprintf("%s/conflicted", base_dir);
	must(git_repository_init(&repo, path, 0), "git init");
	stage_file(repo, "db.example.com", "; fine\n");
	must(git_repository_index(&index, repo), "index");
	git_index_entry *stages[] = {&ancestor, &ours, &theirs};
	const char *texts[] = {"; base\n", "; ours\n", "; theirs\n"};
	for (size_t i = 0; i < ARRAY_LEN(stages); i++) {
		memset(stages[i], 0, sizeof(**stages));
		stages[i]->path = "zones/db.192.0.2";
		stages[i]->mode = GIT_FILEMODE_BLOB;
		must(git_blob_create_from_buffer(&stages[i]->id, repo, texts[i], strlen(texts[i])),
		     "blob");
	}
	must(git_index_conflict_add(index, &ancestor, &ours, &theirs), "conflict");
	memset(&placeholder, 0, sizeof(placeholder));
	placeholder.path = "later/db.new";
	placeholder.mode = GIT_FILEMODE_BLOB;
	placeholder.flags_extended = GIT_INDEX_ENTRY_INTENT_TO_ADD;
	/* git records the empty blob; libgit2 wants it in the database */
	must(git_blob_create_from_buffer(&placeholder.id, repo, "", 0), "empty blob");
	must(git_index_add(index, &placeholder), "intent to add");
	must(git_index_write(index), "writing the index");
	git_index_free(index);
	git_repository_free(repo);

	struct source *src = open_source(path, NULL);
	assert_reads(src, "db.example.com", "; fine\n");
	assert_int_equal(source_kind(src, "zones"), SOURCE_DIR);
	assert_int_equal(source_kind(src, "zones/db.192.0.2"), SOURCE_OTHER);
	assert_read_fails(src, "zones/db.192.0.2", "unmerged");
	const char *const zones[] = {"db.192.0.2"};
	assert_lists(src, "zones", zones, ARRAY_LEN(zones));
	assert_int_equal(source_kind(src, "later/db.new"), SOURCE_MISSING);
	assert_int_equal(source_kind(src, "later"), SOURCE_MISSING);
	const char *const top[] = {"db.example.com", "zones"};
	assert_lists(src, "", top, ARRAY_LEN(top));
	source_free(src);
	free(path);
}

/* With repo_path NULL the repository is found the way git finds it, so a
 * hook reads the index git commit prepared (GIT_INDEX_FILE). */
static void test_current_directory_and_hook_environment(void **state)
{
	(void)state;
	char cwd[PATH_MAX];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	char *zones = xasprintf("%s/zones", main_path);
	assert_int_equal(chdir(zones), 0);
	struct source *src = open_source(NULL, "HEAD");
	assert_string_equal(source_git_root(src), main_real);
	assert_reads(src, "zones/db.example.com", "; v2\n");
	source_free(src);

	/* a second index, as "git commit -a" hands one to its hooks */
	git_repository *repo = NULL;
	git_index *alt = NULL;
	git_index_entry entry;
	const char *content = "; from GIT_INDEX_FILE\n";
	char *alt_path = xasprintf("%s/next-index", base_dir);
	must(git_repository_open(&repo, main_path), "open");
	memset(&entry, 0, sizeof(entry));
	entry.path = "zones/db.example.com";
	entry.mode = GIT_FILEMODE_BLOB;
	must(git_blob_create_from_buffer(&entry.id, repo, content, strlen(content)), "blob");
	must(git_index_open(&alt, alt_path), "index open");
	must(git_index_add(alt, &entry), "index add");
	must(git_index_write(alt), "index write");
	git_index_free(alt);
	git_repository_free(repo);

	setenv("GIT_INDEX_FILE", alt_path, 1);
	src = open_source(NULL, NULL);
	assert_reads(src, "zones/db.example.com", content);
	assert_int_equal(source_kind(src, "zones/new.zone"), SOURCE_MISSING);
	source_free(src);

	/* git --git-dir=... --work-tree=... commit, run from elsewhere */
	char *git_dir = xasprintf("%s/.git", main_path);
	assert_int_equal(chdir(base_dir), 0);
	setenv("GIT_DIR", git_dir, 1);
	setenv("GIT_WORK_TREE", main_path, 1);
	src = open_source(NULL, NULL);
	assert_string_equal(source_git_root(src), main_real);
	assert_reads(src, "zones/db.example.com", content);
	source_free(src);
	/* the work tree only moves the root: content still comes from git */
	char *elsewhere = xasprintf("%s/elsewhere", base_dir);
	assert_int_equal(mkdir(elsewhere, 0755), 0);
	char *elsewhere_real = realpath(elsewhere, NULL);
	setenv("GIT_WORK_TREE", elsewhere, 1);
	src = open_source(NULL, "HEAD");
	assert_string_equal(source_git_root(src), elsewhere_real);
	assert_reads(src, "zones/db.example.com", "; v2\n");
	source_free(src);
	free(elsewhere_real);
	free(elsewhere);
	unsetenv("GIT_WORK_TREE");
	src = open_source(NULL, "v1");
	assert_string_equal(source_git_root(src), main_real);
	assert_reads(src, "zones/db.example.com", "; v1\n");
	source_free(src);

	unsetenv("GIT_DIR");
	unsetenv("GIT_INDEX_FILE");
	assert_int_equal(chdir(cwd), 0);
	free(git_dir);
	free(alt_path);
	free(zones);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_head),
		cmocka_unit_test(test_read_older_revisions),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_work_tree_is_never_read),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_symlinks),
		cmocka_unit_test(test_submodule_and_lfs),
		cmocka_unit_test(test_bare_clone),
		cmocka_unit_test(test_unknown_revision),
		cmocka_unit_test(test_repository_without_commits),
		cmocka_unit_test(test_not_a_repository),
		cmocka_unit_test(test_missing_objects),
		cmocka_unit_test(test_index_conflicts_and_placeholders),
		cmocka_unit_test(test_current_directory_and_hook_environment),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
