#!/usr/bin/env python3
"""Writes a synthetic NVD feed (API 2.0 or legacy 1.1 layout) for benchmarks and docs.

The data is random but shaped like NVD's: records spread over a range of years,
CVSS v2 on older records, v3.1 on newer ones (both in the overlap years), CWEs,
vulnerable CPEs, references, a few rejected entries. Shares drift linearly with
the year so that trends exist to be found: network-reachable flaws become rarer,
adjacent-network and local ones more common. Nothing here is real NVD data.
"""

import argparse
import gzip
import json
import random

VECTORS = ["NETWORK", "ADJACENT_NETWORK", "LOCAL", "PHYSICAL"]
V2_LETTER = {"NETWORK": "N", "ADJACENT_NETWORK": "A", "LOCAL": "L"}
V3_LETTER = {"NETWORK": "N", "ADJACENT_NETWORK": "A", "LOCAL": "L", "PHYSICAL": "P"}
CWES = ["CWE-79", "CWE-89", "CWE-20", "CWE-787", "CWE-125", "CWE-22", "CWE-78", "CWE-416", "CWE-352",
        "CWE-200", "CWE-119", "CWE-502", "CWE-287", "CWE-400", "CWE-94", "CWE-476", "CWE-190", "CWE-918",
        "NVD-CWE-Other", "NVD-CWE-noinfo"]
VENDORS = [("python", "python", "*"), ("djangoproject", "django", "python"), ("palletsprojects", "flask", "python"),
           ("pillow", "pillow", "python"), ("linux", "linux_kernel", "*"), ("microsoft", "windows_10", "*"),
           ("apache", "http_server", "*"), ("openssl", "openssl", "*"), ("pyyaml", "pyyaml", "python"),
           ("google", "chrome", "*"), ("cisco", "ios", "*"), ("wordpress", "wordpress", "*")]


def vector_weights(progress):
    """Network falls from 78% to 52%, adjacent rises 4% -> 12%, local 17% -> 32%, physical 1% -> 4%."""
    return [78 - 26 * progress, 4 + 8 * progress, 17 + 15 * progress, 1 + 3 * progress]


def pick_complexity(rng, v2):
    if v2:
        return rng.choices(["LOW", "MEDIUM", "HIGH"], [55, 35, 10])[0]
    return rng.choices(["LOW", "HIGH"], [82, 18])[0]


def v3_metric(rng, vector):
    complexity = pick_complexity(rng, False)
    privileges = rng.choices(["NONE", "LOW", "HIGH"], [60, 30, 10])[0]
    interaction = rng.choices(["NONE", "REQUIRED"], [62, 38])[0]
    score = round(rng.uniform(2.0, 10.0), 1)
    severity = "LOW" if score < 4 else "MEDIUM" if score < 7 else "HIGH" if score < 9 else "CRITICAL"
    vector_string = "CVSS:3.1/AV:%s/AC:%s/PR:%s/UI:%s/S:U/C:H/I:H/A:H" % (
        V3_LETTER[vector], complexity[0], privileges[0], interaction[0])
    data = {"version": "3.1", "vectorString": vector_string, "attackVector": vector,
            "attackComplexity": complexity, "privilegesRequired": privileges, "userInteraction": interaction,
            "scope": "UNCHANGED", "confidentialityImpact": "HIGH", "integrityImpact": "HIGH",
            "availabilityImpact": "HIGH", "baseScore": score, "baseSeverity": severity}
    return data, round(rng.uniform(1.0, 3.9), 1), round(rng.uniform(1.0, 6.0), 1)


def v2_metric(rng, vector):
    vector = "LOCAL" if vector == "PHYSICAL" else vector
    complexity = pick_complexity(rng, True)
    authentication = rng.choices(["NONE", "SINGLE", "MULTIPLE"], [80, 18, 2])[0]
    score = round(rng.uniform(1.5, 10.0), 1)
    severity = "LOW" if score < 4 else "MEDIUM" if score < 7 else "HIGH"
    vector_string = "AV:%s/AC:%s/Au:%s/C:P/I:P/A:P" % (V2_LETTER[vector], complexity[0], authentication[0])
    data = {"version": "2.0", "vectorString": vector_string, "accessVector": vector,
            "accessComplexity": complexity, "authentication": authentication, "confidentialityImpact": "PARTIAL",
            "integrityImpact": "PARTIAL", "availabilityImpact": "PARTIAL", "baseScore": score}
    return data, severity, rng.random() < 0.3


def fake_record(rng, index, year, first_year, last_year):
    progress = (year - first_year) / max(1, last_year - first_year)
    vector = rng.choices(VECTORS, vector_weights(progress))[0]
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    vendor, product, target = rng.choice(VENDORS)
    cwe = rng.choice(CWES)
    rejected = rng.random() < 0.01
    words = " ".join(rng.choice(["buffer", "request", "crafted", "remote", "attacker", "parser", "module",
                                 "allows", "via", "input", "function", "memory"]) for _ in range(18))
    description = ("** REJECT ** DO NOT USE THIS CANDIDATE NUMBER." if rejected else
                   "A flaw in %s %s %s before %d.%d allows %s." % (vendor, product, words, rng.randint(1, 9),
                                                                   rng.randint(0, 30), "attackers to run code"))
    cpe = "cpe:2.3:a:%s:%s:%d.%d:*:*:*:*:%s:*:*" % (vendor, product, rng.randint(0, 9), rng.randint(0, 20), target)
    return {"id": "CVE-%d-%05d" % (year, index), "published": "%d-%02d-%02dT10:15:00.000" % (year, month, day),
            "vector": vector, "rejected": rejected, "description": description, "cwe": cwe, "cpe": cpe,
            "v2": year <= 2021 and not rejected, "v3": year >= 2016 and not rejected,
            "reference": "https://example.org/advisories/%d/%d" % (year, index)}


def api2_item(rng, fake):
    cve = {"id": fake["id"], "sourceIdentifier": "cve@mitre.org", "published": fake["published"],
           "lastModified": fake["published"], "vulnStatus": "Rejected" if fake["rejected"] else "Analyzed",
           "descriptions": [{"lang": "en", "value": fake["description"]}], "metrics": {}}
    if fake["v3"]:
        data, exploitability, impact = v3_metric(rng, fake["vector"])
        cve["metrics"]["cvssMetricV31"] = [{"source": "nvd@nist.gov", "type": "Primary", "cvssData": data,
                                            "exploitabilityScore": exploitability, "impactScore": impact}]
    if fake["v2"]:
        data, severity, interaction = v2_metric(rng, fake["vector"])
        cve["metrics"]["cvssMetricV2"] = [{"source": "nvd@nist.gov", "type": "Primary", "cvssData": data,
                                           "baseSeverity": severity, "exploitabilityScore": 10.0,
                                           "impactScore": 6.4, "acInsufInfo": False,
                                           "userInteractionRequired": interaction}]
    if not fake["rejected"]:
        cve["weaknesses"] = [{"source": "nvd@nist.gov", "type": "Primary",
                              "description": [{"lang": "en", "value": fake["cwe"]}]}]
        cve["configurations"] = [{"nodes": [{"operator": "OR", "negate": False, "cpeMatch": [
            {"vulnerable": True, "criteria": fake["cpe"], "matchCriteriaId": "00000000-0000-0000-0000-000000000000"}]}]}]
        cve["references"] = [{"url": fake["reference"], "source": "cve@mitre.org"}]
    return {"cve": cve}


def legacy_item(rng, fake):
    item = {"cve": {"data_type": "CVE", "data_format": "MITRE", "data_version": "4.0",
                    "CVE_data_meta": {"ID": fake["id"], "ASSIGNER": "cve@mitre.org"},
                    "problemtype": {"problemtype_data": [{"description": [] if fake["rejected"] else
                                                          [{"lang": "en", "value": fake["cwe"]}]}]},
                    "references": {"reference_data": [{"url": fake["reference"], "name": fake["reference"],
                                                       "refsource": "MISC", "tags": []}]},
                    "description": {"description_data": [{"lang": "en", "value": fake["description"]}]}},
            "configurations": {"CVE_data_version": "4.0", "nodes": [] if fake["rejected"] else [
                {"operator": "OR", "children": [], "cpe_match": [{"vulnerable": True, "cpe23Uri": fake["cpe"],
                                                                  "cpe_name": []}]}]},
            "impact": {}, "publishedDate": fake["published"][:16] + "Z",
            "lastModifiedDate": fake["published"][:16] + "Z"}
    if fake["v3"]:
        data, exploitability, impact = v3_metric(rng, fake["vector"])
        item["impact"]["baseMetricV3"] = {"cvssV3": data, "exploitabilityScore": exploitability,
                                          "impactScore": impact}
    if fake["v2"]:
        data, severity, interaction = v2_metric(rng, fake["vector"])
        item["impact"]["baseMetricV2"] = {"cvssV2": data, "severity": severity, "exploitabilityScore": 10.0,
                                          "impactScore": 6.4, "acInsufInfo": False,
                                          "userInteractionRequired": interaction}
    return item


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=300_000)
    parser.add_argument("--format", choices=["api2", "legacy"], default="api2")
    parser.add_argument("--first-year", type=int, default=2008)
    parser.add_argument("--last-year", type=int, default=2024)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--gzip", action="store_true")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    years = list(range(args.first_year, args.last_year + 1))
    growth = [1.0 + 0.12 * i for i in range(len(years))]  # more CVEs every year, as in NVD
    opener = gzip.open if args.gzip else open
    with opener(args.out, "wt", encoding="utf-8") as out:
        if args.format == "api2":
            out.write('{"resultsPerPage": %d, "startIndex": 0, "totalResults": %d, "format": "NVD_CVE", '
                      '"version": "2.0", "timestamp": "2024-12-31T00:00:00.000", "vulnerabilities": [\n'
                      % (args.count, args.count))
        else:
            out.write('{"CVE_data_type": "CVE", "CVE_data_format": "MITRE", "CVE_data_version": "4.0", '
                      '"CVE_data_numberOfCVEs": "%d", "CVE_data_timestamp": "2024-12-31T00:00Z", "CVE_Items": [\n'
                      % args.count)
        make = api2_item if args.format == "api2" else legacy_item
        for index in range(args.count):
            year = rng.choices(years, growth)[0]
            fake = fake_record(rng, index, year, args.first_year, args.last_year)
            if index:
                out.write(",\n")
            out.write(json.dumps(make(rng, fake), separators=(",", ":")))
        out.write("\n]}\n")


if __name__ == "__main__":
    main()
