#!/usr/bin/env bash
# Builds the stand-in for the production Odoo image (docs/architecture.md, Tests and CI): no registry is reachable
# from test machines, so tests run a busybox-static rootfs imported as an image. It behaves like
# odoo:17 where the adapters care: HTTP on 8069 answering /web/health, data under /var/lib/odoo,
# env HOST/PORT/USER/PASSWORD (the database connection, as in odoo:17).
# Test switches (env, or files in /var/lib/odoo so a running container can be changed with docker exec):
#   STANDIN_UNHEALTHY=1 / file /var/lib/odoo/.standin-unhealthy  -> /web/health answers 404 (never healthy)
#   STANDIN_ALLOCATE_MB=N (at boot, before serving) / file /var/lib/odoo/.standin-allocate-mb (content N,
#       any time later) -> the main process allocates N MiB and exits 137 if killed, so a container
#       with a smaller memory limit dies OOMKilled
#   STANDIN_HTTP_PORT (default 8069)
# Usage: build-standin-image.sh [--force]
set -euo pipefail

image=platform-test/odoo-standin:latest
# Bump when the stand-in changes, so machines holding an older image rebuild it.
version=2
if [[ "${1:-}" != "--force" ]] &&
  [[ "$(docker image inspect -f '{{index .Config.Labels "platform.standin.version"}}' "$image" 2>/dev/null || true)" == "$version" ]]; then
  echo "stand-in image $image (version $version) present"
  exit 0
fi

# Only a statically linked busybox runs inside an empty rootfs (Debian's busybox-static).
busybox=/bin/busybox
if [[ ! -x "$busybox" ]] || ldd "$busybox" >/dev/null 2>&1; then
  echo "a static /bin/busybox is required (apt-get install busybox-static)" >&2
  exit 1
fi

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,etc,tmp,www/web,var/lib/odoo,proc,sys,dev}
chmod 1777 "$rootfs/tmp"
cp "$busybox" "$rootfs/bin/busybox"
for applet in $("$busybox" --list); do
  [[ "$applet" == busybox ]] || ln -sf busybox "$rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nodoo:x:101:101:odoo:/var/lib/odoo:/bin/sh\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nodoo:x:101:\n' > "$rootfs/etc/group"

cat > "$rootfs/standin.sh" <<'SCRIPT'
#!/bin/sh
# Stand-in for odoo:17 in tests. See .ci/build-standin-image.sh for the switches.
port="${STANDIN_HTTP_PORT:-8069}"
data=/var/lib/odoo
mkdir -p "$data/filestore" /www/web
date -u +%Y-%m-%dT%H:%M:%SZ >> "$data/standin-starts"

refresh_health() {
  if [ "${STANDIN_UNHEALTHY:-0}" = 1 ] || [ -f "$data/.standin-unhealthy" ]; then
    rm -f /www/web/health
  else
    echo '{"status": "pass"}' > /www/web/health
  fi
}

allocate() { # allocate <MiB>: dd holds one buffer of that size; the cgroup OOM killer ends it
  dd if=/dev/zero of=/dev/null bs="${1}M" count=1 2>/dev/null || exit 137
}

trap 'exit 0' TERM INT
# Before serving, like an Odoo that runs out of memory while booting.
[ -n "${STANDIN_ALLOCATE_MB:-}" ] && allocate "$STANDIN_ALLOCATE_MB"
refresh_health
httpd -p "$port" -h /www
while true; do
  refresh_health
  if [ -f "$data/.standin-allocate-mb" ]; then
    mb=$(cat "$data/.standin-allocate-mb"); rm -f "$data/.standin-allocate-mb"; allocate "$mb"
  fi
  sleep 0.2 & wait $!
done
SCRIPT
chmod 755 "$rootfs/standin.sh"
echo "stand-in for odoo" > "$rootfs/var/lib/odoo/.standin"

tar -C "$rootfs" --numeric-owner -cf - . | docker import \
  --change 'ENTRYPOINT ["/standin.sh"]' \
  --change 'ENV PATH=/bin' \
  --change 'EXPOSE 8069' \
  --change 'WORKDIR /' \
  --change "LABEL platform.standin.version=$version" \
  - "$image" >/dev/null
echo "built stand-in image $image"
