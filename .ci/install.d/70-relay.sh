# Relay lane (test/proxy/relay-*.test.ts): the two local relays the proxy advice recommends, run for real
# behind the lab's authenticating squid. Sourced twice by .ci/run.
if [ "$PHASE" = debian ]; then
  need_deb cntlm cntlm
fi
if [ "$PHASE" = registry ]; then
  # Debian's cntlm package installs a system service listening on 3128 with a sample configuration. The tests
  # start their own cntlm with their own file; a service left running would hold the port and is not wanted:
  # stop it and keep it from starting at boot (both are no-ops where no service manager runs it).
  if [ -x /etc/init.d/cntlm ] && [ -e /var/run/cntlm/cntlm.pid ]; then
    as_root /etc/init.d/cntlm stop || true
  fi
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    as_root systemctl disable --now cntlm.service >/dev/null 2>&1 || true
  fi
  # px (PyPI px-proxy), pinned: the advice's px.ini keys and command line are checked against this version.
  RELAY_TOOLS=.tools/relay
  if [ ! -e "$RELAY_TOOLS/venv/.done" ]; then
    mkdir -p "$RELAY_TOOLS"
    python3 -m venv "$RELAY_TOOLS/venv"
    "$RELAY_TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check 'px-proxy==0.13.0' && touch "$RELAY_TOOLS/venv/.done"
  fi
fi
