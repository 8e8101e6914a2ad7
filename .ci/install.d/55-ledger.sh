# The ledger's NSS row (apply --tool nssdb) adds the CA to a user NSS database with certutil; its tests
# prove it with Debian's Chromium (installed by .ci/run for the browser tests).
if [ "${PHASE:-}" = debian ]; then
  need_deb certutil libnss3-tools
  # apply --tool firefox is proven with Firefox itself (headless, test/ledger/nssdb-chromium.test.ts). Measured
  # here: 80.7 MB in two packages (firefox-esr, libvpx7; Chromium brings the rest), ~1-4 s download, ~10 s install.
  need_deb /usr/bin/firefox-esr firefox-esr
fi
# Yarn 1 (classic) for the ledger's `yarn` row, proven with the real tool (test/ledger/real-tools-apply.test.ts):
# pinned, the registry's sha512 integrity checked before unpacking.
if [ "${PHASE:-}" = registry ]; then
  pinned_npm_tarball yarn 1.22.22 'sha512-prL3kGtyG7o9Z9Sv8IPfBNrWTDmXB4Qbes8A9rEzt6wkJV8mUvoirjU0Mp3GGAU06Y0XQyA3/2/RQFVuK7MTfg==' .tools/ledger/yarn-1.22.22
fi
