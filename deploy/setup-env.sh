#!/usr/bin/env bash
# `npm run setup`: writes .env for `docker compose up` with a fresh random value for every password
# and key the stack needs (compose reads .env; nothing secret lives in docker-compose.yml), and the
# group of the Docker socket, which the worker joins. An existing file is kept as it is: rerunning
# never changes the passwords of a running stack.
# Usage: setup-env.sh [file]   (default .env in the repository; tests write elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-.env}
if [[ -f "$target" ]]; then
  echo "$target exists: kept as it is (remove it to generate new secrets for a new stack)"
  exit 0
fi
hex() { openssl rand -hex "$1"; }
b64() { openssl rand -base64 32; }
socket=/var/run/docker.sock
if [[ -S "$socket" ]]; then
  docker_gid=$(stat -c %g "$socket")
else
  docker_gid=
  echo "warning: no Docker socket at $socket: set DOCKER_GID in $target to the group that owns it" >&2
fi
umask 077
cat > "$target" <<ENV
# Written by npm run setup on $(date -u +%Y-%m-%dT%H:%MZ). Keep it secret; compose reads it.
POSTGRES_PASSWORD=$(hex 24)
INSTANCES_DB_SUPERUSER_PASSWORD=$(hex 24)
INSTANCES_DB_ADMIN_PASSWORD=$(hex 24)
MINIO_ROOT_PASSWORD=$(hex 24)
RABBITMQ_ADMIN_PASSWORD=$(hex 24)
PLATFORM_API_AMQP_PASSWORD=$(hex 24)
PLATFORM_WORKER_AMQP_PASSWORD=$(hex 24)
GRAFANA_ADMIN_PASSWORD=$(hex 16)
SECRETS_KEY=$(b64)
NOTIFY_UNSUBSCRIBE_KEY=$(b64)
METRICS_TOKEN=$(hex 32)
# The group that owns $socket: the worker's unprivileged user joins it to drive the engine.
DOCKER_GID=$docker_gid
ENV
echo "wrote $target (mode 600) with new random secrets: docker compose up -d --build"
