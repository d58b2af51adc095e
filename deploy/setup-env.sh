#!/usr/bin/env bash
# `npm run setup`: writes .env for `docker compose up` with a fresh random value for every password
# and key the stack needs (compose reads .env; nothing secret lives in docker-compose.yml). An
# existing .env is kept as it is: rerunning never changes the passwords of a running stack.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -f .env ]]; then
  echo ".env exists: kept as it is (remove it to generate new secrets for a new stack)"
  exit 0
fi
hex() { openssl rand -hex "$1"; }
b64() { openssl rand -base64 32; }
umask 077
cat > .env <<ENV
# Written by npm run setup on $(date -u +%Y-%m-%dT%H:%MZ). Keep it secret; compose reads it.
POSTGRES_PASSWORD=$(hex 24)
INSTANCES_DB_SUPERUSER_PASSWORD=$(hex 24)
INSTANCES_DB_ADMIN_PASSWORD=$(hex 24)
MINIO_ROOT_PASSWORD=$(hex 24)
RABBITMQ_ADMIN_PASSWORD=$(hex 24)
PLATFORM_API_AMQP_PASSWORD=$(hex 24)
PLATFORM_WORKER_AMQP_PASSWORD=$(hex 24)
SECRETS_KEY=$(b64)
NOTIFY_UNSUBSCRIBE_KEY=$(b64)
METRICS_TOKEN=$(hex 32)
ENV
echo "wrote .env (mode 600) with new random secrets: docker compose up --build"
