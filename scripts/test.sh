#!/usr/bin/env bash
# Set up .venv with dev tools, then lint, type-check, check layering and run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh --dev
PKGS=(core ingest extract rules retrieval audit pipeline cli workspace eval batch casestore)
echo "== ruff check"; .venv/bin/ruff check .
echo "== ruff format --check"; .venv/bin/ruff format --check .
echo "== mypy --strict"; .venv/bin/mypy "${PKGS[@]}" app.py benchmarks examples/render_pdfs.py
echo "== import-linter"; .venv/bin/lint-imports
echo "== eval: deterministic extractor on the gold set (fails below eval/thresholds.yaml)"
.venv/bin/chartreview eval --check --out artifacts/eval/report.json
.venv/bin/chartreview eval --set studied --check --out artifacts/eval/studied.json
echo "== eval: the LLM path answered with the gold (oracle; fails below eval/thresholds.yaml)"
.venv/bin/chartreview eval --extractor oracle --check --out artifacts/eval/oracle.json
echo "== eval: the offline reader joined with a model that answers with the gold (hybrid oracle)"
.venv/bin/chartreview eval --extractor hybrid-oracle --check --out artifacts/eval/hybrid-oracle.json
echo "== eval: charts generated in the development export styles (fails below eval/thresholds.yaml)"
.venv/bin/chartreview eval --set styles-dev --check --out artifacts/eval/styles-dev.json
echo "== eval: documents generated in the development phrasings (fails below eval/thresholds.yaml)"
.venv/bin/chartreview eval --set docfacts-dev --check --out artifacts/eval/docfacts-dev.json
if [ -n "${CHARTREVIEW_LLM_MODEL:-}" ] && [ -n "${OPENAI_API_KEY:-}${OPENAI_BASE_URL:-}" ]; then
  echo "== eval: LLM extractor, live against the configured endpoint (reported, no threshold)"
  .venv/bin/chartreview eval --extractor deterministic --extractor llm --out artifacts/eval/llm-live.json
elif compgen -G "eval/recordings/*.jsonl" >/dev/null; then
  echo "== eval: LLM extractor, replaying the recorded model responses"
  .venv/bin/chartreview eval --extractor llm --check --out artifacts/eval/llm-recorded.json
else
  echo "== eval: LLM extractor skipped: no endpoint configured and no recorded responses in eval/recordings/ (see its README)"
fi
echo "== pytest"; .venv/bin/python -m pytest -q "$@"
