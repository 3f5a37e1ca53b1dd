# Two commands for a fresh machine with Python 3.11:  make serve  and  make test.
# Every target creates .venv from the pinned requirements first; `make help` lists them.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
HOST   := 127.0.0.1

.PHONY: help serve build test new validate lint golden bench bench-search lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 22

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

serve: $(STAMP)  ## build the site, serve it at http://127.0.0.1:8000 with live reload (PORT=8001: another port)
	@$(BIN)/python -m generator.serveport $(HOST) $(PORT)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --livereload --dirty --no-strict --dev-addr $(HOST):$(PORT)

build: $(STAMP)  ## build the site into site/
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

new: $(STAMP)  ## draft an annotation: FILE=seeds/articles/005_x.txt [PUBLISHED=2024-11-10] [FORCE=1]
	@test -n '$(FILE)' || { echo 'make new: which article? e.g. make new FILE=seeds/articles/005_1a2b3c4d5e6f7a8b.txt' >&2; exit 1; }
	$(BIN)/briefing new '$(FILE)'$(if $(PUBLISHED), --published '$(PUBLISHED)')$(if $(filter-out 0 no,$(FORCE)), --force)

validate: $(STAMP)  ## check the annotations and registries (FILE=…: report on these files only)
	$(BIN)/briefing validate $(FILE)

lint: $(STAMP)  ## warnings for reviewers; they never block a merge (FILE=…: these files only)
	$(BIN)/briefing lint $(FILE)

test: $(STAMP)  ## ruff check, then run the whole test suite (unit, build, browser)
	$(BIN)/ruff check generator tests
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -q

golden: $(STAMP)  ## rebuild tests/golden/ (pages and exports of the seeds), then review git diff
	$(BIN)/python -m tests.golden

bench: $(STAMP)  ## benchmark the generator and the build at 100, 1,000 and 10,000 articles
	$(BIN)/python -m tests.bench.run --serve $(if $(N),--articles $(N)) $(if $(SHAPE),--shape $(SHAPE))

bench-search: $(STAMP)  ## search: bytes and time per query in Chromium on a 10,000-article synthetic site
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m tests.bench.search --articles 10000
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m tests.bench.search_compare

clean:  ## delete .venv and site/
	rm -rf $(VENV) site
