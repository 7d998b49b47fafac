# Two commands do all set-up on a fresh machine (see README):
#   make demo   -- creates .venv, installs blocwatch, extracts claims from examples/
#   make test   -- creates .venv, installs blocwatch with test extras, runs the tests
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test install score bench clean

$(BIN)/blocwatch: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(BIN)/blocwatch

demo: install
	$(BIN)/blocwatch extract examples/

test: install
	$(BIN)/python -m pytest

# Dev-set score against ../shared (what .ci/run ratchets).
score: install
	$(BIN)/python bench/score_dev.py

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
