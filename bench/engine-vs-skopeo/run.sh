#!/usr/bin/env bash
# Engine (optimized.yaml) vs `skopeo sync`, whole commands as a user runs them, on the same
# source and destination registries, interleaved runs; median wall time and MB/s with min..max.
#
#   [WARM=1] [NETWORK=wan] bench/engine-vs-skopeo/run.sh [fake|distribution] [RUNS]
#
# fake:         source and destination are regbench fake registries (the registry is not the
#               bottleneck); distribution: both are CNCF distribution registries (Debian's
#               docker-registry), the source filled by skopeo from a fake registry.
# Datasets: standard (2 repos x 20 tags, 336 MiB), many-small (200 x 64 KiB), and a no-op
# re-sync of 1,000 small tags (everything already present).
# Needs: harness/target/regbench.jar (./mvnw -q install -DskipTests -DskipITs), skopeo,
# docker-registry. Binds only 127.0.0.1; every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=${1:-fake}
RUNS=${2:-3}
JAR=harness/target/regbench.jar
[ -f "$JAR" ] || { echo "build first: ./mvnw -q install -DskipTests -DskipITs" >&2; exit 2; }
command -v skopeo >/dev/null || { echo "skopeo is missing (apt-get install -y skopeo)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/regbench-vs-skopeo.XXXXXX)
# registries are started inside $(...) subshells, so their pids go to a file, not an array
cleanup() { [ -f "$WORK/pids" ] && while read -r p; do kill "$p" 2>/dev/null || true; done <"$WORK/pids"; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_up() { for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$1/v2/" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "registry on $1 did not start" >&2; exit 1; }

start_fake() { # DATASET -> port
  local port; port=$(free_port)
  java -Xmx4g -jar "$JAR" registry --port "$port" ${1:+--dataset "$1"} --network "$NETWORK" >"$WORK/fake-$port.log" 2>&1 &
  echo $! >>"$WORK/pids"; wait_up "$port"; echo "$port"
}
start_distribution() { # -> port
  local port; port=$(free_port); local dir="$WORK/dist-$port"; mkdir -p "$dir/data"
  cat >"$dir/config.yml" <<YAML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $dir/data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port}
YAML
  docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
  echo $! >>"$WORK/pids"; wait_up "$port"; echo "$port"
}
stop_port() { local pid; pid=$(ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2); [ -n "$pid" ] && kill "$pid" 2>/dev/null; sleep 0.3; }

repos_of() { curl -fs "http://127.0.0.1:$1/v2/_catalog?n=1000" | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["repositories"]))'; }

now() { date +%s.%N; }
skopeo_sync() { # SRC_PORT DST_PORT
  for repo in $(repos_of "$1"); do
    skopeo sync --src docker --dest docker --src-tls-verify=false --dest-tls-verify=false \
      "127.0.0.1:$1/$repo" "127.0.0.1:$2/$(dirname "$repo")" >>"$WORK/skopeo.log" 2>&1
  done
}
engine_sync() { # SRC_PORT DST_PORT
  java -jar "$JAR" replicate "127.0.0.1:$1" "127.0.0.1:$2" --all-repos --config configs/optimized.yaml --no-progress >/dev/null
}

# source registry holding DATASET, in the chosen MODE -> port
source_with() {
  local fake; fake=$(start_fake "$1")
  if [ "$MODE" = fake ]; then echo "$fake"; return; fi
  local dist; dist=$(start_distribution)
  engine_sync "$fake" "$dist"; stop_port "$fake"; echo "$dist"
}
# WARM=1 (fake mode): before it is measured, each fresh destination ingests a different dataset
# through its upload path (not timed), as a long-running registry would have; a cold JVM
# destination otherwise spends seconds digesting uploads in interpreted code, for both tools.
WARM=${WARM:-0}
# NETWORK (fake mode): the fake registries' network profile, loopback (default) or wan (20 ms
# per request, 20 MB/s per connection: where concurrency and connection reuse matter)
NETWORK=${NETWORK:-loopback}
WARM_SRC=""
warm_source() {
  cat >"$WORK/warmup.yaml" <<'YAML'
name: warmup
seed: 99
repos: 1
tagsPerRepo: 20
layersPerTag: 2
layerSize: 2MiB
YAML
  WARM_SRC=$(start_fake "$WORK/warmup.yaml")
}
fresh_destination() {
  if [ "$MODE" != fake ]; then start_distribution; return; fi
  local dst; dst=$(start_fake "")
  if [ "$WARM" = 1 ]; then engine_sync "$WARM_SRC" "$dst"; fi
  echo "$dst"
}

declare -A TIMES
measure() { # LABEL TOOL SRC DST
  local t0 t1; t0=$(now); "$2" "$3" "$4"; t1=$(now)
  TIMES[$1]+="$(python3 -c "print($t1-$t0)") "
}
summarise() { # LABEL MIB
  python3 - "$1" "$2" ${TIMES[$1]} <<'PY'
import statistics, sys
label, mib, xs = sys.argv[1], float(sys.argv[2]), [float(x) for x in sys.argv[3:]]
m = statistics.median(xs)
mbs = f"{mib*1.048576/m:8.1f} MB/s ({mib*1.048576/max(xs):.1f}..{mib*1.048576/min(xs):.1f})" if mib > 0 else " " * 8
print(f"{label:34s} median {m:7.2f} s (min {min(xs):.2f}, max {max(xs):.2f}, n={len(xs)})  {mbs}")
PY
}

echo "mode: $MODE, $RUNS interleaved runs per tool, warm destinations: $WARM, network: $NETWORK; $(nproc) cores; $(java -version 2>&1 | head -1)"
if [ "$MODE" = fake ] && [ "$WARM" = 1 ]; then warm_source; fi
for ds in standard many-small; do
  src=$(source_with "$ds")
  for i in $(seq 1 "$RUNS"); do
    for tool in engine_sync skopeo_sync; do
      dst=$(fresh_destination); measure "$ds $tool" "$tool" "$src" "$dst"; stop_port "$dst"
    done
  done
  [ "$ds" = standard ] && mib=336.2 || mib=12.5
  summarise "$ds engine_sync" "$mib"; summarise "$ds skopeo_sync" "$mib"
  stop_port "$src"
done

# no-op re-sync of 1,000 small tags: fill the destination once, then time re-syncs
cat >"$WORK/resync.yaml" <<'YAML'
name: resync
seed: 11
repos: 1
tagsPerRepo: 1000
layersPerTag: 1
layerSize: 4KiB
YAML
src=$(source_with "$WORK/resync.yaml")
dst=$(fresh_destination); engine_sync "$src" "$dst"
for i in $(seq 1 "$RUNS"); do
  measure "noop-resync-1000 engine_sync" engine_sync "$src" "$dst"
  measure "noop-resync-1000 skopeo_sync" skopeo_sync "$src" "$dst"
done
summarise "noop-resync-1000 engine_sync" 0; summarise "noop-resync-1000 skopeo_sync" 0
