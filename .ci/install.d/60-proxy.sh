# Proxy lane (test/proxy, test/hostile/proxy-credentials): an authenticating squid (NTLM, Negotiate,
# Digest helpers ship with it), a private Kerberos realm (KDC, kadmin.local, kinit), the headers the
# optional `kerberos` module builds against, and GNOME's proxy settings for system-proxy tests.
if [ "$PHASE" = debian ]; then
  need_deb /usr/sbin/squid squid-openssl
  need_deb /usr/sbin/krb5kdc krb5-kdc
  need_deb /usr/sbin/kadmin.local krb5-admin-server
  need_deb kinit krb5-user
  need_deb /usr/include/gssapi/gssapi.h libkrb5-dev
  need_deb gsettings libglib2.0-bin
  need_deb /usr/share/glib-2.0/schemas/org.gnome.system.proxy.gschema.xml gsettings-desktop-schemas
  # node-gyp builds `kerberos` during npm ci; point it at the installed Node headers, since it
  # cannot download them here.
  if [ -e /usr/include/node/node_api.h ]; then export npm_config_nodedir=/usr; fi
fi
if [ "$PHASE" = registry ]; then
  # An optional dependency whose build failed is skipped by npm ci: say so, and try once more.
  if ! node -e "require('kerberos')" 2>/dev/null; then
    echo "proxy lane: the kerberos module did not build; rebuilding it (Negotiate tests skip without it)"
    npm_config_nodedir=/usr npm install --no-save --no-audit --no-fund kerberos || true
  fi
fi
