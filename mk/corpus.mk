# corpus.mk — ptrlint over the real zone repositories of ../shared/corpus
# (tests/test_corpus.sh, issue 10): the counts of findings the issue fixes
# and every finding, for each repository with the config tests/corpus/
# gives it. Skips (and passes) where the corpus is absent, as in a user's
# clone. A few seconds.

.PHONY: corpus
CHECK_EXTRA += corpus

corpus: ptrlint
	@sh tests/test_corpus.sh ./ptrlint
