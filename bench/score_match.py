#!/usr/bin/env python3
"""Scores a `baoxue match` RESULT.csv against a truth file.

usage: bench/score_match.py RESULT.csv TRUTH.csv

TRUTH.csv: the demo county's truth_410308.csv (`baoxue demo --files`) or the truth.csv of
bench/make_match_files; what is read: hukou_row, xueji_row (the child's true student row, empty if
none), truth (the true category), and when present xueji_noise and note.

Precision of automatic `enrolled` = pairs whose student row is the child's true row / all
automatic pairs; recall = correct automatic pairs / household rows that truly have a student row.
Also: the probable share of the children in the compulsory band (rows not `out_of_band`), what the
suspected list holds by true category (A–M are children that verification would classify; `dropped`
is a synthetic child truly out of school; `enrolled` there means a noisy record the matcher
missed), and the noise on the rows behind each miss and each wrong pair.

The last line is for scripts: `score precision=P recall=R probable_share=S rows=N`.
Holds two numbers per household row, so 10M rows score in a few hundred MB.
"""
import array
import collections
import csv
import sys


def main():
    result_path, truth_path = sys.argv[1], sys.argv[2]
    intern = {}

    def same(s):
        return intern.setdefault(s, s)

    # Indexed by hukou_row: the true student row (0 = none), category, noise and note.
    truth_x = array.array("q")
    truth_cat, noise, note = [], [], []
    with open(truth_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if not row["hukou_row"]:
                continue  # a pupil registered elsewhere: on no household row
            h = int(row["hukou_row"])
            while len(truth_x) <= h:
                truth_x.append(-1)
                truth_cat.append("?")
                noise.append("")
                note.append("")
            truth_x[h] = int(row["xueji_row"]) if row["xueji_row"] else 0
            truth_cat[h] = same(row["truth"])
            noise[h] = same(row.get("xueji_noise") or "")
            note[h] = same(row.get("note") or "")

    counts = collections.Counter()
    auto = correct = 0
    suspected_by_truth = collections.Counter()
    missed_by = collections.Counter()  # true pairs not enrolled correctly: (status, noise, note)
    wrong_by = collections.Counter()  # automatic pairs to the wrong pupil
    seen = bytearray(len(truth_x))
    with open(result_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            h = int(row["hukou_row"])
            known = h < len(truth_x) and truth_x[h] >= 0
            t, x = (truth_cat[h], truth_x[h]) if known else ("?", 0)
            status = row["status"]
            counts[status] += 1
            if known:
                seen[h] = 1
            ok = False
            if status == "enrolled":
                auto += 1
                ok = x != 0 and row["xueji_row"] == str(x)
                correct += ok
                if not ok:
                    wrong_by[(t, noise[h] if known else "", note[h] if known else "")] += 1
            elif status == "suspected":
                suspected_by_truth[t] += 1
            if x and not ok:
                missed_by[(status, noise[h], note[h])] += 1
    should_match = sum(1 for h in range(len(truth_x)) if truth_x[h] > 0)
    unseen_pairs = sum(1 for h in range(len(truth_x)) if truth_x[h] > 0 and not seen[h])
    in_band = sum(v for k, v in counts.items() if k != "out_of_band")
    precision = correct / max(auto, 1)
    recall = correct / max(should_match, 1)
    probable_share = counts["probable"] / max(in_band, 1)
    print(f"rows {sum(counts.values())}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"automatic enrolled: precision {precision:.5f}, recall {recall:.5f}")
    print(f"probable share of children in the band: {probable_share:.4f}")
    print("suspected by true category: " +
          ", ".join(f"{k} {v}" for k, v in sorted(suspected_by_truth.items())))

    def describe(key):
        return "/".join(k for k in key if k) or "no noise"

    if missed_by:
        print("missed pairs (status/noise/note): " +
              ", ".join(f"{describe(k)} {v}" for k, v in missed_by.most_common(12)))
    if wrong_by:
        print("wrong automatic pairs (truth/noise/note): " +
              ", ".join(f"{describe(k)} {v}" for k, v in wrong_by.most_common(12)))
    if unseen_pairs:
        print(f"household rows with a true pair missing from the result: {unseen_pairs}")
    print(f"score precision={precision:.5f} recall={recall:.5f} "
          f"probable_share={probable_share:.4f} rows={sum(counts.values())}")


if __name__ == "__main__":
    main()
