#!/usr/bin/env bash
# Side-by-side redis-benchmark: ShaleDB's Redis protocol (appendfsync everysec) and a real
# redis-server 7 (appendonly yes, appendfsync everysec), in one run on this machine, with the
# ShaleDB/Redis ratio per command.
#
#   bench/scripts/resp-vs-redis.sh [-n REQUESTS] [-t TESTS] [-P PIPELINE] [-c CLIENTS]
#
# Needs redis-server and redis-benchmark (apt-get install -y redis-server redis-tools) and a
# built cli/target/shale.jar (./mvnw -DskipTests package -pl cli -am). Ports: SHALE_PORT (6391)
# and REDIS_PORT (6392).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N=100000
TESTS=set,get,incr
PIPELINE=1
CLIENTS=50
while getopts "n:t:P:c:" opt; do
  case "$opt" in
    n) N="$OPTARG" ;;
    t) TESTS="$OPTARG" ;;
    P) PIPELINE="$OPTARG" ;;
    c) CLIENTS="$OPTARG" ;;
    *) echo "usage: $0 [-n REQUESTS] [-t TESTS] [-P PIPELINE] [-c CLIENTS]" >&2; exit 2 ;;
  esac
done
SHALE_PORT="${SHALE_PORT:-6391}"
REDIS_PORT="${REDIS_PORT:-6392}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
WORK="$(mktemp -d /tmp/resp-bench.XXXXXX)"
SHALE_PID=""
REDIS_PID=""
cleanup() {
  [ -n "$SHALE_PID" ] && kill "$SHALE_PID" 2>/dev/null || true
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_ping() {
  for _ in $(seq 1 200); do
    if redis-cli -p "$1" ping >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "server on port $1 did not answer PING" >&2
  exit 1
}

"$JAVA" -jar "$ROOT/cli/target/shale.jar" server --data-dir "$WORK/shale" --pg-port 0 \
  --resp-port "$SHALE_PORT" --appendfsync everysec >"$WORK/shale.log" 2>&1 &
SHALE_PID=$!
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK" --save "" \
  --appendonly yes --appendfsync everysec >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
wait_ping "$SHALE_PORT"
wait_ping "$REDIS_PORT"

run() { redis-benchmark -p "$1" -q -n "$N" -t "$TESTS" -P "$PIPELINE" -c "$CLIENTS" 2>/dev/null | tr '\r' '\n' | grep 'requests per second' ; }
# warm ShaleDB's JIT first, then measure both
redis-benchmark -p "$SHALE_PORT" -q -n $((N / 5)) -t "$TESTS" -P "$PIPELINE" -c "$CLIENTS" >/dev/null 2>&1
echo "redis-benchmark -n $N -t $TESTS -P $PIPELINE -c $CLIENTS ($(nproc) cores)"
paste <(run "$SHALE_PORT") <(run "$REDIS_PORT") | awk -F'\t' '
  { split($1, a, ":"); split($2, b, ":");
    s = a[2]; r = b[2]; sub(/^ +/, "", s); sub(/ .*/, "", s); sub(/^ +/, "", r); sub(/ .*/, "", r);
    printf "%-8s ShaleDB %10.0f/s   Redis %10.0f/s   ratio %.2f\n", a[1], s, r, (r > 0 ? s / r : 0) }'
