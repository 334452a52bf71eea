#!/usr/bin/env bash
# Where a request's CPU goes (issue 14): Invoke and the hand-written floor (bench/Invoke.Floor) on
# the dataset of bench/request-cost.sh, SQLite then PostgreSQL, one request kind at a time under
# wrk; for each, CPU per request from /proc/<pid>/stat in an unprofiled run, then `perf record -g`
# over a second run, sorted into cost centres by bench/request-profile.py. Writes
# bench/.results/request-profile/<provider>/ and the section "Where the gap is, per cost centre" of
# BENCHMARKS.md.
#   bench/request-profile.sh
# Environment:
#   BENCH_REQUEST_COST_SIZE=100k   dataset size (SQLite: bench/.data/sqlite-<size>, made by bench/request-cost.sh
#                                  or here; PostgreSQL: generated into a throw-away cluster)
#   BENCH_PROVIDERS=sqlite,postgres
#   BENCH_KINDS=get,yours,shared,counts
#   BENCH_CONNECTIONS=16  BENCH_SECONDS=10
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

size=${BENCH_REQUEST_COST_SIZE:-100k}
providers=${BENCH_PROVIDERS:-sqlite,postgres}
kinds=${BENCH_KINDS:-get,yours,shared,counts}
connections=${BENCH_CONNECTIONS:-16}
seconds=${BENCH_SECONDS:-10}
data=$root/bench/.data
results=$root/bench/.results/request-profile
case "$size" in *k) workflows=$(( ${size%k} * 1000 )) ;; *m) workflows=$(( ${size%m} * 1000000 )) ;; *) workflows=$size ;; esac
users=${BENCH_USERS:-$(( workflows / 100 > 10 ? workflows / 100 : 10 ))}
rm -rf "$results" && mkdir -p "$results"

command -v perf >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf; }
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

# shellcheck source=bench/run-info.sh
source bench/run-info.sh
{
  run_info
  echo "size=$size"
  echo "connections=$connections"
} >"$results/run.txt"

dotnet build bench/Invoke.Benchmarks/Invoke.Benchmarks.csproj -c Release --nologo -v quiet
dotnet build bench/Invoke.Floor/Invoke.Floor.csproj -c Release --nologo -v quiet
tool=$root/bench/Invoke.Benchmarks/bin/Release/net10.0/Invoke.Benchmarks

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 120); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 1; done; curl -fsS "$1" >/dev/null; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

pids=()
pg_port=
stop_all() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$pg_port" ]; then PGTEST_PORT=$pg_port scripts/pg-test-cluster.sh stop || true; fi
}
trap stop_all EXIT

# The runtime writes a map of its generated code for perf, in plain (not double-mapped) memory.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0

for provider in ${providers//,/ }; do
  out=$results/$provider
  mkdir -p "$out"
  case "$provider" in
    sqlite)
      name=Sqlite
      dir=$data/sqlite-$size
      cs="Data Source=$dir/invoke.db"
      ;;
    postgres)
      name=Postgres
      pg_port=$(free_port)
      # shellcheck source=scripts/pg-test-cluster.sh
      PGTEST_PORT=$pg_port source scripts/pg-test-cluster.sh start
      dir=$(mktemp -d "${TMPDIR:-/tmp}/invoke-profile-pg.XXXXXX")
      cs="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=invoke_profile;Timeout=60;Command Timeout=0"
      ;;
    *) echo "Unknown provider $provider" >&2; exit 2 ;;
  esac
  if [ ! -f "$dir/generated.json" ]; then
    mkdir -p "$dir"
    DOTNET_TC_CallCountingDelayMs=0 "$tool" generate --provider "$name" --connection "$cs" --root "$dir" \
      --workflows "$workflows" --users "$users" --out "$dir/generated.json"
  fi

  invoke_port=$(free_port)
  "$root/src/WebApi/bin/Release/net10.0/Invoke.WebApi" --Invoke:MultiUser=true --Invoke:Root="$dir" --Invoke:Database:Provider="$name" \
    --Invoke:Database:ConnectionString="$cs" --Invoke:Port="$invoke_port" >"$out/invoke.log" 2>&1 &
  invoke_pid=$!
  pids+=("$invoke_pid")
  floor_port=$(free_port)
  "$root/bench/Invoke.Floor/bin/Release/net10.0/Invoke.Floor" --provider "$name" --connection "$cs" --port "$floor_port" >"$out/floor.log" 2>&1 &
  floor_pid=$!
  pids+=("$floor_pid")
  wait_for "http://127.0.0.1:$invoke_port/health"
  wait_for "http://127.0.0.1:$floor_port/api/v1/app/version"
  "$tool" load-prep --url "http://127.0.0.1:$invoke_port" --logins 100 --workflows "$workflows" --users "$users" --out "$out/load-data.lua"
  export BENCH_LOAD_DATA=$out/load-data.lua BENCH_LOAD_OUT=$out/wrk.json

  for kind in ${kinds//,/ }; do
    for server in invoke floor; do
      if [ "$server" = invoke ]; then pid=$invoke_pid; port=$invoke_port; else pid=$floor_pid; port=$floor_port; fi
      url=http://127.0.0.1:$port
      BENCH_LOAD_MODE=$kind wrk -t2 -c"$connections" -d"$seconds"s -s bench/load/request-cost.lua "$url" >/dev/null   # warm-up
      before=$(cpu_ticks "$pid")
      BENCH_LOAD_MODE=$kind wrk -t2 -c"$connections" -d"$seconds"s -s bench/load/request-cost.lua "$url" >/dev/null
      after=$(cpu_ticks "$pid")
      python3 - "$out/wrk.json" $((after - before)) "$(getconf CLK_TCK)" >"$out/cpu-$server-$kind.json" <<'PY'
import json, sys
wrk = json.load(open(sys.argv[1])); ticks, hz = int(sys.argv[2]), int(sys.argv[3])
requests = wrk["requests"]
print(json.dumps({"requests": requests, "requests_per_second": requests / (wrk["duration_us"] / 1e6),
                  "us_per_request": ticks / hz * 1e6 / requests}))
PY
      BENCH_LOAD_MODE=$kind wrk -t2 -c"$connections" -d$((seconds + 4))s -s bench/load/request-cost.lua "$url" >/dev/null &
      load=$!
      sleep 2
      perf record -q -F 999 -g -p "$pid" -o "$out/perf-$server-$kind.data" -- sleep "$seconds" >/dev/null 2>&1
      wait "$load"
      perf script -i "$out/perf-$server-$kind.data" >"$out/perf-$server-$kind.txt" 2>/dev/null
      rm -f "$out/perf-$server-$kind.data"
      echo "  $provider, $kind on $server: $(python3 -c "import json; d=json.load(open('$out/cpu-$server-$kind.json')); print(f\"{d['us_per_request']:.0f} us/request, {d['requests_per_second']:.0f} req/s\")")"
    done
  done
  kill "$invoke_pid" "$floor_pid" 2>/dev/null || true
  wait "$invoke_pid" "$floor_pid" 2>/dev/null || true
  rm -f "/tmp/perf-$invoke_pid.map" "/tmp/perf-$floor_pid.map" "/tmp/perfinfo-$invoke_pid.map" "/tmp/perfinfo-$floor_pid.map"
  if [ "$provider" = postgres ]; then
    PGTEST_PORT=$pg_port scripts/pg-test-cluster.sh stop || true
    pg_port=
    rm -rf "$dir"
  fi
done

python3 bench/request-profile.py report --results "$results" --benchmarks BENCHMARKS.md
