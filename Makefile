# The two set-up commands of the README: `make proof` and `make test`. Only Python and make
# are needed; everything else is installed into .venv from PyPI.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ISSUE  ?= 147
STAMP  := $(VENV)/.installed
MESSAGES := munpress/messages

.PHONY: help proof proofs test test-slow check checks bench sample messages clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/pybabel -q compile -d $(MESSAGES) -D munpress
	touch $(STAMP)

proof: $(STAMP)  ## build the proof PDFs of every edition of issue $(ISSUE) and print where they are
	$(BIN)/munpress build $(ISSUE) --variant proof

proofs: $(STAMP)  ## proof PDFs of every issue in issues/ (what CI publishes), in build/<N>/
	@set -e; for issue in issues/*/; do $(BIN)/munpress build $$(basename $$issue) --variant proof; done

check: $(STAMP)  ## the editors' check of issue $(ISSUE)
	$(BIN)/munpress check $(ISSUE)

checks: $(STAMP)  ## the strict check of every issue in issues/ (what CI runs): warnings fail too
	@set -e; for issue in issues/*/; do $(BIN)/munpress check $$(basename $$issue) --strict; done

test: $(STAMP)  ## run the test suite but its slow cases, on every core (pytest-xdist): under 5 minutes on 2 cores
	$(BIN)/python -m pytest -q -n auto --dist worksteal -m "not slow"

test-slow: $(STAMP)  ## the slow cases (whole builds twice, the corpus set whole): CI runs them after make test
	$(BIN)/python -m pytest -q -n auto --dist worksteal -m slow

bench: $(STAMP)  ## time issue $(ISSUE): cold, warm, one manuscript changed, watch, the naive script, 1-8x the articles
	$(BIN)/python bench/run.py --issue $(ISSUE)

sample: $(STAMP)  ## regenerate the sample manuscripts of issue 147 and the fillers from samples/
	$(BIN)/python tools/make_sample_manuscripts.py --all

messages: $(STAMP)  ## extract munpress's messages, update the ky and ru catalogs, compile them
	$(BIN)/pybabel -q extract -F babel.cfg -k _n:1,2 --no-wrap --no-location --sort-output --project munpress -o $(MESSAGES)/munpress.pot .
	$(BIN)/pybabel -q update -i $(MESSAGES)/munpress.pot -d $(MESSAGES) -D munpress --no-wrap --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel -q compile -d $(MESSAGES) -D munpress

clean:  ## remove build output and the cache of laid-out editions (keeps .venv)
	rm -rf build .munpress-cache
