#!/usr/bin/env bash
# Set up .venv with dev tools, then lint, type-check, check layering and run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh --dev
PKGS=(core ingest extract rules retrieval audit pipeline cli workspace)
echo "== ruff check"; .venv/bin/ruff check .
echo "== ruff format --check"; .venv/bin/ruff format --check .
echo "== mypy --strict"; .venv/bin/mypy "${PKGS[@]}" app.py benchmarks examples/render_pdfs.py
echo "== import-linter"; .venv/bin/lint-imports
echo "== pytest"; .venv/bin/python -m pytest -q "$@"
