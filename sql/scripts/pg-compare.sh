#!/usr/bin/env bash
# Runs golden scripts through a real PostgreSQL with psql and diffs the transcript against the
# expected .out files, after removing what ShaleDB deliberately omits (psql's file:line prefix,
# LOCATION and object-name lines of verbose errors, NOTICEs).
#
#   PGHOST=/tmp/pgref PGPORT=5499 PGUSER=postgres sql/scripts/pg-compare.sh sql/src/test/resources/golden/*.sql
#
# Each script runs in a fresh database, like each golden test runs on a fresh engine.
# pg_divergences.sql, multi_statement.sql and container_divergences.sql are expected to differ (see their comments).
set -u
status=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for script in "$@"; do
  db="golden_$(basename "$script" .sql | tr -c 'a-z0-9_\n' '_')"
  dropdb --if-exists "$db" >/dev/null 2>&1
  createdb "$db" || exit 2
  psql -X -d "$db" -a -v VERBOSITY=verbose -f "$script" 2>&1 \
    | sed -E 's/^psql:[^:]*:[0-9]+: //' \
    | grep -v -E '^(LOCATION|SCHEMA NAME|TABLE NAME|COLUMN NAME|CONSTRAINT NAME|DATATYPE NAME):' \
    | grep -v -E '^NOTICE:' >"$tmp"
  dropdb "$db"
  if ! diff -u --label "postgres: $script" --label "shaledb: ${script%.sql}.out" "$tmp" "${script%.sql}.out"; then
    status=1
  fi
done
exit $status
