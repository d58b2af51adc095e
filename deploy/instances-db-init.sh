#!/usr/bin/env bash
# Runs once, when the instances cluster is first initialised (docker-entrypoint-initdb.d).
# - The platform administers instance databases with CREATEDB and CREATEROLE, never as superuser
#   (the prototype's issue #008), with a generated password.
# - Who logs in from where is deploy/instances-db-hba.sh: never the superuser over the network, the
#   admin from the control plane's network only, an instance's role from the tenant networks only
#   and into its own database only.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --set=admin_password="$INSTANCES_DB_ADMIN_PASSWORD" <<'SQL'
CREATE ROLE instance_admin LOGIN CREATEDB CREATEROLE PASSWORD :'admin_password';
SQL
bash /usr/local/share/platform/instances-db-hba.sh > "$PGDATA/pg_hba.conf"
