#!/usr/bin/env bash
# regbench vs peers (skopeo, crane, regctl): see peers.py's header for what it measures.
#   bench/peers/run.sh [--modes fake,distribution] [--workloads ...] [--tools ...] [--runs 3] [--out FILE]
# Needs: python3, a built regbench (./mvnw -q -B package -DskipTests -DskipITs), docker-registry for
# distribution → distribution. Writes target/regbench/peers/results.json unless --out says otherwise.
set -euo pipefail
exec python3 "$(dirname "$0")/peers.py" "$@"
