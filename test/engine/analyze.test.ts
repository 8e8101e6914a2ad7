import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { CertSummary, ProbeResult } from '../../shared/detection.js';
import { analyze } from '../../electron/core/analysis/verdict.js';
import { matchVendor } from '../../electron/core/analysis/vendors.js';
import { TrustSet } from '../../electron/core/trust/trust-set.js';
import { DEFAULT_TARGETS } from '../../shared/targets.js';

const hash = (text: string) => createHash('sha256').update(text).digest('hex').toUpperCase();

function cert(subject: string, issuer: string, spki = `key of ${subject}`): CertSummary {
  return {
    subject,
    issuer,
    subjectAltNames: [],
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2036-01-01T00:00:00.000Z',
    keyType: 'ec',
    keyBits: 256,
    curve: 'prime256v1',
    signatureAlgorithm: 'ecdsa-with-SHA256',
    fingerprint256: hash(subject + issuer),
    spki256: hash(spki),
    subjectKeyId: null,
    authorityKeyId: null,
    isCa: subject === issuer,
    selfIssued: subject === issuer,
    pem: '',
  };
}

type Kind = 'clean' | 'inspected' | 'error';
const PROXY_CA = 'CN=Corp Inspection Root, O=Example Corp';

function probe(host: string, kind: Kind, chain?: CertSummary[]): ProbeResult {
  const genuine = [cert(`CN=${host}`, 'CN=Public Issuing CA'), cert('CN=Public Issuing CA', 'CN=Public Root')];
  return {
    host,
    port: 443,
    connectedTo: `${host}:443`,
    via: 'direct',
    error: kind === 'error' ? { code: 'refused', message: `${host}: connection refused` } : null,
    chain: kind === 'error' ? [] : (chain ?? (kind === 'clean' ? genuine : [cert(`CN=${host}`, PROXY_CA)])),
    protocol: kind === 'error' ? null : 'TLSv1.3',
    cipher: null,
    hostnameMatches: kind === 'error' ? null : true,
    publicRoots:
      kind === 'error' ? null : { trusted: kind === 'clean', anchorFingerprint256: kind === 'clean' ? 'PUBLIC-ROOT' : null, reason: null },
    trustStore: kind === 'error' ? null : { trusted: false, anchorFingerprint256: null, reason: null },
    timings: { connectMs: 1, proxyMs: null, tlsMs: 1, totalMs: 2 },
  };
}

const run = (kinds: Kind[], proxy: string | null = null) =>
  analyze(
    kinds.map((k, i) => probe(`site${i}.example`, k)),
    new TrustSet('empty store'),
    proxy,
  );

describe('analyze(): the verdict table', () => {
  const table: [string, Kind[], string, RegExp][] = [
    ['every site re-signed', ['inspected', 'inspected', 'inspected'], 'inspected', /^TLS inspection detected: all 3 reachable/],
    ['some sites bypassed', ['inspected', 'clean', 'inspected'], 'partial', /^Partial TLS inspection: 2 sites were re-signed, 1 were not/],
    ['every site genuine', ['clean', 'clean', 'clean'], 'clean', /^No TLS inspection: all 3 reachable sites verify/],
    ['unreachable sites do not count against inspection', ['inspected', 'error', 'inspected'], 'inspected', /all 2 reachable/],
    ['one reachable site of three is too few', ['clean', 'error', 'error'], 'inconclusive', /^Inconclusive: only 1 of 3/],
    ['nothing reachable', ['error', 'error'], 'inconclusive', /only 0 of 2/],
    ['no targets at all', [], 'inconclusive', /only 0 of 0/],
    ['a single target that answers is enough', ['clean'], 'clean', /all 1 reachable/],
  ];
  for (const [what, kinds, verdict, summary] of table)
    it(`${what}: ${verdict}`, () => {
      const result = run(kinds);
      assert.equal(result.verdict, verdict);
      assert.match(result.summary, summary);
      assert.deepEqual(
        result.targets.map((t) => t.status),
        kinds,
      );
    });

  it('evidence per verdict: bypassed sites, public roots, unreachable sites', () => {
    const kindsOf = (kinds: Kind[]) => run(kinds).evidence.map((e) => e.kind);
    assert.deepEqual(kindsOf(['inspected', 'inspected', 'clean']), ['not-public', 'common-issuer', 'bypassed']);
    assert.deepEqual(run(['inspected', 'inspected', 'clean']).evidence.at(-1)!.hosts, ['site2.example']);
    assert.deepEqual(kindsOf(['clean', 'clean']), ['public-roots']);
    assert.deepEqual(kindsOf(['clean', 'error', 'error']), ['too-few-reachable']);
    assert.deepEqual(run(['clean', 'error', 'error']).evidence[0]!.hosts, ['site1.example', 'site2.example']);
  });
  it('one reachable site is enough only when it is a well-known public site re-signed by a CA of the OS store', () => {
    const anchored = (host: string) => {
      const p = probe(host, 'inspected');
      return { ...p, trustStore: { trusted: true, anchorFingerprint256: 'CORP-ROOT', reason: null } };
    };
    const known = analyze([anchored(DEFAULT_TARGETS[0]!.host), probe('site1.example', 'error')], new TrustSet('empty'), null);
    assert.deepEqual([known.verdict, known.confidence], ['inspected', { level: 'moderate', reason: 'one-known-site-trust-store' }]);
    // An internal site signed by the company CA is what the company CA is for: it proves nothing.
    const internal = analyze([anchored('intranet.corp.example'), probe('site1.example', 'error')], new TrustSet('empty'), null);
    assert.deepEqual([internal.verdict, internal.confidence?.reason], ['inconclusive', 'too-few-reachable']);
  });
  it('a clean verdict through a proxy names the proxy that passes TLS through', () => {
    assert.match(run(['clean', 'clean'], 'http://proxy.example:8080').summary, /the proxy http:\/\/proxy\.example:8080 passes TLS through/);
  });
});

describe('analyze(): where the inspection CA is', () => {
  it('a root the proxy sent but the store lacks: presented-chain, with its fingerprint', () => {
    const root = cert(PROXY_CA, PROXY_CA);
    const probes = ['a', 'b'].map((h) => probe(`${h}.example`, 'inspected', [cert(`CN=${h}.example`, PROXY_CA), root]));
    const result = analyze(probes, new TrustSet('empty'), null);
    assert.equal(result.inspectionCa?.source, 'presented-chain');
    assert.equal(result.inspectionCa?.fingerprint256, root.fingerprint256);
    assert.match(result.inspectionCa!.location!, /a\.example, b\.example/);
  });
  it('only leaves: not-found, and the issuer is named', () => {
    const result = run(['inspected', 'inspected']);
    assert.deepEqual(
      [result.inspectionCa?.source, result.inspectionCa?.subject, result.inspectionCa?.fingerprint256],
      ['not-found', PROXY_CA, null],
    );
  });
  it('two inspecting CAs: the larger group is the inspection CA', () => {
    const other = 'CN=Another Appliance CA';
    const probes = [
      probe('a.example', 'inspected'),
      probe('b.example', 'inspected'),
      probe('c.example', 'inspected', [cert('CN=c.example', other)]),
    ];
    assert.equal(analyze(probes, new TrustSet('empty'), null).inspectionCa?.subject, PROXY_CA);
  });
  it('one leaf key on every site is evidence; distinct keys are not', () => {
    const shared = ['a', 'b'].map((h) => probe(`${h}.example`, 'inspected', [cert(`CN=${h}.example`, PROXY_CA, 'one key')]));
    assert.ok(analyze(shared, new TrustSet('empty'), null).evidence.some((e) => e.kind === 'shared-leaf-key'));
    assert.ok(!run(['inspected', 'inspected']).evidence.some((e) => e.kind === 'shared-leaf-key'));
  });
});

describe('the vendor matcher: issuer-side names only', () => {
  const table: [string, CertSummary[], string | null][] = [
    ['Zscaler root as issuer', [cert('CN=github.com', 'CN=Zscaler Root CA, O=Zscaler Inc.')], 'Zscaler'],
    [
      'Zscaler intermediate in the chain',
      [
        cert('CN=a.example', 'CN=Zscaler Intermediate Root CA (zscalertwo.net)'),
        cert('CN=Zscaler Intermediate Root CA (zscalertwo.net)', 'CN=Corp'),
      ],
      'Zscaler',
    ],
    ['Netskope by its admin address', [cert('CN=a.example', 'CN=ca.acme.goskope.com, emailAddress=certadmin@netskope.com')], 'Netskope'],
    ['FortiGate', [cert('CN=a.example', 'CN=FortiGate CA, O=Fortinet')], 'Fortinet FortiGate'],
    ['Palo Alto forward trust', [cert('CN=a.example', 'CN=Forward-Trust-CA, O=Example')], 'Palo Alto Networks'],
    ['mitmproxy', [cert('CN=a.example', 'CN=mitmproxy, O=mitmproxy')], 'mitmproxy'],
    ['Fiddler', [cert('CN=a.example', 'CN=DO_NOT_TRUST_FiddlerRoot, O=DO_NOT_TRUST')], 'Fiddler'],
    [
      'a vendor name as the site itself is not a match',
      [cert('CN=www.zscaler.net, O=Zscaler Inc.', 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1')],
      null,
    ],
    ['a corporate CA with no product name', [cert('CN=a.example', 'CN=Example Corp Issuing CA 2')], null],
    ['an empty chain', [], null],
  ];
  for (const [what, chain, vendor] of table)
    it(`${what}: ${vendor ?? 'none'}`, () => {
      const hit = matchVendor(chain);
      assert.equal(hit?.name ?? null, vendor);
      if (hit) assert.ok(chain.some((c) => c.issuer.includes(hit.matched) || c.subject.includes(hit.matched)));
    });
});
