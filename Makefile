# Two commands: `make run` (set up, ingest seeds/, serve on localhost) and `make test`.
PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 5000
ARCHIVE_HOME ?= data
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export DEBIAN_FRONTEND := noninteractive

.PHONY: run test mutate bench-ingest install install-test chromium clean

run: install
	$(BIN)/archive ingest seeds --home "$(ARCHIVE_HOME)"
	$(BIN)/archive serve --home "$(ARCHIVE_HOME)" --host "$(HOST)" --port "$(PORT)"

test: install-test chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Mutation testing (slow; not part of `make test`): results and survivors in tests/MUTATION.md.
mutate: install-test
	$(BIN)/mutmut run --max-children 2 || true
	$(BIN)/python tests/mutation_report.py

# Plain-text ingest throughput, end to end (store + index), on 2,000 BBC texts: a quick check.
bench-ingest: install
	ARCHIVE_CORPORA="$${ARCHIVE_CORPORA:-$(CURDIR)/../shared/corpora}" $(BIN)/python benchmarks/ingest_throughput.py --articles 2000 --repeat 2

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
# Playwright's bundled Node needs libatomic1, which a minimal Debian lacks.
chromium:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="chromium"; \
	/sbin/ldconfig -p 2>/dev/null | grep -q 'libatomic\.so\.1' || missing="$$missing libatomic1"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages for the browser tests:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
