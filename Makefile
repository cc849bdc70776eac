# Two entry points, each bootstrapping its own virtual environment from pyproject.toml:
#   make run   - the dashboard on seeds/ (it builds data/ first when missing or stale)
#   make test  - every test
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test build evaluate benchmark clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run dashboard.py

test: $(STAMP)
	$(PY) -m pytest

build: $(STAMP)
	$(PY) -m lib.build

evaluate: $(STAMP)
	$(PY) -m lib.evaluate

benchmark: $(STAMP)
	$(PY) -m tools.benchmark

clean:
	rm -rf $(VENV) data/*.csv data/*.parquet data/datapackage.json data/build_report.json
