# Two commands for a fresh machine (Python 3.11+ and make):
#   make lab   — install everything and open the course in JupyterLab
#   make test  — install everything and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Exact versions the tests passed with, every transitive dependency included (make lock).
LAB_LOCK  := requirements/lab.txt
TEST_LOCK := requirements/test.txt
GRADING_LOCK := requirements/grading.txt
# INSTALL_FROM=latest installs the newest releases allowed by pyproject.toml instead.
INSTALL_FROM ?= lock
STAMP     := $(VENV)/.installed-$(INSTALL_FROM)
LAB_STAMP := $(VENV)/.installed-lab-$(INSTALL_FROM)

.PHONY: lab test test-latest test-minimum install install-lab lock browser lint execute bench bench-drag slides site clean \
	grading-env assignments test-grading classroom loadtest

define make_venv
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
endef

# Re-install only when the dependency list or the lock changes.
$(STAMP): pyproject.toml $(TEST_LOCK)
	$(make_venv)
ifeq ($(INSTALL_FROM),latest)
	$(BIN)/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[test,classroom]'
else
	$(BIN)/python -m pip install --quiet -r $(TEST_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
endif
	@touch $@

# What the course needs to run, without the test tools.
$(LAB_STAMP): pyproject.toml $(LAB_LOCK)
	$(make_venv)
ifeq ($(INSTALL_FROM),latest)
	$(BIN)/python -m pip install --quiet --upgrade --upgrade-strategy eager -e .
else
	$(BIN)/python -m pip install --quiet -r $(LAB_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
endif
	@touch $@

install: $(STAMP)
install-lab: $(LAB_STAMP)

# Teachers' tools (nbgrader) in their own environment, so `make lab` stays lean.
GRADING_VENV  := .venv-grading
GRADING_STAMP := $(GRADING_VENV)/.installed-stamp
# Exact versions from its own lock (made with the test lock's versions of what they share).
$(GRADING_STAMP): pyproject.toml $(GRADING_LOCK)
	@test -x $(GRADING_VENV)/bin/python || $(PYTHON) -m venv $(GRADING_VENV)
	$(GRADING_VENV)/bin/python -m pip install --quiet --upgrade pip
ifeq ($(INSTALL_FROM),latest)
	$(GRADING_VENV)/bin/python -m pip install --quiet --upgrade -e '.[grading]'
else
	$(GRADING_VENV)/bin/python -m pip install --quiet -r $(GRADING_LOCK)
	$(GRADING_VENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
endif
	@touch $(GRADING_STAMP)

grading-env: $(GRADING_STAMP)

# Refresh the locks from the newest releases that pyproject.toml allows, in throw-away venvs
# (the lab and grading locks are constrained to the test lock's versions, so they agree).
lock:
	rm -rf build/lock && mkdir -p build/lock requirements
	$(PYTHON) -m venv build/lock/test && build/lock/test/bin/pip install --quiet --upgrade pip
	build/lock/test/bin/pip install --quiet "setuptools>=69" -e '.[test,classroom]'
	$(PYTHON) tools/write_lock.py build/lock/test/bin/python $(TEST_LOCK)
	$(PYTHON) -m venv build/lock/lab && build/lock/lab/bin/pip install --quiet --upgrade pip
	build/lock/lab/bin/pip install --quiet -c $(TEST_LOCK) "setuptools>=69" -e .
	$(PYTHON) tools/write_lock.py build/lock/lab/bin/python $(LAB_LOCK)
	$(PYTHON) -m venv build/lock/grading && build/lock/grading/bin/pip install --quiet --upgrade pip
	build/lock/grading/bin/pip install --quiet -c $(TEST_LOCK) "setuptools>=69" -e '.[grading]'
	$(PYTHON) tools/write_lock.py build/lock/grading/bin/python $(GRADING_LOCK)
	rm -rf build/lock

# The same tests against the newest releases, in a separate venv (the lock is left alone).
test-latest:
	$(MAKE) test VENV=.venv-latest INSTALL_FROM=latest

# The unit and widget tests with every dependency at its lower bound in pyproject.toml
# (stored notebook outputs and the browser are left out: they are compared at the lock).
test-minimum:
	rm -rf .venv-minimum && $(PYTHON) -m venv .venv-minimum
	.venv-minimum/bin/pip install --quiet --upgrade pip
	.venv-minimum/bin/pip install --quiet "setuptools>=69" $$($(PYTHON) tools/minimum_requirements.py test)
	.venv-minimum/bin/pip install --quiet --no-deps --no-build-isolation -e .
	.venv-minimum/bin/python -m pytest -p no:cacheprovider -n 2 -m "not grading" tests \
		--ignore=tests/browser \
		--ignore=tests/test_notebooks.py --ignore=tests/test_cpu_independence.py \
		--ignore=tests/test_slides_and_site.py --ignore=tests/test_classroom.py

lab: install-lab
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
		-n 2 --dist loadscope --durations=12 -m "not grading"
	$(MAKE) test-grading

# Real nbgrader: generate every assignment, autograde a solved, an untouched and a mistaken
# submission with a SQLite gradebook (≈ 3 min, so it runs on its own after the rest).
test-grading: install grading-env
	$(BIN)/python -m pytest -p no:xdist -m grading tests/test_autograde.py

# A class on one server (classroom/): the hub's Python packages (pyproject's `classroom`
# extra) and the pinned configurable-http-proxy (classroom/package-lock.json, Node.js >= 20).
classroom/node_modules/.package-lock.json: classroom/package-lock.json
	@command -v npm >/dev/null || { echo "ERROR: npm (Node.js >= 20) is needed for the classroom proxy: apt-get install nodejs npm" >&2; exit 1; }
	npm ci --prefix classroom --no-audit --no-fund --loglevel=error

# The hub's packages are in the test lock (`install`).
classroom: install classroom/node_modules/.package-lock.json

# N students at once on a real hub (127.0.0.1, free ports); prints the capacity table.
N ?= 20
loadtest: classroom
	$(BIN)/python classroom/loadtest.py --students $(N) $(LOADTEST_ARGS)

# Re-execute every notebook in place from a fresh kernel (run before committing notebooks).
execute: install
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb

# Kernel-side timing of every explorer, then the drag benchmark in a real browser; exits 1
# if either misses a target (both tables are printed either way).
bench: install browser
	PYTHONPATH=tests $(BIN)/python benchmarks/run.py; status=$$?; \
	$(BIN)/python benchmarks/drag.py $(DRAG_ARGS) || status=1; exit $$status

# Each live explorer's main slider dragged with the mouse in JupyterLab + Chromium, the
# course before issue 19 and now side by side (≈ 5 min); writes benchmarks/drag.md.
# E.g. DRAG_ARGS="--only make_landscape_explorer --repeats 3".
bench-drag: install browser
	$(BIN)/python benchmarks/drag.py $(DRAG_ARGS)

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
	rm -rf $(VENV) .venv-latest .venv-minimum $(GRADING_VENV) .pytest_cache .ruff_cache .hypothesis \
		artifacts site build assignments
