#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL cluster on loopback, for ops/test and ops/bench.
#   ops/cluster.sh start DIR [--durable]   -> prints the connection string
#   ops/cluster.sh stop DIR                -> stops it and deletes DIR
# Without --durable, fsync is off: the tests' data is thrown away, and durable commits would only slow them down.
# Never use that for real data. --durable keeps PostgreSQL's default fsync and synchronous_commit, as in production,
# so the benchmarks measure what a real deployment pays for a commit.
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[ -n "$dir" ] || { echo "usage: $0 start DIR [--durable] | stop DIR" >&2; exit 2; }
bin=$(dirname "$(command -v pg_ctl 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    case "${3:-}" in
      --durable) settings="-c fsync=on -c synchronous_commit=on -c max_connections=200" ;;
      "") settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" ;;
      *) echo "$0: unknown option $3" >&2; exit 2 ;;
    esac
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
    mkdir -p "$dir"
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $settings" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    # Immediate: the data is deleted next, so there is nothing worth a shutdown checkpoint.
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR [--durable] | stop DIR" >&2; exit 2 ;;
esac
