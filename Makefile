# Two commands for a fresh machine with Python >= 3.11 and make: `make run` and `make test`.
# Both create .venv and install the pinned dependencies from the committed lock files.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
MO_FILES := locales/ru/LC_MESSAGES/messages.mo locales/en/LC_MESSAGES/messages.mo

.PHONY: run console test lint typecheck hadolint security pytest translations extract-messages \
        check-content bench fit clean help

help:
	@echo "make run      - run the bot (needs BOT_TOKEN in the environment or .env)"
	@echo "make console  - chat with the bot in this terminal, offline, no token needed"
	@echo "make test     - lint, type-check, security checks and the whole test suite"
	@echo "make check-content - validate the content library"
	@echo "make bench    - run the benchmarks"
	@echo "make fit      - refit search (topic model and decision) after articles or question sets change"

$(VENV)/pyvenv.cfg:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): $(VENV)/pyvenv.cfg requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

$(DEV_STAMP): $(VENV)/pyvenv.cfg requirements-dev.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@ $(RUNTIME_STAMP)

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(RUNTIME_STAMP)
	$(BIN)/pybabel compile --statistics -d locales -D messages -l $*

translations: $(MO_FILES)

extract-messages: $(RUNTIME_STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o locales/messages.pot --no-location --omit-header \
		-k gettext -k ngettext:1,2 .
	$(BIN)/pybabel update -i locales/messages.pot -d locales -D messages --width 100

run: $(RUNTIME_STAMP) translations .secret_key
	SECRET_KEY_FILE=$${SECRET_KEY_FILE:-.secret_key} $(PY) -m bot run

# Made once for local runs, outside data/: it keys every pseudonym and sealed chat id.
# SECRET_KEY (environment or .env) or your own SECRET_KEY_FILE take precedence.
.secret_key: | $(RUNTIME_STAMP)
	@umask 077 && $(PY) -m bot new-secret > $@
	@echo "Made $@ (used as SECRET_KEY_FILE): keep it; losing it resets disappearing-message queues."

console: $(RUNTIME_STAMP) translations
	$(PY) -m bot console

check-content: $(RUNTIME_STAMP)
	$(PY) -m bot content check

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

hadolint: $(DEV_STAMP)
	$(BIN)/hadolint Dockerfile

security: $(DEV_STAMP)
	$(BIN)/bandit -q -r bot -c pyproject.toml
	$(PY) scripts/audit.py

pytest: $(DEV_STAMP) translations
	$(PY) -m pytest

test: lint typecheck hadolint security pytest

# Fit the search engine's answer/choices decision (bot/search/model.json) on the current
# library and question sets; deterministic, run it after the articles or synonyms change.
fit: $(DEV_STAMP)
	$(PY) -m bot.search.fit

bench: $(DEV_STAMP) translations
	$(PY) benchmarks/bench_search.py
	$(PY) benchmarks/bench_updates.py
	$(PY) benchmarks/bench_alerts.py
	$(PY) benchmarks/bench_relay.py
	$(PY) benchmarks/bench_feedback.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache $(MO_FILES)
