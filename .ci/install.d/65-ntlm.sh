# NTLM lane (test/proxy/ntlm-verified.test.ts): a lab proxy that checks NTLMv2 responses against a
# password file, built on pyspnego's pure-Python NTLM acceptor (PyPI), in a venv of its own.
# Sourced twice by .ci/run; a re-run skips the venv when it is complete.
if [ "$PHASE" = debian ]; then
  need_deb python3 python3
  need_deb /usr/share/doc/python3-venv python3-venv
fi
if [ "$PHASE" = registry ]; then
  if [ ! -e .tools/ntlm/venv/.done ]; then
    rm -rf .tools/ntlm/venv
    python3 -m venv .tools/ntlm/venv &&
      .tools/ntlm/venv/bin/pip install --quiet --disable-pip-version-check 'pyspnego>=0.11,<1' &&
      touch .tools/ntlm/venv/.done
  fi
fi
