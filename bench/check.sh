#!/usr/bin/env bash
# pyward check vs `ruff check --select S --no-cache` vs `bandit -r` on the
# installed CPython standard library (site-packages left out), in one run.
# Writes bench/results-check.md. Usage: bench/check.sh [RUNS]
set -euo pipefail
source "$(dirname "$0")/common.sh"

RUNS="${1:-5}"
RUFF_VERSION="0.17.6"
BANDIT_VERSION="1.9.4"
STDLIB="$(stdlib_dir)"
BIN="$(venv check "ruff==$RUFF_VERSION" "bandit==$BANDIT_VERSION")"
build_pyward

OUT="$WORK_DIR/check"
rm -f "$OUT".*.times

for _ in $(seq "$RUNS"); do
  measure "$OUT.pyward" "$PYWARD" check "$STDLIB" --exclude site-packages --exit-zero --quiet --format json
  measure "$OUT.patterns" "$PYWARD" check "$STDLIB" --exclude site-packages --exit-zero --quiet --format json --no-dataflow
  measure "$OUT.ruff" "$BIN/ruff" check --isolated --select S --no-cache --exit-zero --extend-exclude site-packages \
    --output-format json "$STDLIB"
done
# Bandit takes minutes; one run is enough to show the order of magnitude.
measure "$OUT.bandit" "$BIN/bandit" -r "$STDLIB" -x "$STDLIB/site-packages" -q -f json --exit-zero

pyward_files=$("$PYWARD" check "$STDLIB" --exclude site-packages --exit-zero --quiet --format json |
  python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["summary"]["files"], r["summary"]["findings"], len(r["errors"]))')
ruff_findings=$("$BIN/ruff" check --isolated --select S --no-cache --exit-zero --extend-exclude site-packages \
  --output-format json "$STDLIB" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')

p_time=$(median_of "$OUT.pyward.times" 1); p_mem=$(max_of "$OUT.pyward.times" 2)
n_time=$(median_of "$OUT.patterns.times" 1); n_mem=$(max_of "$OUT.patterns.times" 2)
r_time=$(median_of "$OUT.ruff.times" 1); r_mem=$(max_of "$OUT.ruff.times" 2)
b_time=$(median_of "$OUT.bandit.times" 1); b_mem=$(max_of "$OUT.bandit.times" 2)
# Each pyward run and the Ruff run after it share the machine's state: their ratio is steadier.
paste -d' ' "$OUT.pyward.times" "$OUT.ruff.times" | awk '{printf "%.3f\n", $1 / $3}' > "$OUT.paired.times"
paired=$(median_of "$OUT.paired.times" 1)

cat > "$BENCH_DIR/results-check.md" <<MD
## pyward check vs Ruff (S rules) vs Bandit — CPython standard library

Measured by \`bench/check.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(python3 --version) standard library
(\`$STDLIB\`, site-packages excluded). pyward analysed $(echo "$pyward_files" | cut -d' ' -f1) files:
$(echo "$pyward_files" | cut -d' ' -f2) findings, $(echo "$pyward_files" | cut -d' ' -f3) files reported in \`errors\`.
Ruff $RUFF_VERSION reported $ruff_findings S findings. Wall time is the median of $RUNS runs
(Bandit: 1 run); memory is the largest peak resident set size seen.

| tool | wall time (s) | runs' range (s) | peak memory (MB) | time vs pyward | memory vs pyward |
|---|---:|---:|---:|---:|---:|
| pyward check (default: pattern rules + dataflow) | $p_time | $(spread_of "$OUT.pyward.times" 1) | $(awk -v k="$p_mem" 'BEGIN{printf "%.1f", k/1024}') | 1.00 | 1.00 |
| pyward check --no-dataflow (pattern rules only) | $n_time | $(spread_of "$OUT.patterns.times" 1) | $(awk -v k="$n_mem" 'BEGIN{printf "%.1f", k/1024}') | $(ratio "$n_time" "$p_time") | $(ratio "$n_mem" "$p_mem") |
| ruff check --select S --no-cache | $r_time | $(spread_of "$OUT.ruff.times" 1) | $(awk -v k="$r_mem" 'BEGIN{printf "%.1f", k/1024}') | $(ratio "$r_time" "$p_time") | $(ratio "$r_mem" "$p_mem") |
| bandit -r | $b_time | $(spread_of "$OUT.bandit.times" 1) | $(awk -v k="$b_mem" 'BEGIN{printf "%.1f", k/1024}') | $(ratio "$b_time" "$p_time") | $(ratio "$b_mem" "$p_mem") |

Goals: pattern rules at or below Ruff's wall time with peak memory at most 1.5× Ruff's (issues 2 and 3);
with dataflow at most 1.5× Ruff's wall time (issue 4). The runs alternate the tools, so a busy
machine slows all three; when the ranges are wide, the ratios of medians move by about 0.1.

| ratio to Ruff | time | memory |
|---|---:|---:|
| pattern rules only | $(ratio "$n_time" "$r_time") | $(ratio "$n_mem" "$r_mem") |
| with dataflow (default) | $(ratio "$p_time" "$r_time") | $(ratio "$p_mem" "$r_mem") |
| with dataflow, median of the runs' own ratios | $(printf "%.2f" "$paired") | |
MD
cat "$BENCH_DIR/results-check.md"
