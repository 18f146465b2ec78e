#!/usr/bin/env bash
# The job service's benchmarks (not tests: they print times). Each starts its own throwaway
# PostgreSQL / redis-server / fake registries on free 127.0.0.1 ports and stops them.
#
#   bench/service/run.sh listing [PHASE_S] [ROUNDS]   C17: 100 clients polling /jobs/active, 10,000 jobs
#                                                     in PostgreSQL, cache off / Caffeine / Redis interleaved,
#                                                     then Redis stopped mid-phase (ListingBench.java)
#   bench/service/run.sh scale|kill|restart|all [JOBS] 3 service processes on one PostgreSQL (one killed
#                                                     with SIGKILL), the embedded one killed and restarted
#                                                     (ScaleBench.java)
#
# Builds the service module and its test fixtures (LocalPostgres, LocalRedis, ServiceProcess) in the
# reactor (never installs), compiles the bench sources beside them and runs them on that class path.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
what=${1:-}
[ -n "$what" ] || { sed -n '2,10p' "$0"; exit 2; }
shift
case "$what" in
  listing) main=dev.regbench.service.ListingBench ;;
  scale|kill|restart|all) main=dev.regbench.service.ScaleBench; set -- "$what" "$@" ;;
  *) echo "bench/service/run.sh: unknown benchmark '$what' (listing, scale, kill, restart, all)" >&2; exit 2 ;;
esac
work=$(mktemp -d -t regbench-service-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$root"
./mvnw -q -B -pl service -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
cp="$root/service/target/test-classes:$root/service/target/classes:$(cat "$work/cp.txt")"
mkdir -p "$work/classes"
javac -nowarn -d "$work/classes" -cp "$cp" "$root"/bench/service/*.java
java -Xmx2g -cp "$work/classes:$cp" "$main" "$@"
