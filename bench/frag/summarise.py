"""Turns bench/frag.sh's measurements into bench/results-frag.md."""

import json
import platform
import re
import sys
from pathlib import Path


def gnu_time(path):
    text = Path(path).read_text()
    elapsed = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
    hours, minutes, seconds = elapsed.groups()
    wall = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    rss_kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return wall, user + system, rss_kib / 1024


def main(work, fragments, size):
    work = Path(work)
    fragments = int(fragments)
    pyward = json.loads((work / "pyward.out").read_text())["captures"][0]
    scapy = json.loads((work / "scapy.out").read_text())
    rows = []
    for name, label in [
        ("pyward", "pyward frag (8 policies), mixed capture"),
        ("scapy", "scapy reassembly (1 policy), mixed capture"),
        ("pyward-flood", "pyward frag, flood capture, default caps"),
        ("pyward-flood-capped", "pyward frag, flood capture, --max-datagrams 4096 --max-bytes 1 MiB"),
    ]:
        wall, cpu, rss = gnu_time(work / f"{name}.time")
        rows.append((label, wall, cpu, fragments / cpu if cpu else float("inf"), rss))
    speedup = rows[1][2] / rows[0][2]
    print("# pyward frag benchmark\n")
    print(f"Machine: {platform.machine()}, {platform.system()}; one core (`taskset -c 0`). Produced by `bench/frag.sh`.\n")
    print(f"Capture: {fragments:,} fragments ({size}) from `frag_gen` (Ethernet, 80% IPv4 / 20% IPv6, 2-8 "
          "fragments of 64-256 bytes per datagram, 8 datagrams interleaved, ~1% duplicates, ~1% overlapping rewrites).\n")
    print("| run | wall s | CPU s | fragments/s (CPU) | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|")
    for label, wall, cpu, rate, rss in rows:
        print(f"| {label} | {wall:.2f} | {cpu:.2f} | {rate:,.0f} | {rss:.1f} |")
    print(f"\npyward is **{speedup:.0f}x** faster than scapy in CPU time on the same file.\n")
    print("Cross-check on the mixed capture:\n")
    print(f"- pyward: {pyward['fragments']:,} fragments, {pyward['datagrams']:,} datagrams, "
          f"{pyward['delivered'].get('first', 0):,} delivered under `first`, {pyward['ambiguous']:,} ambiguous")
    print(f"- scapy: {scapy['fragments']:,} fragments, {scapy['complete']:,} delivered (first-arrival policy), "
          f"{scapy['incomplete']:,} left incomplete")


if __name__ == "__main__":
    main(*sys.argv[1:])
