#!/usr/bin/env bash
# Builds the Odoo contract double (docs/architecture.md, Tests and CI; issue 12): no registry is reachable from test
# machines, so tests run a local image that behaves like the official odoo:17 / odoo:18 images through
# Odoo's public surface. It is the host's `node` binary and the shared libraries it needs in an
# otherwise empty rootfs, plus deploy/odoo-double (TypeScript, bundled with esbuild, `pg` included).
#
# Images: platform-test/odoo:17.0 and platform-test/odoo:18.0 (labels platform.test=1 and
# platform.odoo-double.hash=<content hash>; rebuilt only when the sources, this script, node or pg change).
#
# Contract (what the official image does; the double follows it, see deploy/odoo-double/README.md):
#   ENTRYPOINT ["/entrypoint.sh"], CMD ["odoo"], USER 101:101 (`odoo`), HTTP 8069 (+8072 with --workers),
#   ENV ODOO_RC=/etc/odoo/odoo.conf, data_dir /var/lib/odoo (filestore/<db>/, sessions/), /mnt/extra-addons.
#   Entrypoint: env HOST/PORT/USER/PASSWORD (or PASSWORD_FILE) → --db_host/--db_port/--db_user/--db_password
#   appended after the container's arguments, unless $ODOO_RC sets db_host/db_port/db_user/db_password;
#   waits up to 30 s for PostgreSQL (database `postgres`) like wait-for-psql.py; `odoo …`, `-- …` or
#   `-…` run Odoo; any other first argument is exec'ed (this image has no other programs: exit 127).
#   `odoo [server] …` and `odoo neutralize -d <db>` are the commands offered.
#
# Test-only switches (env; never set them outside tests):
#   ODOO_DOUBLE_FAIL_INIT=1            an init/update (-i/-u) fails after connecting, inside its transaction
#                                      (nothing is kept), and the process exits 1 — to prove compensation
#   ODOO_DOUBLE_WAIT_PSQL_TIMEOUT=<s>  the entrypoint's wait for PostgreSQL (default 30 s, as the real image)
#   ODOO_DOUBLE_UNHEALTHY=1 or file <data_dir>/.double-unhealthy   /web/health answers 503 (never healthy)
#   file <data_dir>/.double-allocate-mb holding N       the server takes N MiB at once (an OOM under a smaller limit)
#   ODOO_DOUBLE_PBKDF2_ROUNDS=<n>      rounds for NEW password hashes (600000 in Odoo 17/18); a lower
#                                      value makes sign-ins faster; verification always reads the hash's rounds.
#                                      These images set 10000: each provisioning hashes and checks the
#                                      administrator's password four times, about 2 s of CPU at 600000, and
#                                      the test suite provisions well over a hundred instances on two cores.
#                                      Nothing the platform does depends on the count.
# Usage: build-odoo-double.sh [--force]
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=/dev/null
source "$here/.ci/copy-node-into-rootfs.sh"
src="$here/deploy/odoo-double"
versions=(17.0 18.0)
node_bin=$(command -v node)
esbuild="$here/node_modules/.bin/esbuild"
if [[ ! -x "$esbuild" ]]; then
  echo "esbuild not found (run npm ci first)" >&2
  exit 1
fi

hash=$(
  {
    cat "$0" "$here/.ci/copy-node-into-rootfs.sh"
    find "$src" -type f \( -name '*.ts' -o -name '*.js' -o -name '*.json' -o -name '*.conf' \) -print0 | sort -z | xargs -0 cat
    "$node_bin" --version
    cat "$here/node_modules/pg/package.json"
  } | sha256sum | cut -c1-16
)

if [[ "${1:-}" != "--force" ]]; then
  fresh=1
  for version in "${versions[@]}"; do
    label=$(docker image inspect -f '{{index .Config.Labels "platform.odoo-double.hash"}}' "platform-test/odoo:$version" 2>/dev/null || true)
    [[ "$label" == "$hash" ]] || fresh=0
  done
  if [[ $fresh == 1 ]]; then
    echo "Odoo contract double images platform-test/odoo:{${versions[*]}} (hash $hash) present"
    exit 0
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs"/{etc/odoo,var/lib/odoo,mnt/extra-addons,tmp,usr/bin,usr/local/bin,proc,sys,dev,opt/odoo-double}
chmod 1777 "$rootfs/tmp"

# The server, bundled into one file (pg's optional native/cloudflare backends are never loaded).
"$esbuild" "$src/src/main.ts" --bundle --platform=node --target=node20 --format=cjs \
  --external:pg-native --external:pg-cloudflare --log-level=warning \
  --banner:js="#!/usr/local/bin/node" --outfile="$rootfs/opt/odoo-double/odoo.js"
chmod 755 "$rootfs/opt/odoo-double/odoo.js"

# node and the shared libraries it links (copied to the same paths, symlinks resolved).
copy_node_into_rootfs "$node_bin" "$rootfs"

# A shell and the usual tools, as the official (Debian) image has: tests and operators `docker exec`.
mkdir -p "$rootfs/bin"
cp /bin/busybox "$rootfs/bin/busybox"
for applet in $(/bin/busybox --list); do
  [[ "$applet" == busybox || -e "$rootfs/bin/$applet" ]] || ln -s busybox "$rootfs/bin/$applet"
done

# curl, as the official image has it (health checks): the part of it the platform uses, in node.
cp "$src/curl.js" "$rootfs/usr/bin/curl"
chmod 755 "$rootfs/usr/bin/curl"

ln -s /opt/odoo-double/odoo.js "$rootfs/entrypoint.sh"
ln -s /opt/odoo-double/odoo.js "$rootfs/usr/bin/odoo"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nodoo:x:101:101::/var/lib/odoo:/usr/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nodoo:x:101:\n' > "$rootfs/etc/group"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
# The official image's default configuration.
cat > "$rootfs/etc/odoo/odoo.conf" <<'CONF'
[options]
addons_path = /mnt/extra-addons
data_dir = /var/lib/odoo
; admin_passwd = admin
; csv_internal_sep = ,
; db_maxconn = 64
; db_name = False
; db_template = template1
; dbfilter = .*
; debug_mode = False
; email_from = False
; limit_memory_hard = 2684354560
; limit_memory_soft = 2147483648
; limit_request = 8192
; limit_time_cpu = 60
; limit_time_real = 120
; list_db = True
; log_db = False
; log_handler = [':INFO']
; log_level = info
; logfile = None
; longpolling_port = 8072
; max_cron_threads = 2
; osv_memory_age_limit = 1.0
; osv_memory_count_limit = False
; smtp_password = False
; smtp_port = 25
; smtp_server = localhost
; smtp_ssl = False
; smtp_user = False
; workers = 0
; xmlrpc = True
; xmlrpc_interface =
; xmlrpc_port = 8069
; xmlrpcs = True
; xmlrpcs_interface =
; xmlrpcs_port = 8071
CONF
chown -R 101:101 "$rootfs/var/lib/odoo" "$rootfs/mnt/extra-addons" "$rootfs/etc/odoo/odoo.conf"

# Smoke test of the rootfs on the host is not possible (absolute paths): the import is checked below.
tar -C "$rootfs" --numeric-owner -cf "$work/rootfs.tar" .
for version in "${versions[@]}"; do
  docker import \
    --change 'ENTRYPOINT ["/entrypoint.sh"]' \
    --change 'CMD ["odoo"]' \
    --change 'USER 101:101' \
    --change 'WORKDIR /' \
    --change 'EXPOSE 8069 8071 8072' \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV ODOO_RC=/etc/odoo/odoo.conf' \
    --change "ENV ODOO_VERSION=$version" \
    --change 'ENV ODOO_DOUBLE_PBKDF2_ROUNDS=10000' \
    --change 'LABEL platform.test=1' \
    --change "LABEL platform.odoo-double.hash=$hash" \
    --change "LABEL platform.odoo-double.server-version=$version" \
    "$work/rootfs.tar" "platform-test/odoo:$version" >/dev/null
  reported=$(docker run --rm --label platform.test=1 --entrypoint /usr/bin/odoo "platform-test/odoo:$version" --version)
  if [[ "$reported" != "Odoo Server $version" ]]; then
    echo "platform-test/odoo:$version does not run: $reported" >&2
    exit 1
  fi
done
echo "built Odoo contract double images platform-test/odoo:{${versions[*]}} (hash $hash)"
