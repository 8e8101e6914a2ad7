/**
 * Probing through SOCKS (4, 4a, 5, 5h, RFC 1929 username/password) and HTTPS (TLS to the proxy)
 * proxies, on loopback: a lab SOCKS server and a TLS front in front of the lab's inspecting proxy.
 * Verdicts through each kind, from --proxy, a PAC file and ALL_PROXY; where names are resolved; wrong
 * passwords never printed; proxies that hang, answer garbage or flood end in bounded errors; an HTTPS
 * proxy whose certificate is not trusted is an error, never a silent fall-back.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { assertNoSecret as assertNoForms, secretForms } from '../helpers/credential-grep.js';

const assertNoSecret = (where: string, text: string, user: string, password: string) =>
  assertNoForms(where, text, secretForms(user, password));
import { startLab, type Lab } from '../lab/lab.js';
import { startPacServer, type PacServer } from '../lab/pac.js';
import type { LabProxy } from '../lab/proxy.js';
import { LOOPBACK } from '../lab/servers.js';
import { startSocksServer, type LabSocks } from '../lab/socks.js';
import { startTlsProxy, type LabTlsProxy } from '../lab/tls-proxy.js';

const USER = 'ops@corp:x/y';
const PASSWORD = 'sécret/p@ss:%41#パス';
const PROXY_NAME = 'proxy.lab.test';

let lab: Lab;
let inspecting: LabProxy;
let socks: LabSocks;
let socksAuth: LabSocks;
let tlsProxy: LabTlsProxy;
let pac: PacServer;
/** The lab's public roots and the inspection root: what a company laptop's OS store holds. */
let store: string;
/** The same, plus the CA of the HTTPS proxy's own certificate. */
let storeWithProxyCa: string;
let hosts: string[];

before(async () => {
  lab = await startLab();
  inspecting = await lab.startProxy({});
  const transparent = { host: LOOPBACK, port: inspecting.transparentPort };
  socks = await startSocksServer({ forwardTo: transparent });
  socksAuth = await startSocksServer({ forwardTo: transparent, auth: { user: USER, password: PASSWORD } });
  tlsProxy = await startTlsProxy({ name: PROXY_NAME, relayTo: { host: LOOPBACK, port: inspecting.port } });
  const roots = [...Object.values(lab.families).map((f) => f.root.pem), inspecting.root.pem];
  store = await lab.writePem('socks-store.pem', roots);
  storeWithProxyCa = await lab.writePem('socks-store-proxy-ca.pem', [...roots, tlsProxy.ca.pem]);
  hosts = lab.hosts.slice(0, 3);
  pac = await startPacServer({
    '/socks5.pac': `function FindProxyForURL(url, host) { return "SOCKS5 127.0.0.1:${socks.port}; DIRECT"; }`,
    '/socks.pac': `function FindProxyForURL(url, host) { return "SOCKS 127.0.0.1:${socks.port}"; }`,
    '/https.pac': `function FindProxyForURL(url, host) { return "HTTPS ${PROXY_NAME}:${tlsProxy.port}; DIRECT"; }`,
  });
});

after(async () => {
  await pac.close();
  await Promise.all([socks.close(), socksAuth.close(), tlsProxy.close()]);
  await inspecting.close();
  await lab.close();
});

/** --connect-to for the HTTPS proxy's name (the proxy's certificate is issued for it, not for 127.0.0.1). */
const proxyNameArgs = () => ['--connect-to', `${PROXY_NAME}:${tlsProxy.port}:${LOOPBACK}:${tlsProxy.port}`];

async function detect(extra: string[], options: { env?: NodeJS.ProcessEnv; trustStore?: string; timeout?: string; text?: boolean } = {}) {
  const run = await cli(
    [
      'detect',
      ...(options.text ? [] : ['--json']),
      '--targets',
      hosts.join(','),
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      options.trustStore ?? store,
      '--timeout',
      options.timeout ?? '20000',
      ...extra,
    ],
    options.env ?? {},
  );
  assert.equal(run.code, 0, run.stderr);
  // Every later loop over the sites must have sites to loop over.
  if (!options.text) assert.equal(run.json().targets.length, hosts.length);
  return run;
}

const errorsOf = (report: any) => JSON.stringify(report.targets.map((t: any) => t.error));

describe('SOCKS proxies', () => {
  it('socks5h:// (the proxy resolves names): inspected, and the proxy was asked for the names', async () => {
    const before = socks.requests.length;
    const report = (await detect(['--proxy', `socks5h://127.0.0.1:${socks.port}`])).json();
    assert.equal(report.verdict, 'inspected', errorsOf(report));
    assert.equal(report.inspectionCa.fingerprint256, new X509Certificate(inspecting.root.pem).fingerprint256);
    const asked = socks.requests.slice(before);
    assert.deepEqual(asked.map((r) => r.host).sort(), [...hosts].sort());
    assert.ok(asked.every((r) => r.version === 5 && r.addressType === 'name' && r.port === 443));
    assert.ok(report.targets.every((t: any) => t.via === 'proxy' && t.connectedTo.includes('socks5h proxy')));
  });

  it('socks5:// and socks4:// resolve here (through --connect-to), socks4a:// lets the proxy resolve', async () => {
    for (const [scheme, version, addressType] of [
      ['socks5', 5, 'ipv4'],
      ['socks4', 4, 'ipv4'],
      ['socks4a', 4, 'name'],
    ] as const) {
      const before = socks.requests.length;
      const report = (await detect(['--proxy', `${scheme}://127.0.0.1:${socks.port}`, ...lab.connectToArgs])).json();
      assert.equal(report.verdict, 'inspected', `${scheme}: ${errorsOf(report)}`);
      const asked = socks.requests.slice(before);
      assert.equal(asked.length, hosts.length, scheme);
      for (const r of asked) {
        assert.equal(r.version, version, scheme);
        assert.equal(r.addressType, addressType, `${scheme} sent ${r.host}`);
        // Locally resolved names follow --connect-to like a hosts-file entry: the lab origin's address and port.
        if (addressType === 'ipv4') assert.equal(r.host, LOOPBACK);
        else assert.ok(hosts.includes(r.host));
      }
    }
  });

  it('a PAC file saying SOCKS5 (proxy-side names, as in Chromium) and SOCKS (SOCKS 4, names resolved here)', async () => {
    const before = socks.requests.length;
    const run = await detect(['--proxy', `pac+${pac.url('/socks5.pac')}`]);
    const report = run.json();
    assert.equal(report.verdict, 'inspected', errorsOf(report));
    assert.ok(report.targets.every((t: any) => t.proxyRoute === `SOCKS5 127.0.0.1:${socks.port}; DIRECT`));
    assert.equal(socks.requests.length - before, hosts.length);
    assert.ok(socks.requests.slice(before).every((r) => r.version === 5 && r.addressType === 'name'));

    const before4 = socks.requests.length;
    const v4 = (await detect(['--proxy', `pac+${pac.url('/socks.pac')}`, ...lab.connectToArgs])).json();
    assert.equal(v4.verdict, 'inspected', errorsOf(v4));
    assert.equal(socks.requests.length - before4, hosts.length);
    assert.ok(socks.requests.slice(before4).every((r) => r.version === 4 && r.addressType === 'ipv4'));
  });

  it('ALL_PROXY=socks5h://… in the environment, as curl reads it', async () => {
    const before = socks.requests.length;
    const run = await detect([], { env: { ALL_PROXY: `socks5h://127.0.0.1:${socks.port}` }, text: true });
    assert.match(run.stdout, /from .*ALL_PROXY/);
    assert.equal(socks.requests.length - before, hosts.length);
    const json = (await detect([], { env: { ALL_PROXY: `socks5h://127.0.0.1:${socks.port}` } })).json();
    assert.equal(json.verdict, 'inspected', errorsOf(json));
    assert.equal(json.proxySource.kind, 'environment');
  });

  it('SOCKS 5 username/password: the right one gets through, a wrong or missing one is a clear error, never printed', async () => {
    const url = (password: string) => `socks5h://${encodeURIComponent(USER)}:${encodeURIComponent(password)}@127.0.0.1:${socksAuth.port}`;
    const good = (await detect(['--proxy', url(PASSWORD)])).json();
    assert.equal(good.verdict, 'inspected', errorsOf(good));
    assert.ok(socksAuth.usersOffered.includes(USER));

    // --proxy-user with the password from the variable works the same way.
    const viaUser = await detect(['--proxy', `socks5h://127.0.0.1:${socksAuth.port}`, '--proxy-user', USER], {
      env: { CA_BRIDGE_PROXY_PASSWORD: PASSWORD },
    });
    assert.equal(viaUser.json().verdict, 'inspected', errorsOf(viaUser.json()));

    const WRONG = `${PASSWORD}-wrong`;
    for (const text of [false, true]) {
      const run = await detect(['--proxy', url(WRONG), '--verbose'], { text });
      for (const [where, output] of [
        ['stdout', run.stdout],
        ['stderr', run.stderr],
      ] as const) {
        assertNoSecret(`wrong password, ${text ? 'text' : 'json'} ${where}`, output, USER, WRONG);
        assertNoSecret(`wrong password, ${text ? 'text' : 'json'} ${where}`, output, USER, PASSWORD);
      }
      if (!text) {
        const report = run.json();
        for (const t of report.targets) {
          assert.equal(t.error.code, 'proxy-auth-required');
          assert.match(t.error.message, /rejected the SOCKS 5 user name and password \(RFC 1929\)/);
          assert.equal(t.error.proxyAuth.problem, 'rejected');
        }
      } else assert.match(run.stdout, /rejected the SOCKS 5 user name and password/);
    }

    const none = (await detect(['--proxy', `socks5h://127.0.0.1:${socksAuth.port}`])).json();
    for (const t of none.targets) {
      assert.equal(t.error.code, 'proxy-auth-required');
      assert.equal(t.error.proxyAuth.problem, 'no-credentials');
      assert.match(t.error.message, /wants SOCKS 5 authentication/);
    }
  });

  it('a SOCKS proxy that never answers, answers like an HTTP server, or floods: bounded errors', async () => {
    const transparent = { host: LOOPBACK, port: inspecting.transparentPort };
    for (const mode of ['hang', 'garbage', 'flood'] as const) {
      const bad = await startSocksServer({ forwardTo: transparent, mode });
      try {
        const report = (await detect(['--proxy', `socks5h://127.0.0.1:${bad.port}`], { timeout: '3000' })).json();
        assert.equal(report.verdict, 'inconclusive', mode);
        for (const t of report.targets) {
          if (mode === 'hang') {
            assert.equal(t.error.code, 'timeout', JSON.stringify(t.error));
            assert.match(t.error.message, /SOCKS proxy socks5h:\/\/127\.0\.0\.1:\d+/);
          } else {
            assert.equal(t.error.code, 'proxy-error', `${mode}: ${JSON.stringify(t.error)}`);
            assert.match(t.error.message, mode === 'flood' ? /sent too much for a SOCKS reply/ : /did not answer as a SOCKS 5 proxy/);
          }
        }
      } finally {
        await bad.close();
      }
    }
  });

  it("check works through SOCKS: the chain it shows is the inspection CA's", async () => {
    const run = await cli([
      'check',
      hosts[0]!,
      '--json',
      '--proxy',
      `socks5h://127.0.0.1:${socks.port}`,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      store,
      '--timeout',
      '20000',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const result = run.json();
    assert.equal(result.error, null, JSON.stringify(result.error));
    assert.equal(result.proxy, `socks5h://127.0.0.1:${socks.port}`);
    // Re-signed: trusted through the OS store (the inspection root), not through the public roots.
    assert.deepEqual(
      { publicRoots: result.trust.publicRoots, trustStore: result.trust.trustStore },
      { publicRoots: false, trustStore: true },
    );
  });
});

describe('HTTPS proxies (TLS to the proxy)', () => {
  it('a trusted HTTPS proxy: inspected, and the CONNECT went inside TLS', async () => {
    const before = tlsProxy.handshakes;
    const report = (
      await detect(['--proxy', `https://${PROXY_NAME}:${tlsProxy.port}`, ...proxyNameArgs()], { trustStore: storeWithProxyCa })
    ).json();
    assert.equal(report.verdict, 'inspected', errorsOf(report));
    assert.ok(tlsProxy.handshakes - before >= hosts.length);
    assert.ok(report.targets.every((t: any) => t.connectedTo.includes('HTTPS proxy')));
  });

  it('through a PAC file saying HTTPS, with Basic authentication to the proxy inside the TLS', async () => {
    const authProxy = await lab.startProxy({
      auth: { user: USER, password: PASSWORD },
      ca: { root: inspecting.root, intermediate: inspecting.intermediate ?? undefined },
    });
    const front = await startTlsProxy({ name: PROXY_NAME, relayTo: { host: LOOPBACK, port: authProxy.port } });
    const trust = await lab.writePem('socks-store-auth.pem', [
      ...Object.values(lab.families).map((f) => f.root.pem),
      inspecting.root.pem,
      front.ca.pem,
    ]);
    const pacs = await startPacServer({
      '/auth.pac': `function FindProxyForURL(url, host) { return "HTTPS ${PROXY_NAME}:${front.port}"; }`,
    });
    try {
      const run = await detect(
        [
          '--proxy',
          `pac+${pacs.url('/auth.pac')}`,
          '--proxy-user',
          USER,
          '--connect-to',
          `${PROXY_NAME}:${front.port}:${LOOPBACK}:${front.port}`,
        ],
        { trustStore: trust, env: { CA_BRIDGE_PROXY_PASSWORD: PASSWORD } },
      );
      const report = run.json();
      assert.equal(report.verdict, 'inspected', errorsOf(report));
      assert.ok(
        authProxy.seenAuthorizations.some((a) => a.startsWith('Basic ')),
        'the credentials went to the proxy, inside TLS',
      );
      assertNoSecret('detect through an HTTPS proxy', run.stdout + run.stderr, USER, PASSWORD);
    } finally {
      await pacs.close();
      await front.close();
      await authProxy.close();
    }
  });

  it('an HTTPS proxy whose certificate is not trusted: a clear error, and no silent DIRECT from the PAC list', async () => {
    const report = (await detect(['--proxy', `pac+${pac.url('/https.pac')}`, ...proxyNameArgs(), ...lab.connectToArgs])).json();
    assert.equal(report.verdict, 'inconclusive', errorsOf(report));
    for (const t of report.targets) {
      assert.equal(t.error.code, 'proxy-error');
      assert.match(
        t.error.message,
        new RegExp(
          `HTTPS proxy https://${PROXY_NAME.replace(/\./g, '\\.')}:\\d+ could not be verified: its certificate is not issued by a CA this computer trusts`,
        ),
      );
      assert.equal(t.chain.length, 0, 'nothing was probed around the proxy');
    }
  });

  it('the certificate must name the proxy: the right CA under another name is refused', async () => {
    const report = (await detect(['--proxy', `https://127.0.0.1:${tlsProxy.port}`], { trustStore: storeWithProxyCa })).json();
    for (const t of report.targets) {
      assert.equal(t.error.code, 'proxy-error');
      assert.match(t.error.message, /could not be verified: its certificate is not valid for the name 127\.0\.0\.1/);
    }
  });

  it('https:// naming a plain HTTP proxy, or a proxy that never finishes TLS: bounded, clear errors', async () => {
    // A server that answers HTTP at once (the lab's "garbage" SOCKS mode sends a 400), as a plain proxy does to a ClientHello.
    const httpSpeaker = await startSocksServer({ forwardTo: { host: LOOPBACK, port: inspecting.port }, mode: 'garbage' });
    try {
      const plain = (await detect(['--proxy', `https://127.0.0.1:${httpSpeaker.port}`])).json();
      for (const t of plain.targets) {
        assert.equal(t.error.code, 'proxy-error', JSON.stringify(t.error));
        assert.match(t.error.message, /the TLS handshake with HTTPS proxy https:\/\/127\.0\.0\.1:\d+ failed .*write http:\/\//);
      }
    } finally {
      await httpSpeaker.close();
    }
    const hanging = await lab.startProxy({ mode: 'hang' });
    try {
      const report = (await detect(['--proxy', `https://127.0.0.1:${hanging.port}`], { timeout: '3000' })).json();
      for (const t of report.targets) {
        assert.equal(t.error.code, 'timeout');
        assert.match(t.error.message, /during the TLS handshake with HTTPS proxy https:\/\/127\.0\.0\.1:\d+/);
      }
    } finally {
      await hanging.close();
    }
  });

  it('check through an HTTPS proxy trusts the OS store plus its --ca', async () => {
    const args = (extra: string[]) => [
      'check',
      hosts[0]!,
      '--json',
      '--proxy',
      `https://${PROXY_NAME}:${tlsProxy.port}`,
      ...proxyNameArgs(),
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      store,
      '--timeout',
      '20000',
      ...extra,
    ];
    const without = await cli(args([]));
    assert.equal(without.json().error.code, 'proxy-error');
    const caFile = await lab.writePem('proxy-service-ca.pem', [tlsProxy.ca.pem]);
    const run = await cli(args(['--ca', caFile]));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json().error, null, JSON.stringify(run.json().error));
    assert.equal(run.json().proxy, `https://${PROXY_NAME}:${tlsProxy.port}`);
  });
});
