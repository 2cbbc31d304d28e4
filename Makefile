# Two commands for a fresh machine (Python 3.11+ and make):
#   make lab   — install everything and open the course in JupyterLab
#   make test  — install everything and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: lab test install browser lint execute bench slides site clean \
	grading-env assignments test-grading

# Re-install only when the project's dependency list changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

# Teachers' tools (nbgrader) in their own environment, so `make lab` stays lean.
GRADING_VENV  := .venv-grading
GRADING_STAMP := $(GRADING_VENV)/.installed-stamp
$(GRADING_STAMP): pyproject.toml
	@test -x $(GRADING_VENV)/bin/python || $(PYTHON) -m venv $(GRADING_VENV)
	$(GRADING_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(GRADING_VENV)/bin/python -m pip install --quiet -e '.[grading]'
	@touch $(GRADING_STAMP)

grading-env: $(GRADING_STAMP)

lab: install
	$(BIN)/python tools/launch_lab.py

# Debian's Chromium for the real-browser test (idempotent; fails loudly if it cannot).
browser:
	@bash tools/install_chromium.sh

lint: install
	$(BIN)/ruff check helpers tests tools benchmarks notebooks

# Two workers (this is a 2-core machine); --dist loadscope keeps each notebook's cells, and
# the browser test's one JupyterLab session, in a single worker.
test: install browser lint
	$(BIN)/python -m pytest --nbval --nbval-sanitize-with tools/nbval_sanitize.cfg \
		-n 2 --dist loadscope -m "not grading"
	$(MAKE) test-grading

# Real nbgrader: generate every assignment, autograde a solved, an untouched and a mistaken
# submission with a SQLite gradebook (≈ 3 min, so it runs on its own after the rest).
test-grading: install grading-env
	$(BIN)/python -m pytest -p no:xdist -m grading tests/test_autograde.py

# Re-execute every notebook in place from a fresh kernel (run before committing notebooks).
execute: install
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb

bench: install
	$(BIN)/python benchmarks/run.py

# Reveal.js slides of every notebook in build/slides/ (each cell's slide type comes from
# tools/slides.py; the pages load reveal.js from its CDN). To present live, use RISE in JupyterLab.
slides: install
	PYTHONPATH=tools $(BIN)/jupyter nbconvert --to slides --output-dir build/slides \
		--SlidesExporter.preprocessors=slides.SlideMetadataPreprocessor \
		--SlidesExporter.reveal_scroll=True notebooks/[0-9][0-9]_*.ipynb

# Graded versions for a class (nbgrader): assignments/source/ (instructor, with the answers)
# and assignments/release/ (students). README, "Teaching with the course".
assignments: grading-env
	$(GRADING_VENV)/bin/python tools/build_assignments.py --out assignments

# The course as a static web site in site/ that works offline (MathML, embedded pictures).
site: install
	$(BIN)/python tools/build_site.py --out site

clean:
	rm -rf $(VENV) $(GRADING_VENV) .pytest_cache .ruff_cache .hypothesis artifacts site build \
		assignments
