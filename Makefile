# Two commands for a fresh machine (Python 3.11+ and make):
#   make lab   — install everything and open the course in JupyterLab
#   make test  — install everything and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: lab test install browser lint execute bench slides site clean classroom loadtest

# Re-install only when the project's dependency list changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

lab: install
	$(BIN)/python tools/launch_lab.py

# Debian's Chromium for the real-browser test (idempotent; fails loudly if it cannot).
browser:
	@bash tools/install_chromium.sh

lint: install
	$(BIN)/ruff check helpers tests tools benchmarks notebooks classroom

# Two workers (this is a 2-core machine); --dist loadscope keeps each notebook's cells, and
# the browser test's one JupyterLab session, in a single worker.
test: install browser classroom lint
	$(BIN)/python -m pytest --nbval --nbval-sanitize-with tools/nbval_sanitize.cfg \
		-n 2 --dist loadscope

# A class on one server (classroom/): the hub's Python packages (pyproject's `classroom`
# extra) and the pinned configurable-http-proxy (classroom/package-lock.json, Node.js >= 20).
CLASSROOM_STAMP := $(VENV)/.classroom-stamp
$(CLASSROOM_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,classroom]'
	@touch $(CLASSROOM_STAMP)

classroom/node_modules/.package-lock.json: classroom/package-lock.json
	@command -v npm >/dev/null || { echo "ERROR: npm (Node.js >= 20) is needed for the classroom proxy: apt-get install nodejs npm" >&2; exit 1; }
	npm ci --prefix classroom --no-audit --no-fund --loglevel=error

classroom: $(CLASSROOM_STAMP) classroom/node_modules/.package-lock.json

# N students at once on a real hub (127.0.0.1, free ports); prints the capacity table.
N ?= 20
loadtest: classroom
	$(BIN)/python classroom/loadtest.py --students $(N) $(LOADTEST_ARGS)

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

# The course as a static web site in site/ that works offline (MathML, embedded pictures).
site: install
	$(BIN)/python tools/build_site.py --out site

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis artifacts site build
