/**
 * Small programs run by the real runtimes on this machine. They use the runtime's default trust
 * (plus whatever the setting under test adds or replaces) with verification ON, through the same
 * proxy; connection details come in through CA_BRIDGE_* variables, never the command line.
 * They are stand-ins for the user's own programs, not the engine's connections: they keep each runtime's
 * defaults (Node's rejectUnauthorized follows NODE_TLS_REJECT_UNAUTHORIZED), so a user setting that
 * switches verification off shows in the negative control instead of being hidden by the probe.
 */

/** Node has no proxy support in https before v24, so the script speaks CONNECT itself. */
export const NODE_SCRIPT = String.raw`
const net = require('net'), tls = require('tls');
const url = new URL(process.argv[1]);
const host = url.hostname, port = Number(url.port || 443);
const proxy = process.env.CA_BRIDGE_PROXY ? new URL(process.env.CA_BRIDGE_PROXY) : null;
const dial = process.env.CA_BRIDGE_DIAL ? process.env.CA_BRIDGE_DIAL.split(/:(?=\d+$)/) : null;
const fail = (e) => { console.error((e.code ? e.code + ': ' : '') + e.message); process.exit(1); };
const secure = (socket) => {
  const s = tls.connect({ socket, host: dial ? undefined : host, servername: host }, () => {
    s.write('HEAD / HTTP/1.1\r\nHost: ' + host + '\r\nConnection: close\r\n\r\n');
  });
  s.once('data', (d) => { console.log(String(d).split('\r\n')[0]); process.exit(0); });
  s.on('error', fail);
};
if (proxy) {
  const c = net.connect(Number(proxy.port || 80), proxy.hostname, () => {
    const auth = proxy.username ? 'Proxy-Authorization: Basic ' + Buffer.from(decodeURIComponent(proxy.username) + ':' + decodeURIComponent(proxy.password)).toString('base64') + '\r\n' : '';
    c.write('CONNECT ' + host + ':' + port + ' HTTP/1.1\r\nHost: ' + host + ':' + port + '\r\n' + auth + '\r\n');
    c.once('data', (d) => { const status = String(d).split('\r\n')[0]; if (!/ 2\d\d /.test(status + ' ')) fail(new Error('proxy answered ' + status)); c.removeAllListeners('data'); secure(c); });
  });
  c.on('error', fail);
} else {
  const c = net.connect(dial ? Number(dial[1]) : port, dial ? dial[0] : host, () => secure(c));
  c.on('error', fail);
}
`;

/**
 * urllib reads https_proxy and, through OpenSSL's default paths, SSL_CERT_FILE. It prints the site's
 * status (an HTTPError is still the site's answer, over a verified connection); a failed CONNECT is
 * an OSError, never an HTTPError.
 */
export const PYTHON_URLLIB_SCRIPT = String.raw`
import sys, urllib.request
try:
    r = urllib.request.urlopen(urllib.request.Request(sys.argv[1], method='HEAD'), timeout=float(sys.argv[2]))
    print('HTTP', r.status)
except urllib.error.HTTPError as e:
    print('HTTP', e.code)
except Exception as e:
    print(getattr(e, 'reason', e), file=sys.stderr); sys.exit(1)
`;

/** requests reads https_proxy and REQUESTS_CA_BUNDLE. */
export const PYTHON_REQUESTS_SCRIPT = String.raw`
import sys, requests
try:
    print('HTTP', requests.head(sys.argv[1], timeout=float(sys.argv[2])).status_code)
except Exception as e:
    print(e, file=sys.stderr); sys.exit(1)
`;

/** Bun's fetch reads https_proxy and NODE_EXTRA_CA_CERTS; the status is the site's (a failed CONNECT rejects). */
export const BUN_SCRIPT = String.raw`
fetch(process.argv.at(-1), { method: 'HEAD', redirect: 'manual' })
  .then((r) => console.log('HTTP ' + r.status))
  .catch((e) => { console.error((e.code ? e.code + ': ' : '') + e.message); process.exit(1); });
`;

/** Deno's fetch reads HTTPS_PROXY and DENO_CERT. */
export const DENO_SCRIPT = String.raw`
try {
  const r = await fetch(Deno.args[0], { method: 'HEAD', redirect: 'manual' });
  console.log('HTTP ' + r.status);
} catch (e) {
  console.error(String(e.cause ?? e.message ?? e));
  Deno.exit(1);
}
`;

/**
 * Ruby's Net::HTTP looks only at http_proxy, so the proxy is given explicitly; OpenSSL's default paths
 * read SSL_CERT_FILE.
 */
export const RUBY_SCRIPT = String.raw`
require 'net/http'
u = URI(ARGV[0]); t = ARGV[1].to_f
p = ENV['CA_BRIDGE_PROXY'] ? URI(ENV['CA_BRIDGE_PROXY']) : nil
dec = ->(s) { s && URI.decode_www_form_component(s) }
h = Net::HTTP.new(u.host, u.port, p&.host, p&.port, dec.(p&.user), dec.(p&.password))
h.use_ssl = true; h.open_timeout = t; h.read_timeout = t
begin
  r = h.start { |x| x.head('/') }
  puts "HTTP #{r.code}"
rescue => e
  warn "#{e.class}: #{e.message}"; exit 1
end
`;

/**
 * PHP's https stream through a proxy: CONNECT with the Proxy-Authorization header (PHP moves it to the
 * CONNECT request), then the request inside; $http_response_header holds the site's status line.
 */
export const PHP_SCRIPT = String.raw`
$http = ['method' => 'HEAD', 'timeout' => (float) $argv[2], 'ignore_errors' => true, 'follow_location' => 0];
$p = getenv('CA_BRIDGE_PROXY');
if ($p) {
  $u = parse_url($p);
  $http['proxy'] = 'tcp://' . $u['host'] . ':' . ($u['port'] ?? 80);
  $http['request_fulluri'] = false;
  if (isset($u['user'])) $http['header'] = 'Proxy-Authorization: Basic ' . base64_encode(urldecode($u['user']) . ':' . urldecode($u['pass'] ?? ''));
}
// PHP reports a TLS failure as several warnings, the certificate one first: keep them all.
$said = [];
set_error_handler(function ($no, $msg) use (&$said) { $said[] = $msg; return true; });
$r = file_get_contents($argv[1], false, stream_context_create(['http' => $http]));
if ($r === false) { fwrite(STDERR, ($said ? implode("\n", $said) : 'request failed') . "\n"); exit(1); }
echo $http_response_header[0], "\n";
`;

/**
 * Java's HttpClient, run as a single source file (Java 11+). It takes the proxy from CA_BRIDGE_PROXY
 * (Java reads no proxy variable) and answers its Basic challenge, which the JDK allows for CONNECT only
 * with jdk.http.auth.tunneling.disabledSchemes emptied; the trust store comes from JAVA_TOOL_OPTIONS.
 * A response counts only with its TLS session.
 */
export const JAVA_SCRIPT = String.raw`
import java.net.*; import java.net.http.*; import java.time.Duration;
public class Probe {
  public static void main(String[] a) throws Exception {
    var b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(Long.parseLong(a[1])));
    String p = System.getenv("CA_BRIDGE_PROXY");
    if (p != null) {
      URI u = URI.create(p);
      b.proxy(ProxySelector.of(new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 80 : u.getPort())));
      if (u.getRawUserInfo() != null) {
        String[] c = u.getRawUserInfo().split(":", 2);
        String user = URLDecoder.decode(c[0], "UTF-8"), pass = c.length > 1 ? URLDecoder.decode(c[1], "UTF-8") : "";
        b.authenticator(new Authenticator() {
          protected PasswordAuthentication getPasswordAuthentication() {
            return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(user, pass.toCharArray()) : null;
          }
        });
      }
    }
    try {
      var r = b.build().send(HttpRequest.newBuilder(URI.create(a[0])).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(Long.parseLong(a[1]))).build(), HttpResponse.BodyHandlers.discarding());
      // HttpClient hands back a proxy's refused CONNECT (407…) as the response: only one that came
      // over a TLS session is the site's.
      if (r.sslSession().isEmpty()) { System.err.println("no TLS session: the proxy answered " + r.statusCode()); System.exit(1); }
      System.out.println("HTTP " + r.statusCode());
    } catch (Exception e) {
      Throwable t = e; String said = String.valueOf(e);
      while (t.getCause() != null) { t = t.getCause(); said += " | " + t; }
      System.err.println(said); System.exit(1);
    }
  }
}
`;
