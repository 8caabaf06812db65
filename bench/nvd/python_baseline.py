#!/usr/bin/env python3
"""The straightforward way to get the seed's statistics: load the whole API 2.0
feed with json.load and count CVEs by year and access vector (newest CVSS version).
Used by bench/nvd.sh as a point of comparison for time and memory."""

import collections
import json
import sys

BLOCKS = ["cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2"]


def vector(metrics):
    for block in BLOCKS:
        for metric in metrics.get(block, []):
            data = metric.get("cvssData", {})
            return data.get("attackVector") or data.get("accessVector") or "UNKNOWN"
    return "UNKNOWN"


def main():
    counts = collections.Counter()
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            feed = json.load(f)
        for item in feed.get("vulnerabilities", []):
            cve = item["cve"]
            if cve.get("vulnStatus") == "Rejected":
                continue
            counts[(cve.get("published", "")[:4], vector(cve.get("metrics", {})))] += 1
    print(sum(counts.values()), "CVEs,", len(counts), "cells")


if __name__ == "__main__":
    main()
