# The two commands that matter: `make demo` and `make test`. Both set up what is missing first.
SHELL := /bin/bash
CLI := .venv/bin/swebench-mm

.PHONY: setup demo test

setup:
	@scripts/setup.sh

demo: setup
	$(CLI) images build --instances shipped
	$(CLI) evaluate --instances shipped --predictions gold --run-id demo-gold --force --workers 2
	$(CLI) evaluate --instances shipped --predictions empty --run-id demo-empty --force --workers 2
	$(CLI) report demo-gold demo-empty --html runs/demo-report.html --md runs/demo-report.md

test:
	@scripts/setup.sh --with-test-deps
	.venv/bin/pytest -q
