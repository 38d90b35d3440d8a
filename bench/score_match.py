#!/usr/bin/env python3
"""Scores a `baoxue match` RESULT.csv against the demo county's truth file.

usage: bench/score_match.py RESULT.csv demo-files/truth_410308.csv

Precision of automatic `enrolled` = pairs whose student row is the child's true row / all
automatic pairs; recall = correct automatic pairs / household rows that truly have a student row.
Also: the probable share, and what the suspected list holds by true category (A–M are children
that verification would classify; `enrolled` there means a noisy record the matcher missed).
"""
import collections
import csv
import sys


def main():
    result_path, truth_path = sys.argv[1], sys.argv[2]
    truth = {}  # hukou_row -> (truth, xueji_row)
    with open(truth_path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["hukou_row"]:
                truth[int(row["hukou_row"])] = (row["truth"], row["xueji_row"])
    counts = collections.Counter()
    auto = correct = 0
    suspected_by_truth = collections.Counter()
    with open(result_path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            h = int(row["hukou_row"])
            t, x = truth.get(h, ("?", ""))
            counts[row["status"]] += 1
            if row["status"] == "enrolled":
                auto += 1
                correct += row["xueji_row"] == x
            elif row["status"] == "suspected":
                suspected_by_truth[t] += 1
    should_match = sum(1 for t, x in truth.values() if x)
    in_band = sum(v for k, v in counts.items() if k != "out_of_band")
    print(f"rows {sum(counts.values())}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"automatic enrolled: precision {correct / max(auto, 1):.5f}, "
          f"recall {correct / max(should_match, 1):.5f}")
    print(f"probable share of children in the band: {counts['probable'] / max(in_band, 1):.4f}")
    print("suspected by true category: " +
          ", ".join(f"{k} {v}" for k, v in sorted(suspected_by_truth.items())))


if __name__ == "__main__":
    main()
