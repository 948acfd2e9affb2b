# Two commands for a fresh machine: `make run` (the app on a demo database) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DIR ?= .demo-data

.PHONY: run test lint demo-reset bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Opens the app on a demo SQLite database kept apart from real data (./.demo-data).
run: $(STAMP)
	$(BIN)/ruko-parsel --data-dir $(DEMO_DIR) demo --if-empty
	$(BIN)/ruko-parsel --data-dir $(DEMO_DIR)

# Runs the linters and every test (GUI tests run on Qt's offscreen platform).
test: $(STAMP)
	$(BIN)/ruff check desktop_app tests bench
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check desktop_app tests bench

demo-reset:
	rm -rf $(DEMO_DIR)

bench: $(STAMP)
	$(BIN)/python bench/startup.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) build dist *.egg-info
