#!/usr/bin/env bash
# Runs once, when the instances cluster is first initialised (docker-entrypoint-initdb.d).
# - The platform administers instance databases with CREATEDB and CREATEROLE, never as superuser
#   (the prototype's issue #008), with a generated password.
# - The superuser never logs in over the network: instance containers share networks with this
#   cluster, so only password-checked, non-superuser roles are reachable from them.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --set=admin_password="$INSTANCES_DB_ADMIN_PASSWORD" <<'SQL'
CREATE ROLE instance_admin LOGIN CREATEDB CREATEROLE PASSWORD :'admin_password';
SQL
cat > "$PGDATA/pg_hba.conf" <<'HBA'
local   all   all                  scram-sha-256
host    all   postgres   all       reject
host    all   all        all       scram-sha-256
HBA
