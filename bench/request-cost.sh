#!/usr/bin/env bash
# Request cost (issue 14): Invoke beside the hand-written floor (bench/Invoke.Floor) on the same
# dataset, SQLite then PostgreSQL, each request kind at 16/64/256 connections, interleaved rounds
# (Invoke, floor, Invoke, floor, …), req/s, p99 and server CPU per request from /proc/<pid>/stat;
# then InvokeAI's write statements (bench/invokeai-writes.py) beside Invoke's write cases.
# Writes bench/.results/request-cost/ and the section "Request cost" of BENCHMARKS.md.
#   bench/request-cost.sh
# Environment:
#   BENCH_REQUEST_COST_SIZE=100k      dataset size (100k, 1m, …; reuses bench/.data/sqlite-<size>)
#   BENCH_PROVIDERS=sqlite,postgres   databases
#   BENCH_KINDS=yours,shared,get,counts,tags,version   request kinds (bench/load/request-cost.lua)
#   BENCH_CONNECTIONS=16,64,256       wrk connection counts
#   BENCH_ROUNDS=3 BENCH_ROUND_SECONDS=10   rounds per server and their length
#   BENCH_PIN=0                       1: servers on CPU 1, wrk on CPU 0 (taskset)
#   BENCH_WRITES=1                    0: skip the write comparison
#   BENCH_PG_PORT=55482               port of the throw-away PostgreSQL server
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

size=${BENCH_REQUEST_COST_SIZE:-100k}
case "$size" in
  *k) workflows=$(( ${size%k} * 1000 )) ;;
  *m) workflows=$(( ${size%m} * 1000000 )) ;;
  *) workflows=$size ;;
esac
users=${BENCH_USERS:-$(( workflows / 100 > 10 ? workflows / 100 : 10 ))}
providers=${BENCH_PROVIDERS:-sqlite,postgres}
kinds=${BENCH_KINDS:-yours,shared,get,counts,tags,version}
connection_counts=${BENCH_CONNECTIONS:-16,64,256}
rounds=${BENCH_ROUNDS:-3}
round_seconds=${BENCH_ROUND_SECONDS:-10}
pg_port=${BENCH_PG_PORT:-55482}
data=$root/bench/.data
results=$root/bench/.results/request-cost
mkdir -p "$results" "$data"
started=$(date +%s)
log() { printf '\n== %s\n' "$*"; }

if [ "${BENCH_PIN:-0}" = 1 ]; then server_cpu=(taskset -c 1); wrk_cpu=(taskset -c 0); else server_cpu=(); wrk_cpu=(); fi

# shellcheck source=bench/run-info.sh
source bench/run-info.sh
{
  run_info
  echo "size=$size"
  echo "rounds=$rounds x ${round_seconds} s per server, interleaved; wrk -t2; pinned=${BENCH_PIN:-0}"
} >"$results/run.txt"

log "Building (Release)"
dotnet build bench/Invoke.Benchmarks/Invoke.Benchmarks.csproj -c Release --nologo -v quiet
dotnet build bench/Invoke.Floor/Invoke.Floor.csproj -c Release --nologo -v quiet
tool=$root/bench/Invoke.Benchmarks/bin/Release/net10.0/Invoke.Benchmarks
invoke=$root/src/WebApi/bin/Release/net10.0/Invoke.WebApi
floor=$root/bench/Invoke.Floor/bin/Release/net10.0/Invoke.Floor
command -v wrk >/dev/null || { log "Installing wrk"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

pids=()
pg_started=0
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ "$pg_started" = 1 ]; then PGTEST_PORT=$pg_port scripts/pg-test-cluster.sh stop || true; fi
}
trap stop_all EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
connection_of() {
  case "$1" in
    sqlite) echo "Data Source=$data/sqlite-$size/invoke.db" ;;
    postgres) echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=invoke_bench_${size};Timeout=60;Command Timeout=0" ;;
  esac
}
provider_name() { case "$1" in sqlite) echo Sqlite ;; postgres) echo Postgres ;; esac; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wait_for() { # url
  for _ in $(seq 1 120); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 1; done
  curl -fsS "$1" >/dev/null
}

if [[ ",$providers," == *,postgres,* ]]; then
  log "Starting PostgreSQL on port $pg_port"
  # shellcheck source=scripts/pg-test-cluster.sh
  PGTEST_PORT=$pg_port source scripts/pg-test-cluster.sh start
  pg_started=1
fi

for provider in ${providers//,/ }; do
  dir=$data/$provider-$size
  cs=$(connection_of "$provider")
  if [ "$provider" = sqlite ] && [ -f "$dir/generated.json" ]; then
    log "Reusing the SQLite dataset in $dir"
  else
    log "Generating $workflows workflows for $users users on $provider"
    rm -rf "$dir" && mkdir -p "$dir"
    DOTNET_TC_CallCountingDelayMs=0 "$tool" generate --provider "$(provider_name "$provider")" --connection "$cs" --root "$dir" \
      --workflows "$workflows" --users "$users" --out "$dir/generated.json"
  fi

  invoke_port=$(free_port)
  log "$provider: Invoke (Release, multi-user) on $invoke_port"
  "${server_cpu[@]}" "$invoke" --Invoke:MultiUser=true --Invoke:Root="$dir" --Invoke:Database:Provider="$(provider_name "$provider")" \
    --Invoke:Database:ConnectionString="$cs" --Invoke:Port="$invoke_port" >"$results/invoke-$provider.log" 2>&1 &
  invoke_pid=$!
  pids+=("$invoke_pid")
  wait_for "http://127.0.0.1:$invoke_port/health"
  "$tool" load-prep --url "http://127.0.0.1:$invoke_port" --logins 100 --workflows "$workflows" --users "$users" --out "$results/load-data-$provider.lua"

  floor_port=$(free_port)
  log "$provider: the floor on $floor_port"
  "${server_cpu[@]}" "$floor" --provider "$(provider_name "$provider")" --connection "$cs" --port "$floor_port" >"$results/floor-$provider.log" 2>&1 &
  floor_pid=$!
  pids+=("$floor_pid")
  wait_for "http://127.0.0.1:$floor_port/api/v1/app/version"

  log "$provider: same answers? (every URL of the run, fetched from both)"
  python3 bench/request-cost.py verify --data "$results/load-data-$provider.lua" --invoke "http://127.0.0.1:$invoke_port" \
    --floor "http://127.0.0.1:$floor_port" --out "$results/verify-$provider.json"

  export BENCH_LOAD_DATA=$results/load-data-$provider.lua
  out=$results/rounds-$provider.jsonl
  : >"$out"
  round() { # server pid url kind connections seconds round
    local before after file=$results/wrk.json
    before=$(cpu_ticks "$2")
    BENCH_LOAD_MODE=$4 BENCH_LOAD_OUT=$file "${wrk_cpu[@]}" wrk -t2 -c"$5" -d"$6"s --timeout 10s -s bench/load/request-cost.lua "$3" >/dev/null
    after=$(cpu_ticks "$2")
    if [ "$7" != warmup ]; then
      printf '{"provider":"%s","server":"%s","kind":"%s","connections":%s,"round":%s,"cpu_ticks":%s,"ticks_per_second":%s,"wrk":%s}\n' \
        "$provider" "$1" "$4" "$5" "$7" $((after - before)) "$(getconf CLK_TCK)" "$(cat "$file")" >>"$out"
    fi
  }
  for kind in ${kinds//,/ }; do
    round invoke "$invoke_pid" "http://127.0.0.1:$invoke_port" "$kind" 64 3 warmup
    round floor "$floor_pid" "http://127.0.0.1:$floor_port" "$kind" 64 3 warmup
    for c in ${connection_counts//,/ }; do
      for r in $(seq 1 "$rounds"); do
        round invoke "$invoke_pid" "http://127.0.0.1:$invoke_port" "$kind" "$c" "$round_seconds" "$r"
        round floor "$floor_pid" "http://127.0.0.1:$floor_port" "$kind" "$c" "$round_seconds" "$r"
      done
      echo "  $kind at $c connections: $rounds rounds each"
    done
  done
  kill "$invoke_pid" "$floor_pid" 2>/dev/null || true
  wait "$invoke_pid" "$floor_pid" 2>/dev/null || true
done

if [ "${BENCH_WRITES:-1}" = 1 ]; then
  log "Writes: Invoke's write cases (SQLite) beside InvokeAI's storage statements"
  sqlite_dir=$data/sqlite-$size
  DOTNET_TC_CallCountingDelayMs=0 "$tool" bench --provider Sqlite --connection "$(connection_of sqlite)" --root "$sqlite_dir" \
    --size "$size" --workflows "$workflows" --users "$users" --filter "create|update" --out "$results/writes-invoke.json"
  python3 bench/invokeai-writes.py --rows "$workflows" --dir "$(mktemp -d "${TMPDIR:-/tmp}/invokeai-writes.XXXXXX")" \
    --out "$results/writes-invokeai.json"
fi

log "Writing the section of BENCHMARKS.md"
python3 bench/request-cost.py report --results "$results" --benchmarks BENCHMARKS.md
echo "Done in $(( $(date +%s) - started )) s"
