# Frostfolio — every command a newcomer needs. `make help` lists them.
# The virtualenv is created and kept up to date on demand: a fresh clone needs
# only Python 3.11+, make and git.

PYTHON  ?= python3
VENV    ?= .venv
PY      := $(VENV)/bin/python
CONTENT ?= content
BUILD   ?= build
STAGE   ?= dev
KIND    ?= post
TITLE   ?=
FROM    ?= hugo
SRC     ?=
PYTEST_ARGS ?=
JOBS    ?= auto
COST_STAGE ?= prod

STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help dev serve build new import test lint format bench cost cost-measure package deploy clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(STAMP)

dev: $(STAMP) ## Build the example site and serve it with a working API and local DynamoDB
	$(PY) -m sitegen build --content $(CONTENT) --out $(BUILD)
	$(PY) -m sitegen.commands.devstack --content $(CONTENT)

serve: $(STAMP) ## Live preview of the site only (drafts shown, reloads on change)
	$(PY) -m sitegen serve --content $(CONTENT)

build: $(STAMP) ## Freeze the site into BUILD (default build/) from CONTENT (default content/)
	$(PY) -m sitegen build --content $(CONTENT) --out $(BUILD)

new: $(STAMP) ## Start a new file: make new KIND=post TITLE="My title"
	$(PY) -m sitegen new $(KIND) "$(TITLE)" --content $(CONTENT)

import: $(STAMP) ## Move a site here: make import FROM=hugo SRC=../old-site CONTENT=new-content
	$(PY) -m sitegen import $(FROM) "$(SRC)" --content $(CONTENT)

test: $(STAMP) ## Run the whole test suite (on every core; JOBS=1 for one process)
	$(PY) -m pytest -n $(JOBS) $(PYTEST_ARGS)

lint: $(STAMP) ## Check style with ruff
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP) ## Fix style with ruff
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: $(STAMP) ## Run the benchmarks (BENCH=build,peers,search,api,deploy to pick)
	$(PY) tests/bench/run.py

cost: $(STAMP) ## Print a month's AWS bill line by line (PRESET=busy|idle, TRAFFIC=file.yml): docs/cost.md
	$(PY) -m sitegen.publish cost --preset $(or $(PRESET),busy) $(if $(TRAFFIC),--traffic $(TRAFFIC)) --stage $(COST_STAGE)

cost-measure: $(STAMP) ## Measure what each endpoint consumes on DynamoDB Local into docs/cost-measured.json
	BENCH=cost $(PY) tests/bench/run.py

clean: ## Remove generated files and local environments
	rm -rf $(BUILD) dist .cache .venv .venv-deploy .pytest_cache .ruff_cache

# Deploy-only virtualenv: the API's runtime dependencies plus zappa, nothing
# from the dev venv, so the Lambda zip holds only what the API imports.
DEPLOY_PYTHON ?= python3.11
DEPLOY_VENV   ?= .venv-deploy
DEPLOY_STAMP  := $(DEPLOY_VENV)/.installed
ZIP           ?= dist/frostfolio-$(STAGE).zip
RUNTIME       := $(shell sed -n 's/.*"runtime": *"\(python[0-9.]*\)".*/\1/p' zappa_settings.json | head -1)

$(DEPLOY_STAMP): api/requirements.txt
	test -x $(DEPLOY_VENV)/bin/python || $(DEPLOY_PYTHON) -m venv $(DEPLOY_VENV)
	$(DEPLOY_VENV)/bin/python -m pip install --quiet --upgrade 'pip>=24'
	$(DEPLOY_VENV)/bin/python -m pip install --quiet -r api/requirements.txt 'zappa>=0.59'
	touch $@

package: $(DEPLOY_STAMP) ## Build the API's Lambda zip for STAGE (default dev) into dist/, no AWS needed
	@mkdir -p dist
	@# zappa packs the site-packages of the *activated* venv: never run it without one.
	. $(DEPLOY_VENV)/bin/activate && zappa package $(STAGE) -o $(ZIP)
	@# Bytecode for the runtime's Python: cold starts load it instead of compiling.
	$(DEPLOY_VENV)/bin/python site/sitegen/publish/precompile.py --runtime=$(RUNTIME) $(ZIP)
	@echo "Lambda package: $(ZIP) ($$(du -k $(ZIP) | cut -f1) KB)"

deploy: $(STAMP) $(DEPLOY_STAMP) ## Publish: check, build, sync to S3, invalidate CloudFront, update Lambda (STAGE=prod, DRY_RUN=1 to preview)
	$(PY) -m sitegen.publish deploy --stage $(STAGE) --content $(CONTENT) --build $(BUILD) \
		--deploy-venv $(DEPLOY_VENV) $(if $(filter-out 0,$(DRY_RUN)),--dry-run) $(DEPLOY_ARGS)
