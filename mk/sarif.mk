# mk/sarif.mk — `make check-sarif`: ptrlint's SARIF output validated
# against the SARIF 2.1.0 JSON schema (SPEC §3, issue 6).
#
# Not part of `make check`: the schema is not in this repository (it is
# OASIS's, not ours to copy), so it comes from the npm registry — the
# @microsoft/jest-sarif package ships it as sarif-2.1.0-rtm.5.json, the
# build OASIS approved as 2.1.0; errata 01 later only added three artifact
# roles that ptrlint never writes. `make check-sarif SARIF_SCHEMA=FILE`
# uses a schema you have instead (e.g. sarif-schema-2.1.0.json from the
# OASIS site, or sarif-2.1.0.json from @microsoft/sarif-multitool-linux)
# and then needs no network. The validator is Debian's python3-jsonschema,
# installed when missing, with format checks on (python3-rfc3987), so a
# file URI that is not a valid URI reference fails too.
#
# What is validated: the golden expected.sarif files (after the golden
# runner has confirmed they are what this binary prints), a run over the
# whole fixtures/ tree (every rule's messages, findings without a file),
# the demo, and a run with no findings.

SARIF_SCHEMA ?=
SARIF_NPM_PACKAGE ?= @microsoft/jest-sarif@1.0.0-beta.0
SARIF_DIR := build/sarif

# The validator: SCHEMA FILE...; says which file broke which part of the
# schema, with the JSON path, and exits 1 if any did.
define SARIF_VALIDATE_PY
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
formats = jsonschema.FormatChecker()
if "uri-reference" not in formats.checkers:
    sys.exit("check-sarif: jsonschema cannot check URIs here (install python3-rfc3987)")
validator = cls(schema, format_checker=formats)
bad = 0
for path in sys.argv[2:]:
    errors = list(validator.iter_errors(json.load(open(path, encoding="utf-8"))))
    for e in errors:
        where = "/".join(str(p) for p in e.absolute_path)
        print(f"check-sarif: {path}: /{where}: {e.message}")
    bad += bool(errors)
print(f"check-sarif: {len(sys.argv) - 2 - bad} passed, {bad} failed ({schema.get('title', sys.argv[1])}, {cls.__name__})")
sys.exit(1 if bad else 0)
endef
export SARIF_VALIDATE_PY

.PHONY: check-sarif
check-sarif: ptrlint
	@mkdir -p $(SARIF_DIR)
	@schema='$(SARIF_SCHEMA)'; \
	if [ -z "$$schema" ]; then \
		schema=$(SARIF_DIR)/sarif-2.1.0.json; \
		if [ ! -s "$$schema" ]; then \
			command -v npm >/dev/null 2>&1 || { \
				echo "check-sarif: needs the SARIF 2.1.0 schema: give SARIF_SCHEMA=FILE, or install npm to fetch $(SARIF_NPM_PACKAGE)"; exit 2; }; \
			echo "check-sarif: fetching the schema from the npm package $(SARIF_NPM_PACKAGE) (once; SARIF_SCHEMA=FILE to use your own)"; \
			rm -rf $(SARIF_DIR)/npm && mkdir -p $(SARIF_DIR)/npm && \
			tgz=$$(cd $(SARIF_DIR)/npm && npm pack --silent '$(SARIF_NPM_PACKAGE)' 2>/dev/null | tail -n 1) && \
			tar -xzf "$(SARIF_DIR)/npm/$$tgz" -C $(SARIF_DIR)/npm && \
			found=$$(find $(SARIF_DIR)/npm/package -name 'sarif*2.1.0*.json' | sort | head -n 1) && \
			[ -n "$$found" ] && cp "$$found" "$$schema" || { \
				rm -f "$$schema"; echo "check-sarif: could not get the schema from $(SARIF_NPM_PACKAGE); give SARIF_SCHEMA=FILE"; exit 2; }; \
		fi; \
	fi; \
	[ -f "$$schema" ] || { echo "check-sarif: no schema file '$$schema'"; exit 2; }; \
	py=; for p in python3 /usr/bin/python3; do \
		if $$p -c 'import jsonschema, rfc3987' >/dev/null 2>&1; then py=$$p; break; fi; done; \
	if [ -z "$$py" ]; then \
		echo "check-sarif: installing python3-jsonschema python3-rfc3987"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
			python3-jsonschema python3-rfc3987 >/dev/null || { echo "check-sarif: apt-get failed"; exit 2; }; \
		py=/usr/bin/python3; \
	fi; \
	cases=$$(find fixtures -name expected.sarif | sed 's,/expected.sarif$$,,' | sort); \
	[ -z "$$cases" ] || sh tests/golden.sh ./ptrlint $$cases || exit 1; \
	./ptrlint -f sarif fixtures >$(SARIF_DIR)/fixtures.sarif 2>/dev/null; \
	[ $$? -le 1 ] || { echo "check-sarif: ptrlint -f sarif fixtures failed"; exit 1; }; \
	./ptrlint -f sarif fixtures/demo >$(SARIF_DIR)/demo.sarif 2>/dev/null; \
	[ $$? -le 1 ] || { echo "check-sarif: ptrlint -f sarif fixtures/demo failed"; exit 1; }; \
	rm -rf $(SARIF_DIR)/clean && mkdir -p $(SARIF_DIR)/clean && \
	printf '%s\n' '$$ORIGIN example.com.' '@ 3600 IN SOA ns1 hostmaster 1 3600 900 1209600 300' \
		'@ 3600 IN NS ns1' 'ns1 3600 IN A 192.0.2.53' >$(SARIF_DIR)/clean/db.example.com && \
	./ptrlint -f sarif $(SARIF_DIR)/clean >$(SARIF_DIR)/clean.sarif 2>/dev/null || { \
		echo "check-sarif: a clean zone should give no finding"; exit 1; }; \
	$$py -c "$$SARIF_VALIDATE_PY" "$$schema" $$(find fixtures -name expected.sarif | sort) \
		$(SARIF_DIR)/fixtures.sarif $(SARIF_DIR)/demo.sarif $(SARIF_DIR)/clean.sarif
