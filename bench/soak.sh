#!/usr/bin/env bash
# The soak run of issue 9: concurrent clients across real server processes on one database, with a
# database fault in the middle, then the integrity checks (see bench/README.md, "Soak").
#   bench/soak.sh [--clients 32] [--seconds 60]
# Scenario 1: two nodes (multi-user mode) on one throw-away PostgreSQL, stopped for ~5 s mid-run.
# Scenario 2: one node on SQLite, its write lock held by an outside connection for 8 s, past the 5 s
#             busy timeout (the server's retries outlast it).
# Scenario 3: the same for 25 s, longer than the busy timeout times the retries (writes get 503).
# SOAK_SCENARIOS=postgres,sqlite,sqlite-long chooses; the summaries (and the servers' logs) go to bench/.results/soak-*.
# Exits non-zero when any check of any scenario fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scenarios=${SOAK_SCENARIOS:-postgres,sqlite,sqlite-long}
work=$(mktemp -d "${TMPDIR:-/tmp}/invoke-soak.XXXXXX")
results=$root/bench/.results
mkdir -p "$results"

log() { printf '\n== %s\n' "$*"; }
pg_started=0
cleanup() {
  if [ "$pg_started" = 1 ]; then scripts/pg-test-cluster.sh stop; fi
  # The servers' own logs (warnings and errors) are kept next to the summaries.
  for node_log in "$work"/*/node-*/node.log; do
    [ -f "$node_log" ] || continue
    scenario=$(basename "$(dirname "$(dirname "$node_log")")")
    cp "$node_log" "$results/soak-$scenario-$(basename "$(dirname "$node_log")").log"
  done
  rm -rf "$work"
}
trap cleanup EXIT

log "Publishing the server (Release) and building the soak tool"
dotnet publish src/WebApi -c Release -o "$work/server" --nologo -v quiet
dotnet build bench/Invoke.Benchmarks/Invoke.Benchmarks.csproj -c Release --nologo -v quiet
tool=$root/bench/Invoke.Benchmarks/bin/Release/net10.0/Invoke.Benchmarks
server=$work/server/Invoke.WebApi.dll
status=0

if [[ ",$scenarios," == *,postgres,* ]]; then
  log "Scenario 1: two nodes on one PostgreSQL"
  # shellcheck source=scripts/pg-test-cluster.sh
  source scripts/pg-test-cluster.sh start
  pg_started=1
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  "$tool" soak --server "$server" --provider Postgres --nodes 2 --work "$work/postgres" "$@" \
    --connection "Host=127.0.0.1;Port=$PGTEST_PORT;Username=postgres;Database=invoke_soak" \
    --fault pg-stop --pg-bin "$bindir" --pg-state "$PGTEST_STATE" \
    --pg-options "-h 127.0.0.1 -p $PGTEST_PORT -k $PGTEST_STATE -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    --out "$results/soak-postgres.md" || status=1
  scripts/pg-test-cluster.sh stop
  pg_started=0
fi

sqlite_scenario() { # name lock-seconds [soak options]
  local name=$1 hold=$2
  shift 2
  log "Scenario: one node on SQLite, write lock held for $hold s"
  mkdir -p "$work/$name"
  "$tool" soak --server "$server" --provider Sqlite --nodes 1 --work "$work/$name" --fault-seconds "$hold" "$@" \
    --connection "Data Source=$work/$name/invoke.db" --fault sqlite-lock --out "$results/soak-$name.md" || status=1
}
if [[ ",$scenarios," == *,sqlite,* ]]; then sqlite_scenario sqlite 8 "$@"; fi
if [[ ",$scenarios," == *,sqlite-long,* ]]; then sqlite_scenario sqlite-long 25 "$@"; fi

[ "$status" = 0 ] && log "Soak: every check passed" || log "Soak: a check FAILED (see above)"
exit "$status"
