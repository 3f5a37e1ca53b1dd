# Two commands for a fresh machine with Python 3.11:  make serve  and  make test.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve build test validate golden bench bench-search lock clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

serve: $(STAMP)  ## build the site and serve it at http://127.0.0.1:8000 with live reload
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --livereload --dirty --no-strict --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## build the site into site/
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

validate: $(STAMP)  ## check the annotations only
	$(BIN)/briefing validate

test: $(STAMP)  ## run the whole test suite (unit, build, browser)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -q

golden: $(STAMP)  ## rebuild tests/golden/ (pages and exports of the seeds), then review git diff
	$(BIN)/python -m tests.golden

bench: $(STAMP)  ## benchmark the generator and the build at 100, 1,000 and 10,000 articles
	$(BIN)/python -m tests.bench.run --serve $(if $(N),--articles $(N)) $(if $(SHAPE),--shape $(SHAPE))

bench-search: $(STAMP)  ## search: bytes and time per query in Chromium on a 10,000-article synthetic site
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m tests.bench.search --articles 10000
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m tests.bench.search_compare

clean:
	rm -rf $(VENV) site
