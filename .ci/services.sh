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
# Two suites at once each run whole platforms (pools, saga locks, worker processes): the default
# 100 connections ran out. Raised once; the restart happens only when the setting changes.
if [[ "$(psql -h 127.0.0.1 -U postgres -Atc 'show max_connections')" -lt 300 ]]; then
  psql -h 127.0.0.1 -U postgres -qc 'ALTER SYSTEM SET max_connections = 300'
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main restart
  wait_for "PostgreSQL" pg_isready -h 127.0.0.1 -p 5432 -q
fi

# RabbitMQ
if ! rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
  rabbitmq-server -detached || true
fi
wait_for "RabbitMQ" rabbitmq-diagnostics -q ping

# Docker engine (docs/architecture.md, Tests and CI): instance adapters are tested against a real dockerd.
docker_log=/var/log/dockerd.log
start_dockerd() { # start_dockerd [extra flags...]: detached so it outlives this script
  setsid nohup dockerd "$@" >>"$docker_log" 2>&1 < /dev/null &
  for _ in $(seq 1 30); do docker info >/dev/null 2>&1 && return 0; sleep 1; done
  return 1
}
if ! docker info >/dev/null 2>&1; then
  if ! command -v dockerd >/dev/null 2>&1; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io busybox-static
  fi
  # Defaults work on this machine kind (docs/decisions); the fallbacks are for kernels without overlayfs/iptables.
  if ! start_dockerd; then
    pkill -x dockerd 2>/dev/null || true; sleep 1
    start_dockerd --storage-driver=vfs --iptables=false || { tail -20 "$docker_log" >&2; echo "dockerd did not come up" >&2; exit 1; }
  fi
fi
if [[ ! -x /bin/busybox ]] || ldd /bin/busybox >/dev/null 2>&1; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q busybox-static
fi

# Caddy (router adapter tests start their own `caddy run`; the packaged service is not used).
if ! command -v caddy >/dev/null 2>&1; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q caddy
fi

# promtool, for the alert rules' checks and unit tests (tests/observability/alertRules.unit.spec.ts);
# it comes with Debian's prometheus package, whose server is not used.
if ! command -v promtool >/dev/null 2>&1; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q prometheus
fi

# Instances cluster (docs/architecture.md, Tests and CI): a second PostgreSQL cluster on 5433, reachable from
# containers on the docker bridge address, administered by a NON-superuser role (issue 6 #008).
pg_version=$(ls /etc/postgresql | sort -n | tail -1)
instances_port=5433
docker_bridge_ip=$(ip -4 -o addr show docker0 2>/dev/null | awk '{print $4}' | cut -d/ -f1 | head -1 || true)
docker_bridge_ip=${docker_bridge_ip:-172.17.0.1}
if ! pg_lsclusters -h | awk '{print $2}' | grep -qx instances; then
  pg_createcluster "$pg_version" instances --port "$instances_port" >/dev/null
fi
instances_conf=/etc/postgresql/$pg_version/instances
# Written every run so a changed bridge address is picked up. The platform's roles are trusted like
# on the main cluster; every other role (the instances') must give its password, from the host as
# from containers (Docker's private address pools), so tests prove the passwords the platform sets.
listen="127.0.0.1,$docker_bridge_ip"
cat > "$instances_conf/conf.d/platform.conf" <<CONF
listen_addresses = '$listen'
port = $instances_port
password_encryption = 'scram-sha-256'
CONF
cat > "$instances_conf/pg_hba.conf" <<HBA
local   all   all                                  trust
host    all   postgres,platform_admin 127.0.0.1/32 trust
host    all   postgres,platform_admin ::1/128      trust
host    all   all   127.0.0.1/32                   scram-sha-256
host    all   all   ::1/128                        scram-sha-256
host    all   all   172.16.0.0/12                  scram-sha-256
host    all   all   192.168.0.0/16                 scram-sha-256
host    all   all   10.0.0.0/8                     scram-sha-256
HBA
if pg_isready -h 127.0.0.1 -p "$instances_port" -q; then
  pg_ctlcluster --skip-systemctl-redirect "$pg_version" instances reload
  # listen_addresses only changes on restart
  current=$(psql -h 127.0.0.1 -p "$instances_port" -U postgres -Atc 'show listen_addresses')
  if [[ "$current" != "$listen" ]]; then
    pg_ctlcluster --skip-systemctl-redirect "$pg_version" instances restart
  fi
else
  pg_ctlcluster --skip-systemctl-redirect "$pg_version" instances start
fi
wait_for "PostgreSQL instances cluster" pg_isready -h 127.0.0.1 -p "$instances_port" -q
psql -h 127.0.0.1 -p "$instances_port" -U postgres -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'platform_admin') THEN
    CREATE ROLE platform_admin LOGIN CREATEDB CREATEROLE;
  END IF;
  ALTER ROLE platform_admin LOGIN CREATEDB CREATEROLE NOSUPERUSER;
END $$;
SQL

# Stand-in for the Odoo image (no registry reachable from test machines).
bash "$(dirname "$0")/build-standin-image.sh"
bash "$(dirname "$0")/build-odoo-double.sh"
