#!/bin/sh
# CA Bridge fleet remediation for macOS (Jamf policy script) and Linux (the systemd user service beside
# it, or cron). Runs `ca-bridge status` and acts on its exit code (README, "ca-bridge status"):
#   0  healthy                                  -> nothing to do
#   10 the inspection CA changed since export   -> export --refresh, then apply to installed tools
#   13 a configured file or setting is broken   -> export --refresh, then apply to installed tools
#   14 inspected, but nothing configured yet    -> export into CA_BRIDGE_EXPORT_DIR, then apply
#   11 the exported CA expires within 30 days   -> report only: IT must roll out the new CA first
#   12 verification is switched off somewhere   -> report only: a person runs "ca-bridge doctor"
#   1  status could not check (no site answered, …) -> report only, nothing changed
#   2  usage (a ca-bridge without "status")     -> report only, nothing changed
# Every export, refresh and apply passes --expect-fingerprint for each CA IT published, so a laptop on
# another network never takes that network's CA. This script exits with the status after its repair: 0 healthy.
#
# Settings (environment variables; a Jamf policy passes them as parameters 4 to 7 instead):
#   CA_BRIDGE_EXPECT_FINGERPRINTS  required to change anything: the SHA-256 fingerprints of your
#                                  inspection CAs (AB:CD:… or hex), separated by spaces
#   CA_BRIDGE_EXPORT_DIR           where a first export goes (default: ~/ca-bridge)
#   CA_BRIDGE_PROBE_OPTIONS        extra options for status and export, e.g. --proxy pac+https://…/proxy.pac
#                                  (separated by spaces; no spaces inside a value)
#   CA_BRIDGE                      the ca-bridge command (default: ca-bridge on PATH)
set -u

# Jamf passes mount point, computer name and user as $1-$3; an administrator's parameters start at $4.
if [ $# -ge 4 ]; then
  [ -n "${4:-}" ] && CA_BRIDGE_EXPECT_FINGERPRINTS=$4
  [ -n "${5:-}" ] && CA_BRIDGE_EXPORT_DIR=$5
  [ -n "${6:-}" ] && CA_BRIDGE_PROBE_OPTIONS=$6
  [ -n "${7:-}" ] && CA_BRIDGE=$7
fi

# CA Bridge configures one user's tools (their HOME): Jamf runs policies as root, so on macOS the
# script runs itself again as the user at the console. Nobody logged in: nothing to configure now.
if [ "$(id -u)" = 0 ] && [ "$(uname -s)" = Darwin ]; then
  user=$(stat -f %Su /dev/console)
  case "$user" in
    '' | root | loginwindow | _mbsetupuser)
      echo "ca-bridge fleet: no user is logged in; nothing to do now"
      exit 0
      ;;
  esac
  exec launchctl asuser "$(id -u "$user")" sudo -H -u "$user" env \
    CA_BRIDGE_EXPECT_FINGERPRINTS="${CA_BRIDGE_EXPECT_FINGERPRINTS:-}" \
    CA_BRIDGE_EXPORT_DIR="${CA_BRIDGE_EXPORT_DIR:-}" \
    CA_BRIDGE_PROBE_OPTIONS="${CA_BRIDGE_PROBE_OPTIONS:-}" \
    CA_BRIDGE="${CA_BRIDGE:-}" \
    /bin/sh "$0"
fi

CA_BRIDGE=${CA_BRIDGE:-ca-bridge}
EXPORT_DIR=${CA_BRIDGE_EXPORT_DIR:-$HOME/ca-bridge}
PROBE=${CA_BRIDGE_PROBE_OPTIONS:-}

expect=''
for fingerprint in ${CA_BRIDGE_EXPECT_FINGERPRINTS:-}; do
  expect="$expect --expect-fingerprint $fingerprint"
done

say() { echo "ca-bridge fleet: $*"; }

status() {
  # shellcheck disable=SC2086 # PROBE holds several options on purpose
  $CA_BRIDGE status --json $PROBE >/dev/null 2>&1
}

# Re-export the CA into the folder the ledger records, then hand it to every installed tool.
refresh() {
  # shellcheck disable=SC2086
  $CA_BRIDGE export --refresh $expect $PROBE --json >/dev/null &&
    $CA_BRIDGE apply --dir "$EXPORT_DIR" --tools installed --yes $expect --json >/dev/null
}

# The first export on this machine, then every installed tool.
first_export() {
  # shellcheck disable=SC2086
  $CA_BRIDGE export --out "$EXPORT_DIR" --force $expect $PROBE --json >/dev/null &&
    $CA_BRIDGE apply --dir "$EXPORT_DIR" --tools installed --yes $expect --json >/dev/null
}

describe() {
  case "$1" in
    0) echo 'healthy' ;;
    10) echo 'the inspection CA changed since the export' ;;
    11) echo 'the exported CA expires within 30 days or has expired: IT must roll out the new CA' ;;
    12) echo 'certificate verification is switched off somewhere: run "ca-bridge doctor" as this user' ;;
    13) echo 'a configured file or tool setting is missing or broken' ;;
    14) echo 'the network is inspected but nothing is configured' ;;
    2) echo 'this ca-bridge does not understand "status --json": install a current version' ;;
    *) echo "status could not check (exit $1): run \"ca-bridge status\" as this user to see why" ;;
  esac
}

status
code=$?
say "$(describe "$code")"
case "$code" in
  10 | 13 | 14)
    if [ -z "$expect" ]; then
      say 'not repaired: set CA_BRIDGE_EXPECT_FINGERPRINTS to the fingerprints of your inspection CAs'
      exit "$code"
    fi
    if [ "$code" = 14 ]; then first_export; else refresh; fi || {
      say 'the repair failed: run the same ca-bridge commands as this user to see why'
      exit "$code"
    }
    status
    code=$?
    say "after the repair: $(describe "$code")"
    ;;
esac
exit "$code"
