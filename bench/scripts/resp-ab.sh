#!/usr/bin/env bash
# A/B of two ShaleDB builds on the Redis protocol: one server at a time, alternating A, B, A, B,
# the same redis-benchmark (set,get,incr,lpush; -n 50000 -c 50; -P 1 and -P 16) against each.
#
#   bench/scripts/resp-ab.sh NAME_A JAR_A NAME_B JAR_B      (ports 6731 and 6732)
#
# e.g. A = main built from `git archive main` in a scratch directory, B = this tree's cli/target/shale.jar.
set -u
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[ $# -eq 4 ] || { echo "usage: $0 NAME_A JAR_A NAME_B JAR_B" >&2; exit 2; }
run() { # name jar port
  local dir; dir=$(mktemp -d /tmp/kvl-ab.XXXXXX)
  $JAVA -jar "$2" server --data-dir "$dir/d" --pg-port 0 --resp-port "$3" --appendfsync everysec > "$dir/log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do redis-cli -p "$3" ping >/dev/null 2>&1 && break; sleep 0.1; done
  for P in 1 16; do
    redis-benchmark -p "$3" -q -n 50000 -c 50 -P $P -t set,get,incr,lpush 2>/dev/null | tr '\r' '\n' | grep "requests per second" | sed "s/^/$1 P$P /"
  done
  kill $pid; wait $pid 2>/dev/null; rm -rf "$dir"
}
for round in 1 2; do
  run "$1" "$2" 6731
  run "$3" "$4" 6732
done
