# make demo   — set up .venv if needed, then allocate the sample budget
# make test   — set up .venv if needed, then lint, type-check, check the layers and run the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck layers sample clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "budgetopt needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/budgetopt validate data/sample_applications.xlsx
	$(BIN)/budgetopt allocate data/sample_applications.xlsx --scenario data/scenario_2026.toml

test: $(STAMP) lint typecheck layers
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check optimizer tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

sample: $(STAMP)
	$(BIN)/python scripts/make_sample_data.py
	$(BIN)/python scripts/make_sample_data.py --year 2027 --seed 2027 --rows 200 \
		--out data/sample_applications_2027.xlsx --awards-out data/awards_other_policy_2026.xlsx

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
