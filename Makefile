# Two commands: `make run` (set up, ingest seeds/, serve on localhost) and `make test`.
PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 5000
ARCHIVE_HOME ?= data
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export DEBIAN_FRONTEND := noninteractive

.PHONY: run test install install-test chromium clean

run: install
	$(BIN)/archive ingest seeds --home "$(ARCHIVE_HOME)"
	$(BIN)/archive serve --home "$(ARCHIVE_HOME)" --host "$(HOST)" --port "$(PORT)"

test: install-test chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Debian's python3 has no venv module until python3-venv is installed.
$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) >/dev/null 2>&1 || { \
		echo "Installing python3-venv (needed to create $(VENV))"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && \
		$(PYTHON) -m venv --clear $(VENV); }

install: $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'

# The browser tests drive Debian's Chromium; Playwright never downloads a browser.
chromium:
	@[ -x /usr/bin/chromium ] || { \
		echo "Installing Debian's chromium for the browser tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
