#!/usr/bin/env bash
# Serving benchmark (issue 2): how fast does the fake registry serve a manifest GET and a
# 4 MiB blob GET, next to the CNCF distribution registry serving the same content and nginx
# serving the same bytes as static files (the ceiling for serving bytes on this machine)?
#
# A benchmark, not a test: it prints figures and ratios, it does not pass or fail on them.
#
#   bench/registry-serve/run.sh                # wrk -t2 -c16 -d15s, 3 interleaved runs each
#   DURATION=5s RUNS=1 bench/registry-serve/run.sh   # quick look
#
# Environment knobs (defaults in brackets): DURATION [15s], RUNS [3], THREADS [2],
# CONNECTIONS [16], WARMUP [5s] (one unmeasured wrk run per target and endpoint first),
# FAKE_SEED [skopeo] (skopeo: push like distribution; storage: seed through the Storage API),
# FAKE_STORAGE [memory] (memory | disk), FAKE_LAUNCH [main] (main: FakeRegistryMain.java on the
# fake-registry classpath; jar: `java -jar harness/target/regbench.jar registry`), JAVA_OPTS [-Xmx1g], TARGETS ["fake distribution nginx"],
# NICE [unset] (nice value for everything started), RESULTS [unset] (a file to which the table is also written), FAKE_CP [unset] (the fake
# registry's classpath; unset: built here with mvn).
#
# Needs: java 17, mvn (unless harness/target/regbench.jar exists), skopeo, docker-registry,
# nginx, wrk, curl, sha256sum, tar, gzip. Everything listens on 127.0.0.1 only; every process
# it starts is stopped and its temp folder removed at exit.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION="${DURATION:-15s}"
RUNS="${RUNS:-3}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
WARMUP="${WARMUP:-5s}"
FAKE_SEED="${FAKE_SEED:-skopeo}"
FAKE_STORAGE="${FAKE_STORAGE:-memory}"
FAKE_LAUNCH="${FAKE_LAUNCH:-main}"
JAVA_OPTS="${JAVA_OPTS:--Xmx1g}"
TARGETS="${TARGETS:-fake distribution nginx}"
# NICE: a nice value for every process started here (servers and wrk), e.g. -10 on a shared
# machine so that other work disturbs the figures less (negative values need root).
RUN=()
[[ -n "${NICE:-}" ]] && RUN=(nice -n "$NICE")
REPO="bench/app"
TAG="v1"
OCI_MANIFEST="application/vnd.oci.image.manifest.v1+json"

for tool in java skopeo docker-registry nginx wrk curl sha256sum tar gzip; do
  command -v "$tool" >/dev/null || { echo "run.sh: missing tool '$tool'" >&2; exit 2; }
done

WORK="$(mktemp -d /tmp/regbench-serve.XXXXXX)"
declare -a PIDS=()
WRK_PID=""

cleanup() {
  local pid
  if [[ -n "$WRK_PID" ]]; then kill -TERM "$WRK_PID" 2>/dev/null || true; fi
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

free_port() {
  local p
  for _ in $(seq 100); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "run.sh: no free port found" >&2; exit 1
}

wait_http() { # URL NAME LOGFILE
  for _ in $(seq 300); do
    if curl -fsS --max-time 2 -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "run.sh: $2 did not answer $1 in 30 s; its log:" >&2; tail -n 30 "$3" >&2 || true; exit 1
}

sha() { sha256sum "$1" | cut -d' ' -f1; }

# ---------------------------------------------------------------- content: one OCI image
# A 4 MiB random payload in a gzip'd tar (random data does not compress: the blob is
# ~4 MiB), a config, an OCI manifest, as an OCI image layout that skopeo can push.
make_content() {
  local L="$WORK/layout" src="$WORK/src"
  mkdir -p "$L/blobs/sha256" "$src"
  head -c $((4 * 1024 * 1024)) /dev/urandom > "$src/payload.bin"
  tar -C "$src" --owner=0 --group=0 --numeric-owner -cf "$WORK/layer.tar" payload.bin
  DIFF_ID="sha256:$(sha "$WORK/layer.tar")"
  gzip -1 -n -c "$WORK/layer.tar" > "$WORK/layer.tar.gz"
  BLOB_HEX="$(sha "$WORK/layer.tar.gz")"; BLOB_SIZE=$(stat -c %s "$WORK/layer.tar.gz")
  cp "$WORK/layer.tar.gz" "$L/blobs/sha256/$BLOB_HEX"
  printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["%s"]}}' \
    "$DIFF_ID" > "$WORK/config.json"
  local CFG_HEX CFG_SIZE
  CFG_HEX="$(sha "$WORK/config.json")"; CFG_SIZE=$(stat -c %s "$WORK/config.json")
  cp "$WORK/config.json" "$L/blobs/sha256/$CFG_HEX"
  printf '{"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%d}]}' \
    "$OCI_MANIFEST" "$CFG_HEX" "$CFG_SIZE" "$BLOB_HEX" "$BLOB_SIZE" > "$WORK/manifest.json"
  MANIFEST_HEX="$(sha "$WORK/manifest.json")"; MANIFEST_SIZE=$(stat -c %s "$WORK/manifest.json")
  cp "$WORK/manifest.json" "$L/blobs/sha256/$MANIFEST_HEX"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$L/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"%s","digest":"sha256:%s","size":%d,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
    "$OCI_MANIFEST" "$MANIFEST_HEX" "$MANIFEST_SIZE" "$TAG" > "$L/index.json"
  log "content: manifest sha256:$MANIFEST_HEX ($MANIFEST_SIZE bytes), blob sha256:$BLOB_HEX ($BLOB_SIZE bytes)"
}

push_with_skopeo() { # HOST
  skopeo --insecure-policy copy --dest-tls-verify=false --preserve-digests --quiet \
    "oci:$WORK/layout:$TAG" "docker://$1/$REPO:$TAG"
}

# ---------------------------------------------------------------- (a) the fake registry
start_fake() {
  FAKE_PORT=$(free_port)
  local cmd=() storage_args=()
  [[ "$FAKE_STORAGE" == disk ]] && storage_args=(--storage "$WORK/fake-storage")
  local jar="$ROOT/harness/target/regbench.jar"
  if [[ "$FAKE_LAUNCH" == jar ]]; then
    [[ -f "$jar" && "$FAKE_SEED" == skopeo ]] || { echo "run.sh: FAKE_LAUNCH=jar needs $jar and FAKE_SEED=skopeo" >&2; exit 2; }
    # shellcheck disable=SC2206
    cmd=(java $JAVA_OPTS -jar "$jar" registry --port "$FAKE_PORT" "${storage_args[@]}")
  else
    local cp="${FAKE_CP:-}"
    if [[ -z "$cp" ]]; then
      log "building fake-registry and its classpath (mvn)"
      (cd "$ROOT" && mvn -q -pl fake-registry install -DskipTests -DskipITs \
        && mvn -q -pl fake-registry dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt") >&2
      cp="$ROOT/fake-registry/target/classes:$(cat "$WORK/cp.txt")"
    fi
    local seed_args=()
    [[ "$FAKE_SEED" == storage ]] && seed_args=(--layout "$WORK/layout" --repo "$REPO" --tag "$TAG")
    # shellcheck disable=SC2206
    cmd=(java $JAVA_OPTS -cp "$cp" "$HERE/FakeRegistryMain.java" --port "$FAKE_PORT" "${storage_args[@]}" "${seed_args[@]}")
  fi
  log "fake registry: ${cmd[*]:0:3} … --port $FAKE_PORT"
  "${RUN[@]}" "${cmd[@]}" > "$WORK/fake.log" 2>&1 &
  PIDS+=($!); FAKE_PID=$!
  wait_http "http://127.0.0.1:$FAKE_PORT/v2/" "fake registry" "$WORK/fake.log"
  # /v2/ answers before FakeRegistryMain has seeded: wait for the line it prints after.
  for _ in $(seq 300); do grep -q "listening on" "$WORK/fake.log" && break; sleep 0.1; done
  [[ "$FAKE_SEED" == skopeo ]] && push_with_skopeo "127.0.0.1:$FAKE_PORT"
  return 0
}

# ---------------------------------------------------------------- (b) CNCF distribution
start_distribution() {
  DIST_PORT=$(free_port)
  mkdir -p "$WORK/dist/storage"
  cat > "$WORK/dist/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: $WORK/dist/storage
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$DIST_PORT
EOF
  log "distribution: docker-registry serve on 127.0.0.1:$DIST_PORT"
  "${RUN[@]}" env -u REGISTRY_HTTP_ADDR docker-registry serve "$WORK/dist/config.yml" > "$WORK/dist.log" 2>&1 &
  PIDS+=($!); DIST_PID=$!
  wait_http "http://127.0.0.1:$DIST_PORT/v2/" "docker-registry" "$WORK/dist.log"
  push_with_skopeo "127.0.0.1:$DIST_PORT"
}

# ---------------------------------------------------------------- (c) nginx, static files
start_nginx() {
  NGINX_PORT=$(free_port)
  local N="$WORK/nginx" www="$WORK/www"
  mkdir -p "$N" "$www/v2/$REPO/manifests" "$www/v2/$REPO/blobs"
  cp "$WORK/manifest.json" "$www/v2/$REPO/manifests/$TAG"
  cp "$WORK/layer.tar.gz" "$www/v2/$REPO/blobs/sha256:$BLOB_HEX"
  local user_line=""
  # As root, workers would drop to 'nobody', who cannot read the 0700 temp dir.
  [[ $EUID -eq 0 ]] && user_line="user root;"
  cat > "$N/nginx.conf" <<EOF
$user_line
worker_processes auto;
pid $N/nginx.pid;
error_log $N/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $N/client_body;
  proxy_temp_path $N/proxy;
  fastcgi_temp_path $N/fastcgi;
  uwsgi_temp_path $N/uwsgi;
  scgi_temp_path $N/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  types { }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $www;
    location /v2/$REPO/manifests/ {
      default_type $OCI_MANIFEST;
      add_header Docker-Content-Digest sha256:$MANIFEST_HEX;
    }
    location /v2/$REPO/blobs/ {
      default_type application/octet-stream;
      add_header Docker-Content-Digest sha256:$BLOB_HEX;
    }
  }
}
EOF
  log "nginx: static files on 127.0.0.1:$NGINX_PORT"
  "${RUN[@]}" nginx -p "$N" -e "$N/error.log" -c "$N/nginx.conf" -g 'daemon off;' > "$WORK/nginx.log" 2>&1 &
  PIDS+=($!); NGINX_PID=$!
  wait_http "http://127.0.0.1:$NGINX_PORT/v2/$REPO/manifests/$TAG" nginx "$N/error.log"
}

port_of() { case "$1" in fake) echo "$FAKE_PORT";; distribution) echo "$DIST_PORT";; nginx) echo "$NGINX_PORT";; esac; }
url_of() { # TARGET ENDPOINT
  local base="http://127.0.0.1:$(port_of "$1")/v2/$REPO"
  case "$2" in manifest) echo "$base/manifests/$TAG";; blob) echo "$base/blobs/sha256:$BLOB_HEX";; esac
}

# Every target must serve exactly the bytes pushed before it is measured.
check_target() { # TARGET
  local got
  got=$(curl -fsS --max-time 10 -H "Accept: $OCI_MANIFEST" "$(url_of "$1" manifest)" | sha256sum | cut -d' ' -f1)
  [[ "$got" == "$MANIFEST_HEX" ]] || { echo "run.sh: $1 serves manifest sha256:$got, expected sha256:$MANIFEST_HEX" >&2; exit 1; }
  got=$(curl -fsS --max-time 30 "$(url_of "$1" blob)" | sha256sum | cut -d' ' -f1)
  [[ "$got" == "$BLOB_HEX" ]] || { echo "run.sh: $1 serves blob sha256:$got, expected sha256:$BLOB_HEX" >&2; exit 1; }
}

pid_of() { case "$1" in fake) echo "$FAKE_PID";; distribution) echo "$DIST_PID";; nginx) echo "$NGINX_PID";; esac; }

# CPU time (clock ticks, user + system) used so far by a server process and its children
# (nginx workers): with the request count this gives the server's CPU cost per request, a
# figure that other load on the machine disturbs much less than requests/s.
cpu_ticks() { # PID
  local total=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    [[ -r "/proc/$p/stat" ]] || continue
    total=$(( total + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}') ))
  done
  echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)

# One wrk run → "req/s bytes/s non2xx errors cpu_us_per_request"
run_wrk() { # TARGET ENDPOINT DURATION
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency) pid before after
  [[ "$2" == manifest ]] && args+=(-H "Accept: $OCI_MANIFEST")
  pid=$(pid_of "$1"); before=$(cpu_ticks "$pid")
  # In the background and waited for, so that a signal runs the trap at once (and kills wrk).
  "${RUN[@]}" wrk "${args[@]}" "$(url_of "$1" "$2")" > "$WORK/wrk.out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || true
  WRK_PID=""
  after=$(cpu_ticks "$pid")
  awk -v ticks=$(( after - before )) -v hz="$CLK_TCK" '
    function bytes(s,   n, u) {
      n = s + 0; u = s; sub(/^[0-9.]+/, "", u)
      if (u == "KB") n *= 1024; else if (u == "MB") n *= 1048576; else if (u == "GB") n *= 1073741824; else if (u == "TB") n *= 1099511627776
      return n
    }
    / requests in / { total = $1 }
    /^Requests\/sec:/ { rps = $2 }
    /^Transfer\/sec:/ { bps = bytes($2) }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { errs = $0; sub(/.*Socket errors: /, "", errs); gsub(/ /, "", errs) }
    END {
      cpu = (total > 0) ? ticks * 1e6 / hz / total : 0
      printf "%s %s %s %s %.1f\n", (rps == "" ? 0 : rps), (bps == "" ? 0 : bps), (non2xx == "" ? 0 : non2xx), (errs == "" ? "-" : errs), cpu
    }
  ' "$WORK/wrk.out"
}

# ---------------------------------------------------------------- main
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
make_content
for t in $TARGETS; do
  case "$t" in
    fake) start_fake ;; distribution) start_distribution ;; nginx) start_nginx ;;
    *) echo "run.sh: unknown target '$t' (expected fake, distribution, nginx)" >&2; exit 2 ;;
  esac
done
for t in $TARGETS; do check_target "$t"; done
log "all targets serve manifest sha256:$MANIFEST_HEX and blob sha256:$BLOB_HEX"

if [[ "$WARMUP" != 0 && "$WARMUP" != 0s ]]; then
  for e in manifest blob; do
    for t in $TARGETS; do log "warm-up $t $e ($WARMUP)"; run_wrk "$t" "$e" "$WARMUP" > /dev/null; done
  done
fi

RAW="$WORK/raw.txt"; : > "$RAW"
for r in $(seq "$RUNS"); do
  for e in manifest blob; do
    for t in $TARGETS; do
      run_wrk "$t" "$e" "$DURATION" > "$WORK/result"   # not in a subshell: the trap must see WRK_PID
      read -r rps bps non2xx errs cpu < "$WORK/result"
      log "run $r/$RUNS $t $e: $rps req/s, $(awk -v b="$bps" 'BEGIN{printf "%.1f", b/1e6}') MB/s, server CPU $cpu µs/request, non-2xx $non2xx, socket errors $errs"
      echo "$t $e $rps $bps $non2xx $errs $cpu" >> "$RAW"
    done
  done
done

summarise() {
  awk -v runs="$RUNS" -v targets="$TARGETS" '
    function med(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { k = $1 " " $2; n[k]++; R[k, n[k]] = $3; B[k, n[k]] = $4 / 1e6; C[k, n[k]] = $7; bad[k] += $5; if ($6 != "-") err[k] = err[k] " " $6 }
    END {
      nt = split(targets, T, " ")
      printf "%-13s %-9s %26s %30s %22s  %s\n", "server", "GET", "requests/s median (min-max)", "MB/s median (min-max)", "server CPU us/request", "non-2xx"
      split("manifest blob", E, " ")
      for (ei = 1; ei <= 2; ei++) for (ti = 1; ti <= nt; ti++) {
        k = T[ti] " " E[ei]; c = n[k]
        for (i = 1; i <= c; i++) { r[i] = R[k, i]; b[i] = B[k, i]; cp[i] = C[k, i] }
        rmin = rmax = r[1]; bmin = bmax = b[1]
        for (i = 1; i <= c; i++) { if (r[i] < rmin) rmin = r[i]; if (r[i] > rmax) rmax = r[i]; if (b[i] < bmin) bmin = b[i]; if (b[i] > bmax) bmax = b[i] }
        mr[k] = med(r, c); mb[k] = med(b, c); mc[k] = med(cp, c)
        printf "%-13s %-9s %10.0f (%7.0f-%7.0f) %12.1f (%7.1f-%7.1f) %22.1f  %d%s\n", T[ti], (E[ei] == "blob" ? "blob 4MiB" : E[ei]), mr[k], rmin, rmax, mb[k], bmin, bmax, mc[k], bad[k], (err[k] == "" ? "" : "  socket errors:" err[k])
      }
      if (("fake manifest" in mr) && ("distribution manifest" in mr) && mr["distribution manifest"] > 0)
        printf "\nfake / distribution, manifest requests/s: %.1fx (goal >= 10x)\n", mr["fake manifest"] / mr["distribution manifest"]
      if (("fake manifest" in mr) && ("nginx manifest" in mr) && mr["nginx manifest"] > 0)
        printf "fake / nginx,        manifest requests/s: %.2f  (goal >= 0.5)\n", mr["fake manifest"] / mr["nginx manifest"]
      if (("fake blob" in mb) && ("distribution blob" in mb) && mb["distribution blob"] > 0)
        printf "fake / distribution, blob MB/s:           %.2fx (goal >= 1x)\n", mb["fake blob"] / mb["distribution blob"]
      if (("fake blob" in mb) && ("nginx blob" in mb) && mb["nginx blob"] > 0)
        printf "fake / nginx,        blob MB/s:           %.2f\n", mb["fake blob"] / mb["nginx blob"]
      if (("fake manifest" in mc) && ("distribution manifest" in mc) && mc["fake manifest"] > 0)
        printf "server CPU per manifest GET, distribution / fake: %.1fx\n", mc["distribution manifest"] / mc["fake manifest"]
      if (("fake manifest" in mc) && ("nginx manifest" in mc) && mc["nginx manifest"] > 0)
        printf "server CPU per manifest GET, fake / nginx:        %.2fx\n", mc["fake manifest"] / mc["nginx manifest"]
    }' "$RAW"
}

{
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $RUNS interleaved runs per cell (after a $WARMUP warm-up);" \
       "blob $BLOB_SIZE bytes, manifest $MANIFEST_SIZE bytes; fake registry seeded by $FAKE_SEED, storage $FAKE_STORAGE;" \
       "$(nproc) cores; nice ${NICE:-0}; load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg);" \
       "MB = 10^6 bytes (wrk transfer incl. headers)"
  summarise
} | tee ${RESULTS:+"$RESULTS"}
