#!/usr/bin/env bash
# A stand-in for node:20-bookworm-slim, which no registry here can give: the host's `node` and the
# shared libraries it links in an otherwise empty rootfs, busybox as /bin/sh, and the official image's
# `node` user (1000). Built as .ci/build-odoo-double.sh builds the Odoo double. Prints the image name.
# Usage: buildNodeBaseImage.sh  (rebuilt only when node changes)
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "$0")/../../.ci/copy-node-into-rootfs.sh"

node_bin=$(command -v node)
hash=$({ cat "$0" "$(dirname "$0")/../../.ci/copy-node-into-rootfs.sh"; "$node_bin" --version; sha256sum "$node_bin"; } | sha256sum | cut -c1-12)
image="platform-test/node-base:$hash"
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "$image"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs"/{bin,usr/local/bin,tmp,proc,sys,dev,etc,home/node}
chmod 1777 "$rootfs/tmp"
copy_node_into_rootfs "$node_bin" "$rootfs"
cp /bin/busybox "$rootfs/bin/busybox"
for applet in $(/bin/busybox --list); do
  [[ "$applet" == busybox || -e "$rootfs/bin/$applet" ]] || ln -s busybox "$rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\n' > "$rootfs/etc/group"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
chown 1000:1000 "$rootfs/home/node"
tar -C "$rootfs" --numeric-owner -cf "$work/rootfs.tar" .
docker import --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' --change 'CMD ["node"]' \
  --change 'LABEL platform.test=1' "$work/rootfs.tar" "$image" >/dev/null
echo "$image"
