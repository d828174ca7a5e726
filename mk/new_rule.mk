# new_rule.mk — a rule made with `make new-rule ... FLAGS=RULE_READS_MAIL`
# reports when enabled alone (tests/test_new_rule.sh: builds a scratch copy
# of the tree with the scaffold filled in). Part of `make check`.

.PHONY: new-rule-test

new-rule-test:
	@sh tests/test_new_rule.sh

CHECK_EXTRA += new-rule-test
