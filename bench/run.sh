#!/usr/bin/env bash
# Runs the whole benchmark at one library size and writes BENCHMARKS.md:
#   bench/run.sh <size>        size: 10k, 100k, 1m, or a number of workflows
# Environment:
#   BENCH_PROVIDERS=sqlite,postgres   which databases to generate and benchmark (default both)
#   BENCH_USERS=N                     users owning the workflows (default: workflows / 100)
#   BENCH_LOAD=sqlite|postgres|none   database the HTTP load run uses (default sqlite)
#   BENCH_LOAD_SECONDS=30             length of each wrk run; BENCH_LOAD_CONNECTIONS=256
#   BENCH_REUSE=1                     keep an existing SQLite dataset of this size instead of generating it again
#   BENCH_KEEP_RESULTS=1              add to bench/.results/ instead of starting it afresh (sizes side by side)
#   BENCH_PG_PORT=55481               port of the throw-away PostgreSQL server (scripts/pg-test-cluster.sh)
# Datasets live in bench/.data/, raw results in bench/.results/ (both ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

size=${1:?usage: bench/run.sh <size: 10k|100k|1m|N>}
case "$size" in
  *k) workflows=$(( ${size%k} * 1000 )) ;;
  *m) workflows=$(( ${size%m} * 1000000 )) ;;
  *) workflows=$size ;;
esac
users=${BENCH_USERS:-$(( workflows / 100 > 10 ? workflows / 100 : 10 ))}
providers=${BENCH_PROVIDERS:-sqlite,postgres}
load_provider=${BENCH_LOAD:-sqlite}
load_seconds=${BENCH_LOAD_SECONDS:-30}
connections=${BENCH_LOAD_CONNECTIONS:-256}
results=$root/bench/.results
data=$root/bench/.data
started=$(date +%s)

log() { printf '\n== %s\n' "$*"; }
seconds_since() { echo $(( $(date +%s) - $1 )); }

[ "${BENCH_KEEP_RESULTS:-0}" = 1 ] || rm -rf "$results"
mkdir -p "$results" "$data"

log "Building (Release)"
dotnet build bench/Invoke.Benchmarks/Invoke.Benchmarks.csproj -c Release --nologo -v quiet
tool=$root/bench/Invoke.Benchmarks/bin/Release/net10.0/Invoke.Benchmarks
# Tiered JIT reaches optimized code during warm-up instead of recompiling while we measure.
export DOTNET_TC_CallCountingDelayMs=0

pg_started=0
stop_all() {
  if [ -n "${server_pid:-}" ]; then kill "$server_pid" 2>/dev/null || true; fi
  if [ "$pg_started" = 1 ]; then PGTEST_PORT=${BENCH_PG_PORT:-55481} scripts/pg-test-cluster.sh stop; fi
}
trap stop_all EXIT

connection_of() {
  case "$1" in
    sqlite) echo "Data Source=$data/sqlite-$size/invoke.db" ;;
    postgres) echo "Host=127.0.0.1;Port=${BENCH_PG_PORT:-55481};Username=postgres;Database=invoke_bench_${size};Timeout=60;Command Timeout=0" ;;
  esac
}
provider_name() { case "$1" in sqlite) echo Sqlite ;; postgres) echo Postgres ;; esac; }

if [[ ",$providers,$load_provider," == *,postgres,* ]]; then
  log "Starting PostgreSQL on port ${BENCH_PG_PORT:-55481}"
  # shellcheck source=scripts/pg-test-cluster.sh
  PGTEST_PORT=${BENCH_PG_PORT:-55481} source scripts/pg-test-cluster.sh start
  pg_started=1
fi

for provider in ${providers//,/ }; do
  dir=$data/$provider-$size
  generation=$results/gen-$provider-$size.json
  if [ "$provider" = sqlite ] && [ "${BENCH_REUSE:-0}" = 1 ] && [ -f "$dir/generated.json" ]; then
    log "Reusing the SQLite dataset in $dir"
    cp "$dir/generated.json" "$generation"
  else
    log "Generating $workflows workflows for $users users on $provider"
    rm -rf "$dir" && mkdir -p "$dir"
    "$tool" generate --provider "$(provider_name "$provider")" --connection "$(connection_of "$provider")" --root "$dir" \
      --workflows "$workflows" --users "$users" --out "$generation"
    cp "$generation" "$dir/generated.json"
  fi

  log "Benchmarking handlers and floors on $provider at $size"
  t=$(date +%s)
  "$tool" bench --provider "$(provider_name "$provider")" --connection "$(connection_of "$provider")" --root "$dir" \
    --size "$size" --workflows "$workflows" --users "$users" --generation "$generation" --out "$results/bench-$provider-$size.json"
  echo "  benchmark took $(seconds_since "$t") s"
  [ "$provider" = sqlite ] && du -sh "$dir" | awk '{print "  SQLite database: " $1}'
done

if [ "$load_provider" != none ]; then
  command -v wrk >/dev/null || { log "Installing wrk"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
  dir=$data/$load_provider-$size
  port=${BENCH_PORT:-19090}
  log "HTTP load run on $load_provider at $size: starting the server (Release) on port $port"
  unset DOTNET_TC_CallCountingDelayMs  # the server runs with the runtime's defaults
  dotnet run -c Release --project src/WebApi -- --Invoke:MultiUser=true --Invoke:Root="$dir" \
    --Invoke:Database:Provider="$(provider_name "$load_provider")" --Invoke:Database:ConnectionString="$(connection_of "$load_provider")" \
    --Invoke:Port="$port" >"$results/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 180); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null
  # `dotnet run` starts the server as a child process: measure that one.
  app_pid=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2)

  "$tool" load-prep --url "http://127.0.0.1:$port" --logins 100 --workflows "$workflows" --users "$users" --out "$results/load-data.lua"
  export BENCH_LOAD_DATA=$results/load-data.lua
  run_wrk() { # name mode seconds record?
    BENCH_LOAD_MODE=$2 BENCH_LOAD_OUT=$results/wrk-$1.json \
      wrk -t2 -c"$connections" -d"$3"s --timeout 10s -s bench/load/library.lua "http://127.0.0.1:$port" >"$results/wrk-$1.txt"
    if [ "$4" = record ]; then
      "$tool" load-record --name "$1" --provider "$load_provider" --size "$size" --connections "$connections" --threads 2 \
        --wrk "$results/wrk-$1.json" --pid "$app_pid" --out "$results/load-$load_provider-$size-$1.json"
    fi
  }
  run_wrk warmup mix 10 skip
  run_wrk "1 realistic mix" mix "$load_seconds" record
  run_wrk "2 Your Workflows first page only" list "$load_seconds" record
  run_wrk "3 trivial endpoint (ceiling)" trivial "$load_seconds" record
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
fi

log "Writing BENCHMARKS.md"
commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- src bench || commit="$commit (with uncommitted changes)"
{
  echo "| | |"
  echo "|---|---|"
  echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
  echo "| commit | $commit |"
  echo "| command | \`bench/run.sh $size\` (providers: $providers; load run: $load_provider) — whole run $(seconds_since "$started") s |"
  echo "| machine | $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr) |"
  echo "| runtime | .NET $(dotnet --version), $(/usr/lib/postgresql/*/bin/postgres --version 2>/dev/null | head -n1 || echo 'no PostgreSQL'), SQLite (e_sqlite3 bundled with Microsoft.Data.Sqlite) |"
  echo "| PostgreSQL settings | the throw-away cluster of scripts/pg-test-cluster.sh: fsync=off, synchronous_commit=off, full_page_writes=off, shared_buffers default (128 MB) — write timings on PostgreSQL are lower bounds |"
} >"$results/run-$size-${providers//,/-}-load-$load_provider.txt"
"$tool" report --results "$results" --notes bench/ANALYSIS.md --out BENCHMARKS.md
echo "Done in $(seconds_since "$started") s"
