import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import { startOrigin, type Origin } from '../lab/origin.js';
import { issue, type Issued } from '../lab/pki.js';
import { cli } from '../helpers/cli.js';

const DAY = 86_400_000;
let lab: Lab;
let store: string;
let gts: { root: Issued; intermediate: Issued };
const origins: Origin[] = [];
const mappings: string[] = [];

/** Starts an origin for `host` serving `chain` (leaf first) and maps host:443 to it. */
async function serve(host: string, chain: Issued[], extra: Partial<Parameters<typeof startOrigin>[0]> = {}) {
  const origin = await startOrigin({ host, certChainPem: chain.map((c) => c.pem).join(''), keyPem: chain[0]!.keyPem, ...extra });
  origins.push(origin);
  mappings.push('--connect-to', `${host}:443:127.0.0.1:${origin.port}`);
}

const leafOf = (hosts: string[], extra: Partial<Parameters<typeof issue>[0]> = {}) =>
  issue({ subject: `CN=${hosts[0]}`, hosts, issuer: gts.intermediate, ...extra });

before(async () => {
  lab = await startLab({ sites: [] });
  gts = lab.families.gts!;
  store = await lab.writePem(
    'store.pem',
    Object.values(lab.families).map((f) => f.root.pem),
  );
  const mid = gts.intermediate;
  await serve('good.example', [await leafOf(['good.example']), mid]);
  await serve('expired.example', [
    await leafOf(['expired.example'], { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 10 * DAY) }),
    mid,
  ]);
  await serve('future.example', [
    await leafOf(['future.example'], { notBefore: new Date(Date.now() + 10 * DAY), notAfter: new Date(Date.now() + 400 * DAY) }),
    mid,
  ]);
  await serve('soon.example', [await leafOf(['soon.example'], { notAfter: new Date(Date.now() + 5 * DAY) }), mid]);
  await serve('wrongname.example', [await leafOf(['other.example', 'www.other.example']), mid]);
  await serve('a.b.wild.example', [await leafOf(['*.wild.example']), mid]);
  await serve('x.wild.example', [await leafOf(['*.wild.example']), mid]);
  await serve('wild.example', [await leafOf(['*.wild.example']), mid]);
  await serve('nochain.example', [await leafOf(['nochain.example'], { caIssuersUrl: 'http://pki.example/wr2.crt' })]);
  await serve('selfsigned.example', [await issue({ subject: 'CN=selfsigned.example', hosts: ['selfsigned.example'] })]);
  const privateRoot = await issue({ subject: 'CN=Private Root, O=Someone', ca: true });
  await serve('privateroot.example', [
    await issue({ subject: 'CN=privateroot.example', hosts: ['privateroot.example'], issuer: privateRoot }),
    privateRoot,
  ]);
  const sha1Root = await issue({ subject: 'CN=Legacy Root', alg: 'rsa', ca: true, hash: 'SHA-1' });
  const sha1Leaf = await issue({ subject: 'CN=sha1.example', hosts: ['sha1.example'], issuer: sha1Root, hash: 'SHA-1' });
  await serve('sha1.example', [sha1Leaf, sha1Root], { allowWeak: true });
  await serve('weakkey.example', [await leafOf(['weakkey.example'], { alg: 'rsa', rsaBits: 1024 }), mid], { allowWeak: true });
  const defaultLeaf = await leafOf(['default.example']);
  const sniLeaf = await leafOf(['sni.example']);
  await serve('sni.example', [defaultLeaf, mid], {
    sniContexts: {
      'sni.example': { certChainPem: sniLeaf.pem + mid.pem, keyPem: sniLeaf.keyPem },
      '': { certChainPem: defaultLeaf.pem + mid.pem, keyPem: defaultLeaf.keyPem },
    },
  });
  await serve('skewed.example', [await leafOf(['skewed.example']), mid], { dateHeader: () => new Date(Date.now() - 3 * 3_600_000) });
  const clientCa = await issue({ subject: 'CN=Client CA', ca: true });
  await serve('mtls.example', [await leafOf(['mtls.example']), mid], { requestClientCert: true, clientCaPem: clientCa.pem });
  const client = await issue({ subject: 'CN=alice', issuer: clientCa });
  await lab.writePem('client.pem', [client.pem]);
  await lab.writePem('client-key.pem', [client.keyPem]);
  const stranger = await issue({ subject: 'CN=mallory' });
  await lab.writePem('stranger.pem', [stranger.pem]);
  await lab.writePem('stranger-key.pem', [stranger.keyPem]);
});
after(async () => {
  await Promise.all(origins.map((o) => o.close()));
  await lab.close();
});

async function check(host: string, ...extra: string[]) {
  const run = await cli([
    'check',
    host,
    '--json',
    ...mappings,
    '--proxy',
    'direct',
    '--public-roots',
    lab.publicRootsFile,
    '--trust-store',
    store,
    // Generous: the lab answers in milliseconds, but a loaded 2-core machine can stall for seconds.
    '--timeout',
    '30000',
    ...extra,
  ]);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  return run.json();
}
const codes = (result: any) => result.findings.map((f: any) => f.code).sort();
const finding = (result: any, code: string) => result.findings.find((f: any) => f.code === code);

describe('ca-bridge check on lab origins', () => {
  it('a good site: ok, trusted, full chain shown', async () => {
    const r = await check('good.example');
    assert.deepEqual(codes(r), ['ok']);
    assert.deepEqual(r.trust, { publicRoots: true, trustStore: true, ca: null });
    assert.equal(r.chain.length, 2);
    assert.equal(r.sni, 'good.example');
    for (const key of ['subject', 'issuer', 'subjectAltNames', 'notBefore', 'notAfter', 'keyType', 'signatureAlgorithm', 'fingerprint256'])
      assert.ok(key in r.chain[0], key);
  });
  it('expired, not yet valid, expiring soon — attached to the certificate concerned', async () => {
    assert.deepEqual(codes(await check('expired.example')), ['expired']);
    assert.equal(finding(await check('expired.example'), 'expired').certIndex, 0);
    assert.deepEqual(codes(await check('future.example')), ['not-yet-valid']);
    const soon = await check('soon.example');
    assert.deepEqual(codes(soon), ['expiring-soon']);
    assert.equal(finding(soon, 'expiring-soon').severity, 'warning');
  });
  it('hostname mismatch lists the names covered', async () => {
    const r = await check('wrongname.example');
    assert.deepEqual(codes(r), ['hostname-mismatch']);
    assert.match(finding(r, 'hostname-mismatch').message, /other\.example, www\.other\.example/);
  });
  it('wildcards cover exactly one label', async () => {
    assert.deepEqual(codes(await check('x.wild.example')), ['ok']);
    assert.deepEqual(codes(await check('a.b.wild.example')), ['hostname-mismatch']);
    assert.deepEqual(codes(await check('wild.example')), ['hostname-mismatch']);
  });
  it('a missing intermediate is named, with the AIA URL that could supply it', async () => {
    const r = await check('nochain.example');
    assert.deepEqual(codes(r), ['incomplete-chain']);
    assert.match(finding(r, 'incomplete-chain').message, /WR2 \(lab\).*http:\/\/pki\.example\/wr2\.crt/);
  });
  it('self-signed and untrusted root', async () => {
    assert.deepEqual(codes(await check('selfsigned.example')), ['self-signed']);
    const r = await check('privateroot.example');
    assert.deepEqual(codes(r), ['untrusted-root']);
    assert.equal(finding(r, 'untrusted-root').certIndex, 1);
  });
  it('SHA-1 signatures and short RSA keys', async () => {
    assert.ok(codes(await check('sha1.example')).includes('weak-signature'));
    assert.ok(codes(await check('weakkey.example')).includes('weak-key'));
  });
  it('an SNI-dependent certificate shows both subjects; --no-sni and --sni change what is seen', async () => {
    const r = await check('sni.example');
    assert.ok(codes(r).includes('sni-dependent'));
    assert.match(finding(r, 'sni-dependent').message, /default\.example.*sni\.example|sni\.example.*default\.example/);
    const noSni = await check('sni.example', '--no-sni');
    assert.equal(noSni.sni, null);
    assert.match(noSni.chain[0].subject, /default\.example/);
    assert.equal(finding(noSni, 'sni-dependent').severity, 'warning');
  });
  it("clock skew against the server's HTTP Date", async () => {
    const r = await check('skewed.example');
    assert.deepEqual(codes(r), ['clock-skew']);
    assert.match(finding(r, 'clock-skew').message, /180 minutes ahead/);
  });
  it("client certificate required; with one the handshake succeeds; a stranger's is rejected", async () => {
    assert.ok(codes(await check('mtls.example')).includes('client-cert-required'));
    const withCert = await check('mtls.example', '--client-cert', `${lab.dir}/client.pem`, '--client-key', `${lab.dir}/client-key.pem`);
    assert.equal(finding(withCert, 'client-cert-required').severity, 'info');
    const stranger = await check('mtls.example', '--client-cert', `${lab.dir}/stranger.pem`, '--client-key', `${lab.dir}/stranger-key.pem`);
    assert.equal(finding(stranger, 'client-cert-required').severity, 'error');
  });
  it('--ca verifies separately: with the right bundle yes, with a foreign one no', async () => {
    const right = await check('good.example', '--ca', lab.publicRootsFile);
    assert.equal(right.trust.ca, true);
    const wrong = await check('good.example', '--ca', `${lab.dir}/stranger.pem`);
    assert.equal(wrong.trust.ca, false);
    assert.equal(finding(wrong, 'ca-file').severity, 'error');
  });
  it('inspection through a proxy is named, with the CA from the trust store', async () => {
    const proxy = await lab.startProxy({ caSubject: 'CN=Zscaler Root CA, O=Zscaler Inc.', shape: 'leaf' });
    lab.upstream.set('good.example:443', { host: '127.0.0.1', port: origins[0]!.port });
    const inspectedStore = await lab.writePem('inspected-store.pem', [proxy.root.pem]);
    const run = await cli([
      'check',
      'good.example',
      '--json',
      '--proxy',
      proxy.url,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      inspectedStore,
    ]);
    const r = run.json();
    assert.ok(codes(r).includes('inspected'), JSON.stringify(r.findings));
    assert.match(finding(r, 'inspected').message, /Zscaler.*Zscaler Root CA/);
    assert.deepEqual(r.trust, { publicRoots: false, trustStore: true, ca: null });
  });
  it('human output and failures', async () => {
    const text = await cli([
      'check',
      'expired.example',
      ...mappings,
      '--proxy',
      'direct',
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      store,
    ]);
    assert.equal(text.code, 0, 'a reached endpoint exits 0 whatever its findings');
    assert.match(text.stdout, /ERROR   Expired \(expired\) \[0\]: the server certificate "CN=expired.example" expired on/);
    const dead = await cli(['check', 'localhost:1', '--proxy', 'direct', '--public-roots', lab.publicRootsFile, '--trust-store', store]);
    assert.equal(dead.code, 1);
    assert.match(dead.stderr, /refused/);
    // Bad usage: exit 2, the message names the culprit, nothing on stdout, nothing probed.
    const usage = async (args: string[], message: RegExp) => {
      const run = await cli(['check', ...args]);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    };
    await usage([], /give the HOST/);
    await usage(['a.example', '--sni', 'x.example', '--no-sni'], /exclude each other/);
    await usage(
      ['a.example', '--client-cert', 'x.pem'],
      /client certificate and its key go together \(--client-cert FILE --client-key FILE\)/,
    );
    await usage(
      ['a.example', '--client-key', 'x.pem'],
      /client certificate and its key go together \(--client-cert FILE --client-key FILE\)/,
    );
    await usage(['a.example', '--sni', 'bad name!'], /--sni "bad name!" is not a host name/);
    await usage(['bad host!'], /HOST.*not a valid host name|not host\[:port\]/);
    await usage(['a.example', '--timeout', '50'], /--timeout must be between 100 and 600000/);
  });
});
