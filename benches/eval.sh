#!/usr/bin/env bash
# Accuracy in one command: rolecall, the title-only baseline and the TF-IDF + logistic
# regression baseline (cross-validated), side by side on the same labelled postings.
#
#   benches/eval.sh [GOLD]     (default: ../shared/data/dev/gold.jsonl; JSONL, JSON or CSV/TSV,
#                               gzip-compressed or not)
#
# Sets up a Python virtual environment with scikit-learn under target/ the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
gold="${1:-../shared/data/dev/gold.jsonl}"
if [ ! -f "$gold" ]; then
    echo "eval.sh: $gold not found (the labelled data lives in ../shared/data/dev/)" >&2
    exit 2
fi
venv=target/venv-baseline
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet scikit-learn
fi
mkdir -p target/eval
"$venv/bin/python" benches/baseline/tfidf_baseline.py "$gold" target/eval/tfidf-lr.jsonl
cargo run --quiet --release -p rolecall-cli -- eval "$gold" --baseline target/eval/tfidf-lr.jsonl --by-source --bootstrap 1000 "${@:2}"
