"""Compares pyward's findings with Bandit's and Ruff's, check by check.

A peer finding is matched when pyward reports, on the same file and line, a
rule that lists the peer's check id among its aliases. For every check the
table gives the peer's count, how many pyward matched, how many it did not,
how many pyward reports under that alias that the peer does not, and the
documented reason where pyward deliberately differs.
"""
import argparse
import collections
import json
import os
import re


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def norm(root, path):
    return os.path.relpath(os.path.realpath(os.path.join(root, path) if not os.path.isabs(path) else path), root)


def bandit_findings(path, root):
    data = load(path)
    return {(norm(root, r["filename"]), r["line_number"], r["test_id"]) for r in data.get("results", [])}


def bandit_unread(path, root):
    """Files Bandit could not parse: it reports nothing in them."""
    return {norm(root, e["filename"]) for e in load(path).get("errors", [])}


def ruff_findings(path, root):
    return {(norm(root, r["filename"]), r["location"]["row"], r["code"])
            for r in load(path) if r.get("code") and r["code"] != "invalid-syntax"}


def ruff_unread(path, root, files):
    """Files Ruff reports no rule in: those with a syntax error, and those
    that are not UTF-8 (Ruff does not honour a PEP 263 coding declaration)."""
    unread = {norm(root, r["filename"]) for r in load(path) if r.get("code") == "invalid-syntax"}
    for file in files:
        try:
            with open(os.path.join(root, file), encoding="utf-8") as handle:
                handle.read()
        except (UnicodeDecodeError, OSError):
            unread.add(file)
    return unread


def nosec_lines(root, peer):
    """The peer findings whose line carries a Bandit `# nosec` comment (each file read once)."""
    by_file = collections.defaultdict(list)
    for finding in peer:
        by_file[finding[0]].append(finding)
    marked = set()
    for file, findings in by_file.items():
        try:
            with open(os.path.join(root, file), encoding="utf-8", errors="replace") as handle:
                text = handle.read().splitlines()
        except OSError:
            continue
        for _, line, code in findings:
            if line <= len(text) and re.search(r"#\s*nosec", text[line - 1], re.I):
                marked.add((file, line, code))
    return marked


def pyward_findings(path, root):
    cwd = os.getcwd()
    found = collections.defaultdict(set)
    for f in load(path)["findings"]:
        key = (os.path.relpath(os.path.realpath(os.path.join(cwd, f["path"])), root), f["line"])
        found[key].update(f["aliases"])
    return found


# Ruff's suspicious-import rules (S401-S415) are preview rules: `ruff check --select S` does not run them.
RUFF_PREVIEW = {f"S4{n:02d}" for n in range(1, 16)}


def differences(rules):
    """alias -> the 'Differences from Bandit/Ruff' text of the rules carrying it."""
    reasons = collections.defaultdict(list)
    implemented = collections.defaultdict(list)
    for rule in rules:
        doc = rule.get("documentation", "")
        match = re.search(r"## Differences from Bandit/Ruff\n(.*?)(\n## |\Z)", doc, re.S)
        text = " ".join(match.group(1).split()) if match else ""
        for alias in rule["aliases"]:
            implemented[alias].append(rule["id"])
            if text:
                reasons[alias].append(f"{rule['id']}: {text}")
    return reasons, implemented


# Why a peer skips a file it reports as unreadable.
UNREADABLE = {"Bandit": "Python 2 syntax", "Ruff": "Python 2 syntax, or a PEP 263 encoding other than UTF-8"}


class Row:
    def __init__(self):
        self.count = self.matched = self.extra = 0
        self.missed_nosec = 0  # missed where the line says `# nosec`, which pyward honours
        self.extra_unread = 0  # reported in files the peer could not read

    def unexplained(self):
        return (self.count - self.matched - self.missed_nosec) or (self.extra - self.extra_unread)

    def explanations(self, peer_name):
        unreadable = UNREADABLE[peer_name]
        notes = []
        if self.missed_nosec:
            notes.append(f"{self.missed_nosec} missed on lines marked `# nosec`, which pyward honours as Bandit does "
                         f"and {peer_name} ignores.")
        if self.extra_unread:
            notes.append(f"{self.extra_unread} pyward-only in files {peer_name} could not read ({unreadable}), "
                         f"which pyward analyses.")
        return notes


def compare(peer, ours, unread, nosec):
    rows = collections.defaultdict(Row)
    for file, line, code in peer:
        row = rows[code]
        row.count += 1
        if code in ours.get((file, line), ()):
            row.matched += 1
        elif (file, line, code) in nosec:
            row.missed_nosec += 1
    for (file, line), aliases in ours.items():
        for code in aliases:
            if (code in rows or code[0] in "BS") and (file, line, code) not in peer:
                rows[code].extra += 1
                if file in unread:
                    rows[code].extra_unread += 1
    return rows


def table(title, peer_name, peer, unread, ours, prefix, reasons, implemented, root):
    nosec = nosec_lines(root, peer) if peer_name != "Bandit" else set()
    rows = compare(peer, ours, unread, nosec)
    codes = sorted(c for c in rows if c.startswith(prefix))
    out = [f"### {title}: {peer_name}", "",
           f"| check | {peer_name} | matched by pyward | missed | pyward only | pyward rule | documented difference |",
           "|---|---:|---:|---:|---:|---|---|"]
    totals = [0, 0, 0]
    for code in codes:
        row = rows[code]
        count, matched, extra = row.count, row.matched, row.extra
        if count == 0 and extra == 0:
            continue
        totals = [totals[0] + count, totals[1] + matched, totals[2] + extra]
        rules = ", ".join(implemented.get(code, [])) or "not implemented"
        documented = " ".join(reasons.get(code, [])) if row.unexplained() else ""
        if extra and not count and code in RUFF_PREVIEW:
            documented = (f"Ruff runs {code} only with `--preview`, which this comparison leaves off; "
                          f"pyward reports it by default. {documented}").strip()
        if row.unexplained() and not documented:
            documented = "none documented"
        reason = " ".join(row.explanations(peer_name) + ([documented] if documented else []))
        out.append(f"| {code} | {count} | {matched} | {count - matched} | {extra} | {rules} | {reason} |")
    share = f"{totals[1] / totals[0]:.1%}" if totals[0] else "n/a"
    out += ["", f"Total: {totals[0]} {peer_name} findings, {totals[1]} matched ({share}), "
                f"{totals[2]} reported only by pyward under these ids.", ""]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", required=True)
    parser.add_argument("--bandit-version", required=True)
    parser.add_argument("--ruff-version", required=True)
    parser.add_argument("--corpus", action="append", required=True, help="TITLE=ROOT=PREFIX")
    args = parser.parse_args()
    reasons, implemented = differences(load(args.rules))
    print("# Parity with Bandit and Ruff\n")
    print(f"Generated by `bench/parity.sh` with Bandit {args.bandit_version} and Ruff {args.ruff_version} (`--select S`).")
    print("A peer finding counts as matched when pyward reports, on the same file and line, a rule listing that")
    print("check id among its aliases. \"pyward only\" counts pyward findings under an alias where the peer reports")
    print("nothing on that line. Each rule's documentation (`pyward explain ID`, docs/rules.md) explains deliberate")
    print("differences; the last column quotes it. Two differences are counted rather than documented per rule:")
    print("Ruff findings on lines marked `# nosec` (pyward honours Bandit's comment, Ruff does not), and pyward")
    print("findings in files the peer could not read (Bandit's and Ruff's parse errors, and for Ruff files that")
    print("are not UTF-8).\n")
    print("One difference holds for every check: pyward resolves names through the file's imports, as Ruff does.")
    print("A call through a name that is never imported (`tempfile.mktemp()` with no `import tempfile`) is not")
    print("reported, while Bandit matches the text. Aliases are followed instead: `import tempfile as t; t.mktemp()`,")
    print("`from tempfile import mktemp as m`, `__import__('tempfile').mktemp`.\n")
    for corpus in args.corpus:
        title, root, prefix = corpus.split("=")
        ours = pyward_findings(prefix + ".pyward.json", root)
        bandit = bandit_findings(prefix + ".bandit.json", root)
        bandit_skipped = bandit_unread(prefix + ".bandit.json", root)
        print(table(title, "Bandit", bandit, bandit_skipped, ours, "B", reasons, implemented, root))
        ruff_skipped = ruff_unread(prefix + ".ruff.json", root, {file for file, _ in ours})
        print(table(title, "Ruff", ruff_findings(prefix + ".ruff.json", root), ruff_skipped, ours, "S", reasons,
                    implemented, root))


if __name__ == "__main__":
    main()
