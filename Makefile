# make test   unit tests + every notebook in test mode (what CI runs), on every core (JOBS=auto; JOBS=0: in one
#             process); BACKEND=jax or torch to run them on that Keras backend, after installing its
#             requirements-<backend>.txt
# make run    execute notebooks, write build/notebooks/ and build/RESULTS.md  (MODE=test|full, NB=<glob>)
# make publish  run notebooks in full mode and write the executed copies, with a banner saying how
#             they were made, into published/ (NB=<glob>; a failed run keeps the earlier copy)
# make data   download every dataset into COURSE_DATA_DIR (default data/), trying all, then a summary;
#             DATASETS="imdb.npz ..." for some
# make lab    JupyterLab on the notebooks
# make serve  serve the model project_serving.ipynb saved in build/serving/ on 127.0.0.1 (PORT=8000)
# make readme regenerate data/README.md from the dataset registry
# make exercises  write each notebook's exercise cells from helpers/exercises/<notebook>.py

PYTHON ?= python3
VENV ?= .venv
MODE ?= full
NB ?= *
BIN := $(abspath $(VENV))/bin
# The Keras backend of every target (tensorflow, jax or torch); KERAS_BACKEND works too.
BACKEND ?= $(or $(KERAS_BACKEND),tensorflow)
export KERAS_BACKEND := $(BACKEND)
ifeq ($(filter tensorflow jax torch,$(BACKEND)),)
$(error BACKEND=$(BACKEND): the course runs on tensorflow, jax or torch)
endif
# Notebook kernels are started as "python": make it the environment's own.
export PATH := $(BIN):$(PATH)

.PHONY: install test unit notebooks run publish data lab serve readme exercises clean

# TensorFlow comes with requirements.txt; JAX and PyTorch add requirements-<backend>.txt.
install: $(VENV)/.installed $(if $(filter-out tensorflow,$(BACKEND)),$(VENV)/.installed-$(BACKEND))

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-%: requirements-%.txt $(VENV)/.installed
	$(BIN)/python -m pip install -q -r $<
	touch $@

# pytest-xdist workers, one per core by default. The notebooks go first: they are the long items,
# and the many short unit-test files then fill the workers' gaps at the end.
JOBS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(JOBS)

test: install
	$(PYTEST) notebooks tests --nbval-lax

unit: install
	$(PYTEST) tests

notebooks: install
	$(PYTEST) notebooks --nbval-lax

run: install
	$(BIN)/python -m helpers.run --mode $(MODE) --notebooks '$(NB)'

publish: install
	$(BIN)/python -m helpers.run --mode full --publish --notebooks '$(NB)'

data: install
	$(BIN)/python -u -c 'import sys, helpers.download as d; sys.exit(d.main(sys.argv[1:]))' $(if $(DATASETS),$(DATASETS),--all)

lab: install
	$(BIN)/jupyter lab notebooks

PORT ?= 8000
serve: install
	$(BIN)/python -m helpers.serving --port $(PORT)

readme: install
	$(BIN)/python -c 'from helpers.registry import datacard; print(datacard(), end="")' > data/README.md

exercises: install
	$(BIN)/python -m helpers.exercises

clean:
	rm -rf build
