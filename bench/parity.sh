#!/usr/bin/env bash
# Rule parity with Bandit 1.9.4 and Ruff's S rules, on Bandit's own examples/
# (from its source distribution on PyPI) and on the CPython standard library.
# Writes bench/PARITY.md. Usage: bench/parity.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"

BANDIT_VERSION="1.9.4"
RUFF_VERSION="0.17.6"
BIN="$(venv check "ruff==$RUFF_VERSION" "bandit==$BANDIT_VERSION")"
build_pyward
OUT="$WORK_DIR/parity"
mkdir -p "$OUT"

if [ ! -d "$OUT/bandit-$BANDIT_VERSION/examples" ]; then
  "$BIN/pip" download --quiet --no-deps --no-binary :all: "bandit==$BANDIT_VERSION" -d "$OUT" >&2
  tar -xzf "$OUT/bandit-$BANDIT_VERSION.tar.gz" -C "$OUT"
fi
EXAMPLES="$OUT/bandit-$BANDIT_VERSION/examples"
STDLIB="$(stdlib_dir)"
"$PYWARD" rules --format json > "$OUT/rules.json"

scan() {  # scan NAME DIR [EXCLUDE]
  local name="$1" dir="$2" exclude="${3:-}"
  local bandit_exclude=() ruff_exclude=() pyward_exclude=()
  if [ -n "$exclude" ]; then
    bandit_exclude=(-x "$dir/$exclude"); ruff_exclude=(--extend-exclude "$exclude"); pyward_exclude=(--exclude "$exclude")
  fi
  "$BIN/bandit" -r "$dir" "${bandit_exclude[@]}" -q -f json -o "$OUT/$name.bandit.json" --exit-zero 2>/dev/null || true
  "$BIN/ruff" check --isolated --select S --no-cache --exit-zero "${ruff_exclude[@]}" --output-format json "$dir" \
    > "$OUT/$name.ruff.json" 2>/dev/null
  "$PYWARD" check "$dir" --isolated "${pyward_exclude[@]}" --exit-zero --quiet --format json > "$OUT/$name.pyward.json"
}

scan examples "$EXAMPLES"
scan stdlib "$STDLIB" site-packages

python3 "$BENCH_DIR/parity/compare.py" --rules "$OUT/rules.json" \
  --bandit-version "$BANDIT_VERSION" --ruff-version "$RUFF_VERSION" \
  --corpus "Bandit $BANDIT_VERSION examples/=$EXAMPLES=$OUT/examples" \
  --corpus "CPython $(python3 -c 'import platform; print(platform.python_version())') standard library=$STDLIB=$OUT/stdlib" \
  > "$BENCH_DIR/PARITY.md"
echo "wrote bench/PARITY.md" >&2
