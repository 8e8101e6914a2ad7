# The ledger's NSS row (apply --tool nssdb) adds the CA to a user NSS database with certutil; its tests
# prove it with Debian's Chromium (installed by .ci/run for the browser tests).
if [ "${PHASE:-}" = debian ]; then
  need_deb certutil libnss3-tools
fi
