/**
 * What a hostile network may make CA Bridge print. A proxy whose status line and Proxy-Authenticate
 * header carry terminal escapes, and a site whose certificate names do, must never get a raw ESC, CSI,
 * BEL or bidi override onto the terminal, into --json, or into the results every front door shows.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { escapeNetworkText, escapeTerminalText } from '../../shared/network-text.js';
import { createService } from '../../electron/core/service/service.js';
import { cli } from '../helpers/cli.js';
import { issue } from '../lab/pki.js';
import { startOrigin, type Origin } from '../lab/origin.js';
import { closeServer, listen, SocketTracker } from '../lab/servers.js';

/** Sets the window title, clears the screen, starts a C1 CSI colour sequence, then reverses the text. */
const EVIL = '\u001b]0;owned\u0007\u001b[2J\u009b32mall good\u202eAC';
const RAW = /[\u001b\u009b\u0007\u202e]/;

const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-escape-'));
let origin: Origin;
const proxies: { server: net.Server; sockets: SocketTracker; port: number }[] = [];
let authProxyPort = 0;
let errorProxyPort = 0;
let publicRoots = '';
let trustStore = '';

/** A proxy that answers every CONNECT with the given raw bytes, then hangs up. */
async function hostileProxy(reply: Buffer): Promise<number> {
  const sockets = new SocketTracker();
  const server = net.createServer((socket) => {
    sockets.track(socket);
    socket.once('data', () => socket.end(reply));
  });
  const port = await listen(server);
  proxies.push({ server, sockets, port });
  return port;
}

before(async () => {
  const root = await issue({ subject: `CN=Root ${EVIL}, O=Evil ${EVIL}`, ca: true });
  const leaf = await issue({ subject: `CN=leaf ${EVIL}`, issuer: root, hosts: ['evil.test', 'evil2.test'] });
  const unrelated = await issue({ subject: 'CN=Some Public Root', ca: true });
  publicRoots = path.join(dir, 'public.pem');
  trustStore = path.join(dir, 'store.pem');
  writeFileSync(publicRoots, unrelated.pem);
  writeFileSync(trustStore, root.pem);
  origin = await startOrigin({ host: 'evil.test', certChainPem: leaf.pem + root.pem, keyPem: leaf.keyPem });
  // Status line and Proxy-Authenticate scheme chosen by the proxy; 0x9b is a raw C1 byte (latin1).
  authProxyPort = await hostileProxy(
    Buffer.from(`HTTP/1.1 407 ${EVIL}\r\nProxy-Authenticate: \u001b[2JNegotiate\u009b realm="x"\r\nContent-Length: 0\r\n\r\n`, 'latin1'),
  );
  errorProxyPort = await hostileProxy(Buffer.from(`HTTP/1.1 502 ${EVIL}\r\nContent-Length: 0\r\n\r\n`, 'latin1'));
});

after(async () => {
  await origin.close();
  for (const p of proxies) {
    p.sockets.destroyAll();
    await closeServer(p.server);
  }
});

const siteFlags = () => [
  '--targets',
  'evil.test,evil2.test',
  '--connect-to',
  `::127.0.0.1:${origin.port}`,
  '--public-roots',
  publicRoots,
  '--trust-store',
  trustStore,
  '--timeout',
  '8000',
];

function assertNoRawControls(label: string, text: string) {
  const found = RAW.exec(text);
  assert.equal(
    found,
    null,
    `${label}: raw U+${found?.[0].charCodeAt(0).toString(16)} at ${found?.index}: ${JSON.stringify(text.slice(0, 400))}`,
  );
}

/** Every string anywhere in a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('the escaping functions', () => {
  it('make every C0/C1 control and bidi override visible, idempotently', () => {
    const once = escapeNetworkText(`a\tb\nc\r${EVIL}\u2066x\u2069\u007f`);
    assertNoRawControls('one-line', once);
    assert.doesNotMatch(once, /[\t\n\r\u2066\u2069\u007f]/);
    assert.match(once, /\\u001b\]0;owned\\u0007/);
    assert.match(once, /\\u202e/);
    assert.equal(escapeNetworkText(once), once);
    assert.equal(escapeNetworkText('Zscaler Root CA, O=株式会社'), 'Zscaler Root CA, O=株式会社');
  });
  it('keep line structure in whole reports, but never a lone CR', () => {
    assert.equal(escapeTerminalText('a\tb\nc\r\nd'), 'a\tb\nc\r\nd');
    assert.equal(escapeTerminalText('fake\rall good'), 'fake\\u000dall good');
    assert.equal(escapeTerminalText(`x${EVIL}`), escapeNetworkText(`x${EVIL}`));
  });
  it('write escapes that JSON reads back as the same character', () => {
    assert.equal(JSON.parse(`"${escapeTerminalText('\u202e\u009b')}"`), '\u202e\u009b');
  });
});

describe('a hostile certificate: names with ESC]0;title BEL, ESC[2J, C1 CSI and U+202E', () => {
  it('detect (text and --json) prints none of them raw, yet shows the names', async () => {
    const text = await cli(['detect', ...siteFlags()]);
    assertNoRawControls('detect stdout', text.stdout);
    assertNoRawControls('detect stderr', text.stderr);
    // OpenSSL itself writes C0 controls in names as \1B; C1 controls and bidi overrides are ours to escape.
    assert.match(text.stdout, /Inspection CA: CN=Root \\1B\]0\\;owned\\07\\1B\[2J\\u009b32mall good\\u202eAC/);
    const json = await cli(['detect', ...siteFlags(), '--json']);
    assertNoRawControls('detect --json', json.stdout + json.stderr);
    const parsed = json.json();
    assert.equal(parsed.verdict, 'inspected');
    assert.match(parsed.targets[0].chain[0].subject, /^CN=leaf .*\\u009b32mall good\\u202eAC$/);
  });
  it('check (text and --json) prints none of them raw', async () => {
    for (const extra of [[], ['--json']]) {
      const run = await cli([
        'check',
        'evil.test',
        '--connect-to',
        `::127.0.0.1:${origin.port}`,
        '--public-roots',
        publicRoots,
        '--trust-store',
        trustStore,
        ...extra,
      ]);
      assertNoRawControls(`check ${extra.join(' ')}`, run.stdout + run.stderr);
      assert.match(run.stdout, /\\u202eAC/);
    }
  });
  it('the engine result itself holds no raw control (the desktop app and browser mode show it as is)', async () => {
    const service = createService({ env: {}, platform: 'linux', locale: 'en-US', emit: () => {}, nativeDialogs: false });
    const result = await service.call('detect', {
      targets: 'evil.test',
      connectTo: [`::127.0.0.1:${origin.port}`],
      publicRootsFile: publicRoots,
      trustStorePath: trustStore,
      timeoutMs: 8000,
    });
    assert.equal(result.ok, true);
    const all = strings(result);
    assert.ok(
      all.some((s) => s.includes('\\u202eAC')),
      'the names are still shown, escaped',
    );
    for (const s of all) assertNoRawControls('detect result', s);
  });
});

describe('a hostile proxy: status line and Proxy-Authenticate with terminal escapes', () => {
  it('a 407 and a 502 reply reach neither the terminal nor --json raw', async () => {
    for (const port of [authProxyPort, errorProxyPort]) {
      for (const extra of [[], ['--json']]) {
        const run = await cli([
          'detect',
          '--targets',
          'evil.test,evil2.test',
          '--proxy',
          `http://127.0.0.1:${port}`,
          '--timeout',
          '8000',
          ...extra,
        ]);
        assertNoRawControls(`detect via proxy ${port} ${extra.join(' ')}`, run.stdout + run.stderr);
      }
    }
  });
  it('the probe errors in the engine result are escaped, and still say what the proxy sent', async () => {
    const service = createService({ env: {}, platform: 'linux', locale: 'en-US', emit: () => {}, nativeDialogs: false });
    for (const port of [authProxyPort, errorProxyPort]) {
      const result = await service.call('detect', { targets: 'evil.test', proxy: `http://127.0.0.1:${port}`, timeoutMs: 8000 });
      assert.equal(result.ok, true);
      const all = strings(result);
      for (const s of all) assertNoRawControls(`detect via proxy ${port}`, s);
      if (port === errorProxyPort)
        assert.ok(
          // Shown escaped (\u001b) or replaced (U+FFFD) by the tunnel's header reader: never raw.
          all.some((s) => /\\u001b|\ufffd\]0;owned/.test(s)),
          `the proxy's status line is shown, escaped: ${JSON.stringify(all)}`,
        );
      // A challenge that is not a scheme token is not echoed at all: the error says no usable scheme was named.
      else assert.ok(all.includes('proxy-auth-required'), JSON.stringify(all));
    }
  });
});
