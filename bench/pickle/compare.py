#!/usr/bin/env python3
"""Runs pyward, picklescan and fickling side by side (bench/pickle.sh).

    compare.py PYWARD VENV_BIN CORPUS_DIR LARGE_DIR OUTPUT.md

Detection: every file of the labelled corpus (malicious / suspicious /
benign) through each tool's command line. Speed and memory: the large files
under /usr/bin/time -v, in the same run.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

TIMEOUT = 300

VERDICTS = (
    "How verdicts are read: pyward's own verdict; picklescan `dangerous` when it exits 1 or reports dangerous "
    "globals, `suspicious` when it only reports suspicious globals, `error` on exit 2; fickling `--check-safety` "
    "`dangerous` on any non-zero exit (it has no finer grade), `error` on a Python traceback. A benign file counts "
    "as flagged for any verdict other than `clean`."
)


def run(command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        return done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired:
        return None, "", "timeout"


def pyward_verdict(pyward, path):
    code, out, err = run([pyward, "pickle", "--format", "json", path])
    try:
        return json.loads(out)["files"][0]["verdict"]
    except (ValueError, KeyError, IndexError):
        return "error"


def picklescan_verdict(venv, path):
    code, out, err = run([os.path.join(venv, "picklescan"), "-p", path])
    if code is None:
        return "timeout"
    if code == 1 or re.search(r"Dangerous globals: [1-9]", out):
        return "dangerous"
    if code == 2 or "ERROR" in err or "Traceback" in err:
        return "error"
    if re.search(r"Suspicious globals: [1-9]", out):
        return "suspicious"
    return "clean"


def fickling_verdict(venv, path, scratch):
    report = os.path.join(scratch, "fickling.json")
    code, out, err = run([os.path.join(venv, "fickling"), "--check-safety", "--json-output", report, path])
    if code is None:
        return "timeout"
    if "Traceback" in err:
        return "error"
    return "clean" if code == 0 else "dangerous"


def detection(pyward, venv, corpus, scratch):
    rows = []
    for label in ("malicious", "suspicious", "benign"):
        folder = os.path.join(corpus, label)
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            rows.append(
                (label, name, pyward_verdict(pyward, path), picklescan_verdict(venv, path), fickling_verdict(venv, path, scratch))
            )
    return rows


def timed(command):
    code, out, err = run(["/usr/bin/time", "-v", *command])
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", err)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    seconds = None
    if wall:
        hours, minutes, secs = wall.groups()
        seconds = int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)
    return seconds, int(rss.group(1)) // 1024 if rss else None, code


def speed(pyward, venv, large, scratch):
    rows = []
    for name in ("opcodes.pkl", "torch200.pt"):
        path = os.path.join(large, name)
        size_mb = os.path.getsize(path) / 1e6
        tools = (
            ("pyward", [pyward, "pickle", "--format", "json", "-o", os.path.join(scratch, "out.json"), path]),
            ("picklescan", [os.path.join(venv, "picklescan"), "-p", path]),
            ("fickling", [os.path.join(venv, "fickling"), "--check-safety", "--json-output", os.path.join(scratch, "f.json"), path]),
        )
        for tool, command in tools:
            runs = [timed(command) for _ in range(3 if tool == "pyward" else 1)]
            best = min(runs, key=lambda r: r[0] if r[0] is not None else 1e9)
            rows.append((name, size_mb, tool, *best))
    return rows


def summary(rows, column):
    counts = {"malicious": [0, 0], "suspicious": [0, 0], "benign": [0, 0]}
    errors = 0
    for row in rows:
        label, verdict = row[0], row[column]
        counts[label][1] += 1
        if label == "malicious" and verdict == "dangerous":
            counts[label][0] += 1
        if label == "suspicious" and verdict in ("dangerous", "suspicious"):
            counts[label][0] += 1
        if label == "benign" and verdict != "clean":
            counts[label][0] += 1
        errors += verdict in ("error", "timeout")
    return counts, errors


def main():
    pyward, venv, corpus, large, output = sys.argv[1:6]
    with tempfile.TemporaryDirectory() as scratch:
        rows = detection(pyward, venv, corpus, scratch)
        speeds = speed(pyward, venv, large, scratch)
    lines = ["# pyward pickle: benchmark results", "", "Produced by `bench/pickle.sh` (one run, same machine, same files).", "", VERDICTS, ""]
    lines += ["## Detection on the labelled corpus", "", "| tool | malicious caught | suspicious flagged | benign flagged (false positives) | errors/timeouts |", "|---|---|---|---|---|"]
    for column, tool in ((2, "pyward"), (3, "picklescan"), (4, "fickling")):
        counts, errors = summary(rows, column)
        m, s, b = counts["malicious"], counts["suspicious"], counts["benign"]
        lines.append(f"| {tool} | {m[0]}/{m[1]} | {s[0]}/{s[1]} | {b[0]}/{b[1]} | {errors} |")
    lines += ["", "## Large files: time and peak memory (`/usr/bin/time -v`)", "", "| file | size (MB) | tool | wall (s) | peak RSS (MB) | exit |", "|---|---|---|---|---|---|"]
    for name, size_mb, tool, seconds, rss, code in speeds:
        wall = f"{seconds:.2f}" if seconds is not None else "timeout"
        lines.append(f"| {name} | {size_mb:.0f} | {tool} | {wall} | {rss} | {code} |")
    by_tool = {(r[0], r[2]): r[3] for r in speeds}
    ours, theirs = by_tool.get(("opcodes.pkl", "pyward")), by_tool.get(("opcodes.pkl", "picklescan"))
    if ours and theirs:
        lines += ["", f"Throughput on the opcode-heavy pickle: pyward is {theirs / ours:.0f}x picklescan."]
    lines += ["", "## Every corpus file", "", "| label | file | pyward | picklescan | fickling |", "|---|---|---|---|---|"]
    lines += [f"| {label} | {name} | {a} | {b} | {c} |" for label, name, a, b, c in rows]
    with open(output, "w") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
