PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test check lint types bench demo clean mutate

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# .env (if present) is read here, so kpibot itself only ever sees the process environment.
WITH_ENV := set -a; [ ! -f .env ] || . ./.env; set +a;

run: install
	@$(WITH_ENV) $(BIN)/kpibot check-config
	@$(WITH_ENV) $(BIN)/kpibot db upgrade
	@$(WITH_ENV) exec $(BIN)/kpibot serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install
	$(BIN)/mypy --strict kpi storage bot

test: install lint
	$(BIN)/python -m pytest -q

check: lint types test

bench: install
	$(BIN)/python -m bench.run --rows 1000000,10000000

demo: install
	$(BIN)/kpibot demo

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# A mutation pass over kpi/ and storage/ (tools/mutate.py): a sample of MUTANTS small wrong
# changes, each against its module's tests; prints the score. Slow, so not part of `make test`.
MUTANTS ?= 30
mutate: install
	$(BIN)/python tools/mutate.py --max $(MUTANTS)
