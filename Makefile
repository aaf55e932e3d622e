# The two set-up commands of the README: `make proof` and `make test`. Only Python and make
# are needed; everything else is installed into .venv from PyPI.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ISSUE  ?= 147
STAMP  := $(VENV)/.installed

.PHONY: help proof test check bench sample clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

proof: $(STAMP)  ## build every edition of issue $(ISSUE) and print where the PDFs are
	$(BIN)/munpress build $(ISSUE)

check: $(STAMP)  ## the editors' check of issue $(ISSUE)
	$(BIN)/munpress check $(ISSUE)

test: $(STAMP)  ## run the whole test suite
	$(BIN)/python -m pytest -q

bench: $(STAMP)  ## time the build of issue $(ISSUE) (both editions)
	$(BIN)/python bench/run.py --issue $(ISSUE)

sample: $(STAMP)  ## regenerate the sample manuscripts of issue 147 from samples/147/
	$(BIN)/python tools/make_sample_manuscripts.py

clean:  ## remove build output (keeps .venv)
	rm -rf build
