# git_hostile.mk — a damaged, huge or foreign git repository ends in a
# clear message and exit status, in bounded time and memory
# (tests/test_git_hostile.sh: a 1 GiB blob under ulimit -v, corrupt loose
# objects that hang or overflow libgit2 1.5.1, the watchdog, another
# user's repository, a shallow clone, no commits). Part of `make check`
# (some 10 s, most of it hashing the 1 GiB blob).

.PHONY: git-hostile

git-hostile: ptrlint
	@sh tests/test_git_hostile.sh ./ptrlint

CHECK_EXTRA += git-hostile
