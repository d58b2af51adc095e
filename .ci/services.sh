#!/usr/bin/env bash
# Starts what the tests need on this machine kind (idempotent; also used by developers).
set -euo pipefail

wait_for() { # wait_for <what> <command...>
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "$what did not come up" >&2; return 1
}

# PostgreSQL (platform cluster, 5432)
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
wait_for "PostgreSQL" pg_isready -h 127.0.0.1 -p 5432 -q

# RabbitMQ
if ! rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
  rabbitmq-server -detached || true
fi
wait_for "RabbitMQ" rabbitmq-diagnostics -q ping
