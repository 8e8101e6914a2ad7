#!/bin/sh
# CA Bridge: Jamf Pro extension attribute (data type String, input type Script). Reports the state of
# the inspection CA set-up of the user at the console as one word, from `ca-bridge status`'s exit code:
#   healthy · ca-changed (10) · ca-expiring (11) · verification-off (12) · broken (13) ·
#   not-configured (14) · no-user · not-installed · unknown-N (1 could not check: no site answered or
#   another failure; 2 usage; anything else)
# A smart group on ca-changed, broken or not-configured scopes the remediation policy (remediate.sh).
# CA_BRIDGE_PROBE_OPTIONS and CA_BRIDGE as in remediate.sh; an extension attribute takes no parameters.
set -u
CA_BRIDGE=${CA_BRIDGE:-ca-bridge}
PROBE=${CA_BRIDGE_PROBE_OPTIONS:-}

report() {
  echo "<result>$1</result>"
  exit 0
}

# Inventory runs as root; the set-up belongs to the user at the console.
run_status() {
  # shellcheck disable=SC2086 # PROBE holds several options on purpose
  if [ "$(id -u)" = 0 ] && [ "$(uname -s)" = Darwin ]; then
    launchctl asuser "$(id -u "$user")" sudo -H -u "$user" $CA_BRIDGE status --json $PROBE >/dev/null 2>&1
  else
    $CA_BRIDGE status --json $PROBE >/dev/null 2>&1
  fi
}

user=$(id -un)
if [ "$(id -u)" = 0 ] && [ "$(uname -s)" = Darwin ]; then
  user=$(stat -f %Su /dev/console)
  case "$user" in '' | root | loginwindow | _mbsetupuser) report no-user ;; esac
fi
command -v "${CA_BRIDGE%% *}" >/dev/null 2>&1 || report not-installed

run_status
code=$?
case "$code" in
  0) report healthy ;;
  10) report ca-changed ;;
  11) report ca-expiring ;;
  12) report verification-off ;;
  13) report broken ;;
  14) report not-configured ;;
  *) report "unknown-$code" ;;
esac
