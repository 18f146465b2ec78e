#!/usr/bin/env bash
# A/A check of `regbench compare` (issue 11): N separate compares of a tuning config against a copy
# of itself under another name, on one scenario, each with the scenario's own repetitions
# (interleaved ABBA, paired ratios, order-statistic intervals, minimum effect from compare's own
# A/A calibration arm; `-- --no-calibrate` assumes ±5% instead). A sound comparison says "no
# significant difference" on every metric every time; this counts how often it does not.
#
#   bench/aa/run.sh [--compares 20] [--scenario quick] [--config optimized] [--out DIR] [-- compare options]
#
# Output: one line per compare, then the tally per metric; results under DIR/<i>/results.json.
# Exit 0 when every compare says "no significant difference" on every metric, 1 otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
compares=20 scenario=quick config=optimized out=$root/target/regbench/aa
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --compares) compares=$2; shift 2 ;;
    --scenario) scenario=$2; shift 2 ;;
    --config) config=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "bench/aa/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
jar=$root/harness/target/regbench.jar
[ -f "$jar" ] || { echo "bench/aa/run.sh: $jar not built: ./mvnw -q -B package -DskipTests -DskipITs" >&2; exit 2; }
src=$root/configs/$config.yaml
[ -f "$src" ] || { echo "bench/aa/run.sh: no tuning config $src" >&2; exit 2; }
mkdir -p "$out"
copy=$out/$config-copy.yaml
# the same settings under another name: only the name line differs
sed "s/^name: .*/name: $config-copy/" "$src" > "$copy"
cmp -s <(grep -v '^name:' "$src") <(grep -v '^name:' "$copy") || { echo "copy differs beyond its name" >&2; exit 2; }
for i in $(seq 1 "$compares"); do
  ( cd "$root" && java -jar "$jar" compare "$src" "$copy" --scenario "$scenario" --out "$out/$i" "${extra[@]}" \
      > "$out/$i.log" 2>&1 ) || { echo "compare $i failed: $out/$i.log" >&2; tail -5 "$out/$i.log" >&2; exit 1; }
  python3 - "$out/$i/results.json" "$i" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
bad = [f"{c['metric']}@{c['a']}: {c['verdict']} {c['ratio']:.3f} [{c['ciLow']:.3f}, {c['ciHigh']:.3f}]"
       for c in r["comparisons"] if c["verdict"] != "no-significant-difference"]
print(f"compare {sys.argv[2]}: {len(r['comparisons'])} comparisons, " + ("all no significant difference" if not bad else "DIFFERENCE: " + "; ".join(bad)), flush=True)
PY
done
python3 - "$out" "$compares" <<'PY'
import json, sys, collections
out, n = sys.argv[1], int(sys.argv[2])
tally = collections.defaultdict(collections.Counter)
for i in range(1, n + 1):
    for c in json.load(open(f"{out}/{i}/results.json"))["comparisons"]:
        net = c["a"].split("@")[-1] if "@" in c["a"] else ""
        tally[(c["metric"], net)][c["verdict"]] += 1
print(f"\nA/A tally over {n} compares (config vs its copy; verdict counts per metric and network):")
clean = True
for (m, net), cnt in sorted(tally.items()):
    nd = cnt.get("no-significant-difference", 0)
    clean &= nd == n
    other = ", ".join(f"{k} {v}" for k, v in sorted(cnt.items()) if k != "no-significant-difference")
    print(f"  {m:24s} {net:10s} no significant difference {nd}/{n}" + (f"  ({other})" if other else ""))
sys.exit(0 if clean else 1)
PY
