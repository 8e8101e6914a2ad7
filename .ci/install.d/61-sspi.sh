# Windows single sign-on lane (test/proxy/sspi-wine.test.ts): Wine's NTLM security package runs
# Samba's ntlm_auth, shipped by Debian's winbind (the winbind daemon itself is not needed or started).
# Wine, Windows Node (50-windows.sh), squid and the Kerberos realm (60-proxy.sh) come from the other steps.
if [ "$PHASE" = debian ]; then
  need_deb /usr/bin/ntlm_auth winbind
fi
