# netkit: every set-up step lives here, so a fresh machine needs only `make audit` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
EXAMPLE := data/example_survey.xlsx
OUT    := out/example

.PHONY: install audit test lint bench example clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,notebooks]"
	touch $(STAMP)

install: $(STAMP)

## The main job on the bundled (synthetic) example survey.
audit: $(STAMP)
	$(BIN)/netkit validate $(EXAMPLE) --out $(OUT)

## Every test: unit tests, docstring examples and every notebook top to bottom.
test: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest tests netkit notebooks --doctest-modules --nbmake -q

## Regenerate the synthetic example survey from its seeded script.
example: $(STAMP)
	$(BIN)/python data/make_example_survey.py

## Benchmarks (not part of the tests): tables quoted in the README.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_read_survey.py

clean:
	rm -rf $(VENV) out .pytest_cache
