#!/usr/bin/env bash
# Side-by-side redis-benchmark: ShaleDB's Redis protocol (appendfsync everysec) and a real
# redis-server 7 (appendonly yes, appendfsync everysec), in one run on this machine, with the
# ShaleDB/Redis ratio per command.
#
#   bin/shale bench resp [-n REQUESTS] [-t TESTS] [-P PIPELINES] [-c CLIENTS]
#   bench/scripts/resp-vs-redis.sh  (the same, with cli/target/shale.jar already built)
#
# PIPELINES is a comma-separated list of redis-benchmark -P values, each measured on both servers,
# one server at a time (default 1,16: without and with pipelining). The defaults are the issue's
# benchmark: redis-benchmark -q -n 200000 -t set,get,incr,lpush,zadd,hset.
#
# Needs redis-server and redis-benchmark (apt-get install -y redis-server redis-tools) and a
# built cli/target/shale.jar (./mvnw -DskipTests package -pl cli -am). Ports: SHALE_PORT (6391)
# and REDIS_PORT (6392). SHALE_ARGS adds server options, e.g. SHALE_ARGS="--kv-engine lsm".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N=200000
TESTS=set,get,incr,lpush,zadd,hset
PIPELINES=1,16
CLIENTS=50
while getopts "n:t:P:c:" opt; do
  case "$opt" in
    n) N="$OPTARG" ;;
    t) TESTS="$OPTARG" ;;
    P) PIPELINES="$OPTARG" ;;
    c) CLIENTS="$OPTARG" ;;
    *) echo "usage: $0 [-n REQUESTS] [-t TESTS] [-P PIPELINES] [-c CLIENTS]" >&2; exit 2 ;;
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

"$JAVA" ${SHALE_JAVA_OPTS:-} -jar "$ROOT/cli/target/shale.jar" server --data-dir "$WORK/shale" --pg-port 0 \
  --resp-port "$SHALE_PORT" --appendfsync everysec ${SHALE_ARGS:-} >"$WORK/shale.log" 2>&1 &
SHALE_PID=$!
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK" --save "" \
  --appendonly yes --appendfsync everysec >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
wait_ping "$SHALE_PORT"
wait_ping "$REDIS_PORT"

run() { redis-benchmark -p "$1" -q -n "$N" -t "$TESTS" -P "$2" -c "$CLIENTS" 2>/dev/null | tr '\r' '\n' | grep 'requests per second' || true; }
echo "redis-benchmark -q -n $N -t $TESTS -c $CLIENTS, -P $PIPELINES: ShaleDB (appendfsync everysec${SHALE_ARGS:+ $SHALE_ARGS}) vs redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') (appendonly yes, appendfsync everysec); $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
for P in ${PIPELINES//,/ }; do
  # Warm ShaleDB's JIT first with as many requests as are measured, and let the server settle
  # for SETTLE seconds (default 5): right after the warm-up burst the first test measured (SET)
  # ran at 60-75% of its steady rate, the later ones did not. Then measure one server at a time
  # (never both at once). Redis needs no warm-up.
  redis-benchmark -p "$SHALE_PORT" -q -n "$N" -t "$TESTS" -P "$P" -c "$CLIENTS" >/dev/null 2>&1 || true
  sleep "${SETTLE:-5}"
  run "$SHALE_PORT" "$P" >"$WORK/shale-$P.txt"
  run "$REDIS_PORT" "$P" >"$WORK/redis-$P.txt"
  # joined by command name: a command ShaleDB lacks (redis-benchmark stops at its error) shows as missing
  awk -v p="$P" '
    { split($0, f, ":"); rate = f[2]; sub(/^ +/, "", rate); sub(/ .*/, "", rate) }
    FNR == NR { shale[f[1]] = rate; next }
    { s = (f[1] in shale) ? shale[f[1]] : 0;
      if (s > 0) printf "-P %-3s %-8s ShaleDB %10.0f/s   Redis %10.0f/s   ratio %.2f\n", p, f[1], s, rate, s / rate;
      else printf "-P %-3s %-8s ShaleDB    missing   Redis %10.0f/s\n", p, f[1], rate }' "$WORK/shale-$P.txt" "$WORK/redis-$P.txt"
done
