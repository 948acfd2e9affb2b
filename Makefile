# Two commands for a fresh machine: `make run` (the app on a demo database) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DIR ?= .demo-data

.PHONY: run test test-sqlite test-postgres lint demo-reset bench clean system-deps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Opens the app on a demo SQLite database kept apart from real data (./.demo-data). On a fresh
# Debian/Ubuntu machine it first installs Python's venv and the libraries Qt needs (asks sudo).
run: system-deps $(STAMP)
	$(BIN)/ruko-parsel --data-dir $(DEMO_DIR) demo --if-empty
	$(BIN)/ruko-parsel --data-dir $(DEMO_DIR)

PYTEST := env QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n $(or $(TEST_WORKERS),2)

# Runs the linters, the layer contracts, the type check (mypy, below the GUI) and every test twice: on SQLite, then on a throwaway
# PostgreSQL server (scripts/with-postgres.sh installs Debian's postgresql when missing, starts
# it on 127.0.0.1 in a temporary folder and always stops it). GUI tests run offscreen.
test: $(STAMP)
	$(BIN)/ruff check desktop_app tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: $(STAMP)
	$(PYTEST)

test-postgres: $(STAMP)
	bash scripts/with-postgres.sh $(PYTEST)

system-deps:
	bash scripts/install-system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check desktop_app tests bench

demo-reset:
	rm -rf $(DEMO_DIR)

# Speed figures (see README "Speed"); the 1,000,000-row runs take several minutes each.
bench: $(STAMP)
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/intake_list.py 1000000
	$(BIN)/python bench/import_rows.py 10000 100000
	$(BIN)/python bench/print_batch.py 1000
	$(BIN)/python bench/export_xlsx.py 100000
	$(BIN)/python bench/ranking_engine.py
	$(BIN)/python bench/ranking_db.py 100000
	$(BIN)/python bench/ranking_db.py 1000000
	$(BIN)/python bench/planning.py 10000 10

clean:
	rm -rf $(VENV) $(DEMO_DIR) build dist *.egg-info
