#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite, on a loopback port.
#   source scripts/pg-test-cluster.sh start   # exports INVOKE_TEST_POSTGRES
#   scripts/pg-test-cluster.sh stop
# Installs PostgreSQL from Debian's packages when it is missing. As root, the server runs as the
# 'postgres' user (PostgreSQL refuses to run as root).
set -euo pipefail

# Each run takes a free loopback port and a cluster directory of its own (unless PGTEST_PORT /
# PGTEST_STATE say otherwise), so several runs on one machine never touch each other's server.
# `start` exports both, so that `stop` in the same shell (or a trap) finds the cluster again.

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    # Nothing answers on the port: connecting fails.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "pg-test-cluster: no free port found" >&2
  return 1
}

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [ -z "$dir" ] && command -v pg_config >/dev/null 2>&1; then dir=$(pg_config --bindir); fi
  echo "$dir"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_postgres() {
  echo "pg-test-cluster: PostgreSQL not found; installing it with apt-get" >&2
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql postgresql-contrib >&2
}

pg_start() {
  local bindir
  bindir=$(pg_bindir)
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    install_postgres
    bindir=$(pg_bindir)
  fi

  export PGTEST_STATE=${PGTEST_STATE:-$(mktemp -d "${TMPDIR:-/tmp}/invoke-pgtest.XXXXXX")}
  local data="$PGTEST_STATE/data"
  mkdir -p "$PGTEST_STATE"
  chmod 755 "$PGTEST_STATE"
  [ "$(id -u)" = 0 ] && chown postgres "$PGTEST_STATE"
  as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  # A port found free can be taken before the server binds it: try again with another.
  local attempt wanted=${PGTEST_PORT:-}
  for attempt in 1 2 3 4 5; do
    export PGTEST_PORT=${wanted:-$(free_port)}
    if as_owner "$bindir/pg_ctl" -D "$data" -l "$PGTEST_STATE/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $PGTEST_PORT -k $PGTEST_STATE -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      break
    fi
    [ "$attempt" -lt 5 ] || { echo "pg-test-cluster: PostgreSQL did not start; see $PGTEST_STATE/server.log" >&2; return 1; }
  done
  export INVOKE_TEST_POSTGRES="Host=127.0.0.1;Port=$PGTEST_PORT;Username=postgres;Database=postgres"
  echo "pg-test-cluster: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGTEST_PORT" >&2
}

pg_stop() {
  [ -n "${PGTEST_STATE:-}" ] || return 0
  local bindir
  bindir=$(pg_bindir)
  if [ -n "$bindir" ] && [ -f "$PGTEST_STATE/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$PGTEST_STATE/data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PGTEST_STATE"
}

case "${1:-}" in
  start) pg_start ;;
  stop) pg_stop ;;
  *) echo "usage: scripts/pg-test-cluster.sh start|stop" >&2; return 2 2>/dev/null || exit 2 ;;
esac
