# Two commands on a fresh machine with Python 3.11+: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PORT ?= 8000

.PHONY: demo test install chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e ".[test]"

demo: install
	HF_HUB_OFFLINE=1 $(BIN)/rightstrack demo --port $(PORT)

# Browser tests drive Debian's Chromium; it is installed once if missing (never Playwright's own browser).
chromium:
	@test -x /usr/bin/chromium || { if [ "$$(id -u)" = 0 ]; then apt-get install -y -q chromium >/dev/null; \
	  else sudo apt-get install -y -q chromium >/dev/null; fi; }

# The suite runs on one worker process per core (pytest-xdist), each test file on one worker (module fixtures are
# built once); TEST_WORKERS=0 runs it in this process.
TEST_WORKERS ?= auto
test: install chromium
	HF_HUB_OFFLINE=1 $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile
