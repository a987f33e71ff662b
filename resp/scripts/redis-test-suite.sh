#!/usr/bin/env bash
# Runs units of Redis's own test suite (tests/ of Debian's redis 7 source package) against
# ShaleDB's Redis protocol and prints pass/fail counts per unit. Used by the `compat` Maven
# profile (./mvnw -B verify -pl cli -am -Pcompat -DskipTests) and by hand:
#
#   resp/scripts/redis-test-suite.sh [UNIT ...]        (default: $SUITE_UNITS, else the units in docs/compatibility.md)
#
# Needs tclsh (apt-get install -y tcl) and a built cli/target/shale.jar. The Redis sources come
# from REDIS_SRC, else ~/.cache/shaledb/redis-src, fetched there with `apt-get source redis`
# (enabling Debian's deb-src lines when none are configured). Port: SHALE_PORT (6394). SHALE_ARGS
# adds server options, e.g. SHALE_ARGS="--kv-engine lsm".
# Tests that need replication, DEBUG or an enforced maxmemory are excluded by tag (-needs:repl,
# -needs:debug, -needs:config-maxmemory); the
# suite's external-server mode skips the ones tagged external:skip itself.
# SUITE_UNIT_TIMEOUT (600) bounds each unit in seconds. SUITE_BASEPORT moves the harness's own ports
# (its test server listens 32 below it) away from other runs on the same machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
PORT="${SHALE_PORT:-6394}"
UNITS=("$@")
if [ ${#UNITS[@]} -eq 0 ] && [ -n "${SUITE_UNITS:-}" ]; then
  read -ra UNITS <<< "$SUITE_UNITS"   # e.g. SUITE_UNITS="unit/type/string unit/multi" ./mvnw -B verify -pl cli -am -Pcompat -DskipTests
fi
if [ ${#UNITS[@]} -eq 0 ]; then
  UNITS=(unit/type/string unit/type/incr unit/type/hash unit/type/list unit/type/set unit/type/zset unit/expire unit/multi unit/keyspace)
fi
command -v tclsh >/dev/null || { echo "redis-test-suite: tclsh is missing (apt-get install -y tcl)" >&2; exit 2; }

find_sources() {
  if [ -n "${REDIS_SRC:-}" ]; then echo "$REDIS_SRC"; return; fi
  local cache="$HOME/.cache/shaledb/redis-src"
  local dir
  dir="$(find "$cache" -maxdepth 3 -name test_helper.tcl -path '*/tests/*' 2>/dev/null | head -1)"
  if [ -z "$dir" ]; then
    mkdir -p "$cache"
    if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > /etc/apt/sources.list.d/debian-src.sources
      apt-get update -qq >&2
    fi
    (cd "$cache" && apt-get source -qq --download-only redis >&2 && tar xzf redis_*.orig.tar.gz)
    dir="$(find "$cache" -maxdepth 3 -name test_helper.tcl -path '*/tests/*' | head -1)"
  fi
  dirname "$(dirname "$dir")"
}
SRC="$(find_sources)"

WORK="$(mktemp -d /tmp/redis-suite.XXXXXX)"
"$JAVA" -jar "$ROOT/cli/target/shale.jar" server --data-dir "$WORK/data" --pg-port 0 --resp-port "$PORT" \
  --appendfsync everysec ${SHALE_ARGS:-} >"$WORK/shale.log" 2>&1 &
SHALE_PID=$!
trap 'kill $SHALE_PID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  sleep 0.2
done

echo "Redis test suite $(basename "$SRC") against ShaleDB on port $PORT"
printf '%-20s %6s %6s %10s\n' unit passed failed exception
for unit in "${UNITS[@]}"; do
  out="$WORK/$(echo "$unit" | tr / _).txt"
  case "$unit" in # list and zset: 900 s unless SUITE_UNIT_TIMEOUT says (they take under a minute; the cap bounds a hang)
    unit/type/list|unit/type/zset) cap="${SUITE_UNIT_TIMEOUT:-900}" ;;
    *) cap="${SUITE_UNIT_TIMEOUT:-600}" ;;
  esac
  (cd "$SRC" && timeout "$cap" tclsh tests/test_helper.tcl --host 127.0.0.1 --port "$PORT" --singledb --clients 1 \
      ${SUITE_BASEPORT:+--baseport "$SUITE_BASEPORT"} \
      --tags -needs:repl --tags -needs:debug --tags -needs:config-maxmemory --single "$unit" >"$out" 2>&1) || true
  sed -i 's/\x1b\[[0-9;]*m//g' "$out"
  printf '%-20s %6d %6d %10d\n' "$unit" "$(grep -c '^\[ok\]' "$out" || true)" "$(grep -c '^\[err\]' "$out" || true)" \
    "$(grep -c '^\[exception\]' "$out" || true)"
  if [ -n "${SUITE_LOG_DIR:-}" ]; then mkdir -p "$SUITE_LOG_DIR" && cp "$out" "$SUITE_LOG_DIR/"; fi
done
