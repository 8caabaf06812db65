#!/usr/bin/env bash
# Gathers the figures each bench script wrote (bench/results-*.md) into bench/RESULTS.md.
# Run the scripts first: check.sh, dataflow-score.sh, pickle.sh, frag.sh, nvd.sh.
set -euo pipefail
cd "$(dirname "$0")"
{
  echo "# Benchmark results"
  echo
  echo "Every figure below comes from a script in this folder that runs pyward side by side with the peer"
  echo "tool in the same run; the machine has 2 cores and 24 GiB. Re-run a script, then \`bench/collect.sh\`."
  echo "Timings taken while other builds loaded the machine say so in their section."
  for section in check dataflow pickle frag nvd; do
    if [ -f "results-$section.md" ]; then
      echo
      sed 's/^# /## /' "results-$section.md"
    fi
  done
} > RESULTS.md
echo "wrote bench/RESULTS.md"
