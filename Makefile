# Developer entry points. CI runs `bash .ci/run` (= install the tools + `make test`).
PYTHON ?= python3
export PYTHON

.PHONY: help install-test-tools test test-fast lint lint-optional fix clean demo bench

help:
	@echo "make install-test-tools  pip install -r requirements-test.txt"
	@echo "make test                tier 1 + tier 2, Odoo 18 bootstrapped first: scripts/test.sh"
	@echo "make test-fast           tier 1 only (no PostgreSQL, no Odoo)"
	@echo "make lint                ruff + pylint-odoo (mandatory) + OCA module checks"
	@echo "make lint-optional       pylint-odoo with the optional checks (informational)"
	@echo "make fix                 ruff format, ruff --fix, OCA XML autofixes"
	@echo "make demo                Odoo 18 bootstrapped, demo database, ladder run, Odoo on :8069"
	@echo "                         (Odoo 18 from: an importable odoo, ODOO_SRC, .odoo/src or a"
	@echo "                         clone of ODOO_GIT_URL: scripts/bootstrap_odoo.sh)"
	@echo "make bench               benchmark (100 000 invoices) next to OCA account_credit_control"

install-test-tools:
	$(PYTHON) -m pip install -q -r requirements-test.txt

test:
	bash scripts/test.sh

test-fast:
	TEST_TIER=1 bash scripts/test.sh

lint:
	$(PYTHON) -m ruff check --no-fix .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m pylint --rcfile=.pylintrc-mandatory recouvrement_fr
	$(PYTHON) -c "import sys; from oca_pre_commit_hooks.cli import main; sys.exit(main(sys.argv[1:]))" recouvrement_fr

lint-optional:
	$(PYTHON) -m pylint --rcfile=.pylintrc --exit-zero recouvrement_fr

fix:
	$(PYTHON) -m ruff format .
	$(PYTHON) -m ruff check --fix .
	-$(PYTHON) -c "import sys; from oca_pre_commit_hooks.cli import main; sys.exit(main(sys.argv[1:]))" --fix recouvrement_fr

demo:
	bash scripts/demo.sh

bench:
	$(PYTHON) bench/run.py --invoices 100000 --customers 20000 --peer

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
