"""Reads one JSON line per suite project ({"project", "report"}) on stdin and
prints a Markdown table of true/false-positive rates per CWE."""
import collections
import json
import os
import re
import sys

LABEL = re.compile(r"#\s*(expect|safe):\s*([A-Z0-9, ]+)$")
counts = collections.defaultdict(lambda: collections.Counter())
cwe_of = {}
for line in sys.stdin:
    entry = json.loads(line)
    root = entry["project"]
    found = collections.defaultdict(set)
    for finding in entry["report"]["findings"]:
        if int(finding["rule"][3:]) >= 50:
            path = os.path.normpath(os.path.join(root, finding["path"]))
            found[path].add((finding["line"], finding["rule"]))
            cwe_of[finding["rule"]] = "/".join(str(c) for c in finding["cwe"])
    for folder, _, names in os.walk(root):
        for name in names:
            if not name.endswith(".py"):
                continue
            path = os.path.normpath(os.path.join(folder, name))
            for number, text in enumerate(open(path, encoding="utf-8"), 1):
                match = LABEL.search(text.rstrip())
                if not match:
                    continue
                for rule in (r.strip() for r in match.group(2).split(",") if r.strip()):
                    hit = (number, rule) in found[path]
                    kind = match.group(1)
                    counts[rule][kind] += 1
                    counts[rule][kind + "_hit"] += int(hit)

RULE_CWE = {"PW151": "94/95", "PW251": "502", "PW252": "611", "PW351": "78", "PW451": "22",
            "PW452": "190/400/770", "PW651": "918", "PW751": "89", "PW752": "79", "PW753": "1336",
            "PW754": "601", "PW755": "90", "PW756": "643", "PW757": "501", "PW758": "117",
            "PW759": "113", "PW760": "730"}
print("| rule | CWE | vulnerable | reported | TPR | safe twins | flagged | FPR |")
print("|---|---|---|---|---|---|---|---|")
total = collections.Counter()
for rule in sorted(counts):
    c = counts[rule]
    total.update(c)
    tpr = c["expect_hit"] / c["expect"] if c["expect"] else float("nan")
    fpr = c["safe_hit"] / c["safe"] if c["safe"] else float("nan")
    print(f"| {rule} | {RULE_CWE.get(rule, cwe_of.get(rule, '?'))} | {c['expect']} | {c['expect_hit']} | {tpr:.2f} "
          f"| {c['safe']} | {c['safe_hit']} | {fpr:.2f} |")
tpr = total["expect_hit"] / max(total["expect"], 1)
fpr = total["safe_hit"] / max(total["safe"], 1)
print(f"| all | | {total['expect']} | {total['expect_hit']} | {tpr:.2f} | {total['safe']} | {total['safe_hit']} | {fpr:.2f} |")
