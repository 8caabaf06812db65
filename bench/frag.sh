#!/usr/bin/env bash
# Benchmark: `pyward frag` against a scapy reassembly of the same capture,
# in one run. Writes bench/results-frag.md.
#
#   bench/frag.sh              # 1,000,000 fragments
#   FRAGMENTS=200000 bench/frag.sh
#
# Needs: cargo, python3 (scapy is installed from PyPI into bench/work/frag/venv),
# GNU time at /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."

FRAGMENTS=${FRAGMENTS:-1000000}
WORK=bench/work/frag
RESULTS=bench/results-frag.md
mkdir -p "$WORK"

if [ ! -x "$WORK/venv/bin/python" ]; then
    python3 -m venv "$WORK/venv"
fi
"$WORK/venv/bin/python" -c 'import scapy' 2>/dev/null || "$WORK/venv/bin/pip" install --quiet scapy

cargo build --release --quiet -p pyward
cargo build --release --quiet -p pyward_frag --example frag_gen

./target/release/examples/frag_gen "$WORK/mixed.pcap" "$FRAGMENTS" mixed
./target/release/examples/frag_gen "$WORK/flood.pcap" "$FRAGMENTS" flood

# One core for pyward (it is single-threaded anyway); scapy is too.
measure() { # name, command...
    local name=$1
    shift
    /usr/bin/time -v -o "$WORK/$name.time" taskset -c 0 "$@" > "$WORK/$name.out"
}

PYWARD=(./target/release/pyward frag --format json --datagrams none --exit-zero --quiet)
measure pyward "${PYWARD[@]}" "$WORK/mixed.pcap"
measure pyward-flood "${PYWARD[@]}" "$WORK/flood.pcap"
measure pyward-flood-capped "${PYWARD[@]}" --max-datagrams 4096 --max-bytes 1048576 "$WORK/flood.pcap"
measure scapy "$WORK/venv/bin/python" bench/frag/scapy_reassemble.py "$WORK/mixed.pcap"

"$WORK/venv/bin/python" bench/frag/summarise.py "$WORK" "$FRAGMENTS" "$(du -h "$WORK/mixed.pcap" | cut -f1)" > "$RESULTS"
cat "$RESULTS"
