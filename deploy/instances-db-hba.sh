#!/usr/bin/env bash
# Prints the compose instances cluster's pg_hba.conf (deploy/instances-db-init.sh writes it; the test
# tests/deploy/instancesDbHba.int.spec.ts runs it against a real cluster). Who may log in from where:
# - the superuser never over the network;
# - the platform's admin role only from the control plane's network (CONTROL_PLANE_SUBNET);
# - an instance's role only from the tenant networks (INSTANCE_SUBNET_POOL, where the worker takes
#   every tenant network's subnet) and only into the database of its own name (sameuser) or the
#   maintenance database `postgres`, where Odoo lists databases to apply its dbfilter (pg_database is
#   readable from any database anyway; CONNECT on instance databases is revoked from PUBLIC);
# - nobody else, from nowhere else.
set -euo pipefail
: "${CONTROL_PLANE_SUBNET:?CONTROL_PLANE_SUBNET (the network of the platform containers, e.g. 10.239.0.0/24)}"
: "${INSTANCE_SUBNET_POOL:?INSTANCE_SUBNET_POOL (where tenant networks take their subnets, e.g. 10.240.0.0/12)}"
admin_role=${INSTANCES_DB_ADMIN_ROLE:-instance_admin}
cat <<HBA
local   all        all                                             scram-sha-256
host    all        postgres        all                             reject
host    all        ${admin_role}   ${CONTROL_PLANE_SUBNET}         scram-sha-256
host    all        ${admin_role}   all                             reject
host    sameuser,postgres   all    ${INSTANCE_SUBNET_POOL}         scram-sha-256
host    all        all             all                             reject
HBA
