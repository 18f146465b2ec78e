#!/usr/bin/env bash
# Renders the checked-in sample results (reports/src/test/resources/samples) into a report and
# screenshots it with headless Chromium, one PNG per section, to look at the page as a user
# would (empty charts, overlapping labels). Not part of CI.
#
#   scripts/screenshot-report.sh [OUT_DIR]        default: reports/target/sample-report
#
# Needs: Java 17, mvn, chromium (Debian: apt-get install -y chromium).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/reports/target/sample-report}
samples=$root/reports/src/test/resources/samples
shots=$out/screenshots

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "chromium not found: install it with 'apt-get install -y chromium'" >&2
  exit 2
fi

cd "$root"
mvn -q -pl reports compile
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -q -pl reports dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null
java -Djava.awt.headless=true -cp "reports/target/classes:$(cat "$cpfile")" dev.regbench.reports.ReportMain \
  --out "$out" "$samples/machine-a" "$samples/machine-b"

mkdir -p "$shots"
rm -f "$shots"/*.png
shoot() { # shoot PNG HEIGHT
  local profile
  profile=$(mktemp -d)
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --user-data-dir="$profile" --hide-scrollbars \
    --screenshot="$1" --window-size="1400,$2" "file://$out/index.html" >/dev/null 2>&1
  rm -rf "$profile"
}
# the first screen as a user sees it
shoot "$shots/top.png" 3000
# the whole page, cut into 1400x3000 pages when ImageMagick is there
shoot "$shots/full.png" "${FULL_HEIGHT:-16000}"
if command -v convert >/dev/null; then
  convert "$shots/full.png" -crop 1400x3000 +repage "$shots/page-%02d.png"
fi
ls "$shots"/*.png
