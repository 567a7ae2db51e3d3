# netkit: every set-up step lives here, so a fresh machine needs only `make audit` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
EXAMPLE := data/example_survey.xlsx
OUT    := out/example

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install audit test bench bench-scale example clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,notebooks]"
	touch $(STAMP)

install: $(STAMP)

## The main job on the bundled (synthetic) example survey.
audit: $(STAMP)
	$(BIN)/netkit audit $(EXAMPLE) --out $(OUT)

## Debian's chromium for the browser tests (installed only where missing).
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }
	@command -v chromium >/dev/null 2>&1 || { echo "chromium could not be installed"; exit 1; }

## Every test: unit tests, docstring examples and every notebook top to bottom.
test: $(STAMP) chromium
	MPLBACKEND=Agg $(BIN)/python -m pytest tests netkit notebooks --doctest-modules --nbmake -q

## Regenerate the synthetic example survey from its seeded script.
example: $(STAMP)
	$(BIN)/python data/make_example_survey.py
	$(BIN)/python data/make_example_export.py

## Benchmarks (not part of the tests): tables quoted in the README.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_read_survey.py
	$(BIN)/python benchmarks/bench_structural_holes.py
	$(BIN)/python benchmarks/bench_brokerage.py
	$(BIN)/python benchmarks/bench_communities.py
	$(BIN)/python benchmarks/bench_scale.py

## Issue 6's targets alone: the audit of 50,000 firms against networkx, and 1,000,000 firms.
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/bench_scale.py

clean:
	rm -rf $(VENV) out .pytest_cache
