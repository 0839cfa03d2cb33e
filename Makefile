# Two commands on a fresh machine with Python 3.11+: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PORT ?= 8000

.PHONY: demo test install install-test chromium axe-core wrk

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# The app alone for `make demo`; the test tools only for `make test`, again only when pyproject.toml changes (CI's
# second run skips pip's 5 s check). pip byte-compiles what it installs: with PYTHONDONTWRITEBYTECODE set (as on
# these machines) nothing else would, and each of the suite's processes would compile Django and the rest again.
install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(VENV)/.test-installed
$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[test]"
	touch $@

# A second `make demo` keeps the demo data (and says so); `make demo FRESH=1` deletes it and loads the demo again.
demo: install
	HF_HUB_OFFLINE=1 $(BIN)/rightstrack demo --port $(PORT) $(if $(FRESH),--fresh)

# Debian packages the tests need, installed once if missing: Chromium for the browser tests (never Playwright's own
# browser) and npm for axe-core.
APT = $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -q
chromium:
	@test -x /usr/bin/chromium || $(APT) chromium >/dev/null

# The load benchmark (benchmarks/load_bench.py) drives the server with wrk, from Debian.
wrk:
	@command -v wrk >/dev/null || $(APT) wrk >/dev/null

# The accessibility tests inject axe-core from npm (pinned), kept in build/axe-core/ (not in git); fetched once.
AXE_CORE ?= 4.10.3
axe-core:
	@test -f build/axe-core/axe.min.js || { command -v npm >/dev/null || $(APT) npm >/dev/null; \
	  mkdir -p build/axe-core && cd build/axe-core && \
	  npm pack -q axe-core@$(AXE_CORE) >/dev/null && tar xzf axe-core-$(AXE_CORE).tgz --strip-components=1 \
	  package/axe.min.js package/LICENSE && rm axe-core-$(AXE_CORE).tgz; }

# The suite runs on one worker process per core (pytest-xdist), each test file on one worker (module fixtures are
# built once), handed out in the suite's order (files with slow tests first; xdist would otherwise start with the
# files holding the most tests and leave the few long drills for last), printing the 25 slowest steps so a slow run
# shows where its time went; TEST_WORKERS=0 runs it in this process.
TEST_WORKERS ?= auto
test: install-test chromium axe-core
	HF_HUB_OFFLINE=1 $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=25
