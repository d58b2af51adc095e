# Sourced by .ci/build-odoo-double.sh and tests/packaging/buildNodeBaseImage.sh, which build images
# from the host's node because no registry is reachable here.
# copy_node_into_rootfs <node binary> <rootfs>: node as /usr/local/bin/node and the shared libraries
# it links, copied to the same paths with symlinks resolved.
copy_node_into_rootfs() {
  local node_bin=$1 rootfs=$2 lib
  mkdir -p "$rootfs/usr/local/bin"
  cp "$node_bin" "$rootfs/usr/local/bin/node"
  while read -r lib; do
    [[ -n "$lib" ]] || continue
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done < <(ldd "$node_bin" | awk '/=> \// {print $3} /^\s*\/[^ ]+ \(/ {print $1}')
}
