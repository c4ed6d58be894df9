#!/usr/bin/env bash
# Set up .venv and review the bundled example chart against the Medicare IOP policy.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh
.venv/bin/chartreview review examples/medicare-iop-complete --policy medicare-iop --out out/review.json
.venv/bin/chartreview verify out/review.json
