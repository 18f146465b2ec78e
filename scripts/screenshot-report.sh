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
# the whole page, cut into 1400x2400 pages (a tall PNG is too shrunk to judge), blank tail dropped
shoot "$shots/full.png" "${FULL_HEIGHT:-30000}"
crop=$(mktemp -d)/Crop.java
cat > "$crop" <<'JAVA'
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;
public class Crop {
    public static void main(String[] a) throws Exception {
        BufferedImage img = ImageIO.read(new File(a[0]));
        int bottom = img.getHeight();
        outer:
        while (bottom > 1) { // trim the white space below the page
            for (int x = 0; x < img.getWidth(); x += 2) {
                if ((img.getRGB(x, bottom - 1) & 0xFFFFFF) != 0xFFFFFF) break outer;
            }
            bottom--;
        }
        int page = 2400;
        for (int y = 0, i = 1; y < bottom; y += page, i++) {
            BufferedImage part = img.getSubimage(0, y, img.getWidth(), Math.min(page, bottom - y));
            ImageIO.write(part, "png", new File(a[1], String.format("page-%02d.png", i)));
        }
    }
}
JAVA
java -Djava.awt.headless=true "$crop" "$shots/full.png" "$shots"
rm -rf "$(dirname "$crop")"
ls "$shots"/*.png
