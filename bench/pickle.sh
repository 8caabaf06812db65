#!/usr/bin/env bash
# pyward pickle vs picklescan and fickling: detection on the labelled corpus,
# time and peak memory on a ~25 MB opcode-heavy pickle and a ~200 MB
# PyTorch-style zip. Writes bench/results-pickle.md.
#
# Needs: Python 3 with venv, network access to PyPI, /usr/bin/time.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/bench/work/pickle"
venv="$work/venv"
mkdir -p "$work"

if [ ! -x "$venv/bin/fickling" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet picklescan fickling typing_extensions numpy scikit-learn joblib py7zr
fi

cargo build --release --quiet -p pyward --manifest-path "$root/Cargo.toml"
pyward="$root/target/release/pyward"

# The corpus as committed, and the large files (generated once).
corpus="$root/crates/pyward_pickle/tests/corpus"
"$venv/bin/python" "$root/bench/pickle/make_large.py" "$work/large"

"$venv/bin/python" "$root/bench/pickle/compare.py" "$pyward" "$venv/bin" "$corpus" "$work/large" \
    "$root/bench/results-pickle.md"
echo "wrote bench/results-pickle.md"
