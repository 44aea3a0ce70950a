# The two commands a newcomer needs: `make run` and `make test`. Each installs what it needs first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test config-check lint format

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The first run makes your own programme file from the shipped example (unless PROGRAMME_CONFIG,
# from the environment or .env, names one that exists); after that it costs nothing.
run: $(STAMP)
	@test -e config/programme.toml || $(VENV)/bin/cascade config init
	@$(VENV)/bin/cascade keys init
	$(VENV)/bin/cascade db upgrade
	$(PY) app.py

# Check the programme file (PROGRAMME_CONFIG) before the first `make run`.
config-check: $(STAMP)
	$(VENV)/bin/cascade config check

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy  # the files and strictness are in pyproject.toml's [tool.mypy]
	$(PY) -m pytest -n auto --dist worksteal

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
