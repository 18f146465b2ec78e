#!/usr/bin/env bash
# Cold `regbench replicate` under JVM flag variants, side by side (how bin/regbench's client flags
# were chosen): each variant is "name|extra JVM flags", run with the client class-data archive, the
# serial GC, bin/jit-directives.json and the early SHA-256 compile bin/regbench asks for, interleaved
# ABBA, on fake registries this script starts on free 127.0.0.1 ports and stops. Workloads: a no-op
# re-sync of 20 tags, and a fresh copy into a new destination registry per run of the built-in
# dataset's standard/app0 (168 MiB) or many-small/app0 (200 tags x 64 KiB).
#
#   bench/peers/jvm-flags.sh [--runs 8] [--workload noop|standard|many-small] "base|" "cts10|-XX:CompileThresholdScaling=10" ...
#
# Prints per variant the median and range of wall time, CPU seconds (user+sys) and peak RSS.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=8 workload=noop
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --workload) workload=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "jvm-flags.sh: give at least one variant \"name|flags\"" >&2; exit 2; }
case $workload in noop|standard|many-small) ;; *) echo "jvm-flags.sh: --workload is noop, standard or many-small, not $workload" >&2; exit 2 ;; esac
jar=$root/harness/target/regbench.jar jsa=$root/harness/target/regbench-client.jsa
# the archive bin/regbench maps for client commands (a variant may name another: the last
# -XX:SharedArchiveFile given wins)
[ -f "$jsa" ] || jsa=$root/harness/target/regbench.jsa
[ -f "$jar" ] && [ -f "$jsa" ] || { echo "jvm-flags.sh: build first: ./mvnw -q -B package -DskipTests -DskipITs" >&2; exit 2; }
work=$(mktemp -d) pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
up() { for _ in $(seq 200); do curl -sf -o /dev/null "http://127.0.0.1:$1/v2/" && return 0; sleep 0.05; done; echo "registry on $1 did not start" >&2; return 1; }
registry() { "$root/bin/regbench" registry --port "$@" >> "$work/registries.log" 2>&1 & }
base=(-XX:SharedArchiveFile="$jsa" -Xshare:auto -XX:+UseSerialGC -Xms16m -Xmx128m -Xss512k -XX:ReservedCodeCacheSize=32m
      -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -XX:CompilerDirectivesFile="$root/bin/jit-directives.json"
      -XX:CompileCommand=quiet "-XX:CompileCommand=CompileThresholdScaling,sun.security.provider.*::*,0.01")
src=$(port)
if [ "$workload" = noop ]; then
  printf 'name: noop20\nseed: 10\nrepos: 1\ntagsPerRepo: 20\nlayersPerTag: 1\nlayerSize: 4KiB\n' > "$work/ds.yaml"
  registry "$src" --dataset "$work/ds.yaml"; pids+=($!)
  dst=$(port); registry "$dst"; pids+=($!)
  up "$src"; up "$dst"
  repo=noop20/app0
  java "${base[@]}" -cp "$jar" dev.regbench.harness.cli.RegbenchCli replicate "127.0.0.1:$src/$repo" "127.0.0.1:$dst/$repo" --no-progress > /dev/null
else
  registry "$src" --dataset "$workload"; pids+=($!); up "$src"
  repo=$workload/app0
fi
variants=("$@")
for i in $(seq "$runs"); do
  order=("${variants[@]}")
  if (( i % 2 == 0 )); then order=(); for ((k=${#variants[@]}-1; k>=0; k--)); do order+=("${variants[k]}"); done; fi
  for v in "${order[@]}"; do
    name=${v%%|*} flags=${v#*|}
    if [ "$workload" != noop ]; then dst=$(port); registry "$dst"; dp=$!; up "$dst"; fi
    # shellcheck disable=SC2086
    /usr/bin/time -a -o "$work/$name.times" -f "%e %U %S %M" java "${base[@]}" $flags -cp "$jar" dev.regbench.harness.cli.RegbenchCli replicate \
      "127.0.0.1:$src/$repo" "127.0.0.1:$dst/$repo" --no-progress > /dev/null
    if [ "$workload" != noop ]; then kill "$dp"; wait "$dp" 2>/dev/null || true; fi
  done
done
echo "cold regbench replicate, workload $workload, $runs interleaved runs per variant; archive $(basename "$jsa"); $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
for v in "${variants[@]}"; do
  python3 - "$work/${v%%|*}.times" "${v%%|*}" "${v#*|}" <<'PY'
import statistics as s, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l[:1].isdigit()]
w = [r[0] for r in rows]; c = [r[1] + r[2] for r in rows]; m = [r[3] / 1024 for r in rows]
print(f"{sys.argv[2]:12s} wall {s.median(w):.3f} s ({min(w):.3f}..{max(w):.3f})  cpu {s.median(c):.3f} s ({min(c):.3f}..{max(c):.3f})"
      f"  rss {s.median(m):.0f} MiB  n={len(rows)}  flags: {sys.argv[3] or '(none)'}")
PY
done
