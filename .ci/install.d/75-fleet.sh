# The fleet roll-out scripts (docs/fleet/): their systemd user units are checked with
# `systemd-analyze verify`, which comes with Debian's systemd package (nothing is started).
if [ "${PHASE:-}" = debian ]; then
  need_deb systemd-analyze systemd
fi
