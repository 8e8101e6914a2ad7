import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkChain } from '../../electron/core/trust/chain.js';
import { readMacStore, readMacStoreCached, type KeychainListing } from '../../electron/core/trust/stores/macos.js';
import { evaluateMacTrust, type SecurityRunner } from '../../electron/core/trust/stores/macos-trust-settings.js';
import { issue } from '../lab/pki.js';
import { readWindowsStore, type WindowsStoreName } from '../../electron/core/trust/stores/windows.js';

const fixture = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8');
const subjects = (set: { entries(): Iterable<{ cert: X509Certificate }> }) =>
  [...set.entries()].map((e) => e.cert.subject.replace(/\n/g, ', '));
/** Splits PEM text per certificate as mac-ca does. */
const split = (text: string) =>
  text
    .split(/(?=-----BEGIN\sCERTIFICATE-----)/g)
    .map((s) => s.trim())
    .filter(Boolean);

describe('Windows store (win-ca output)', () => {
  const recorded = (store: WindowsStoreName) =>
    (JSON.parse(fixture(`windows/${store}.json`)) as string[]).map((b) => Buffer.from(b, 'base64'));

  it('Root is the anchor set, CA only chain material, Disallowed excluded; ECDSA parsed; bad entries reported', async () => {
    const store = await readWindowsStore(async (name) => recorded(name));
    const anchors = subjects(store.anchors);
    assert.ok(
      anchors.some((s) => /ISRG Root X2/.test(s)),
      'ECDSA public root',
    );
    assert.ok(
      anchors.some((s) => /Zscaler Root CA/.test(s)),
      'ECDSA corporate root',
    );
    assert.ok(anchors.some((s) => /Example Corp Inspection Root/.test(s)));
    assert.ok(!anchors.some((s) => /Revoked Corp Root/.test(s)), 'a root also in Untrusted Certificates is no anchor');
    assert.ok(!anchors.some((s) => /Issuing CA/.test(s)), 'the intermediate store is not a trust anchor store');
    assert.deepEqual(subjects(store.intermediates), ['CN=Example Corp Issuing CA, O=Example Corp']);
    const reasons = store.problems.map((p) => p.reason).join('\n');
    assert.match(reasons, /unparseable entry \(200 bytes\)/);
    assert.match(reasons, /unparseable entry \(17 bytes\)/);
    assert.match(reasons, /Revoked Corp Root.*Untrusted Certificates/);
  });

  it('a leaf whose intermediate only the CA store holds still reaches the root', async () => {
    const store = await readWindowsStore(async (name) => recorded(name));
    const leaf = new X509Certificate(fixture('windows/leaf-signed-by-issuing.pem'));
    const check = checkChain([leaf], store.anchors, new Date(), store.intermediates);
    assert.equal(check.trusted, true, check.reason ?? '');
  });

  it('a store that cannot be read is reported, the others still count', async () => {
    const store = await readWindowsStore(async (name) => {
      if (name === 'ca') throw new Error('roots.exe missing');
      return recorded(name);
    });
    assert.ok(store.anchors.size >= 6);
    assert.match(store.problems.map((p) => p.reason).join(), /could not be read: roots.exe missing/);
  });
});

describe('macOS store (mac-ca output)', () => {
  const listing: KeychainListing = {
    systemRoots: split(fixture('macos/system-roots.pem')),
    keychains: split(fixture('macos/keychains.pem')),
  };

  it('with trust settings: "Never Trust" is no anchor; trusted corporate roots are', async () => {
    const store = await readMacStore(
      async () => listing,
      () => split(fixture('macos/system-trusted.pem')),
    );
    const anchors = subjects(store.anchors);
    assert.ok(anchors.some((s) => /Example Corp Inspection Root/.test(s)));
    assert.ok(
      anchors.some((s) => /Zscaler Root CA/.test(s)),
      'ECDSA',
    );
    assert.ok(
      anchors.some((s) => /DigiCert Global Root G3/.test(s)),
      'ECDSA public root',
    );
    assert.ok(!anchors.some((s) => /Revoked Corp Root/.test(s)));
    assert.deepEqual(subjects(store.intermediates), ['CN=Example Corp Issuing CA, O=Example Corp']);
    const reasons = store.problems.map((p) => p.reason).join('\n');
    assert.match(reasons, /Revoked Corp Root.*does not trust it/);
    assert.match(reasons, /unparseable entry/);
  });

  it("without the trust-settings API only Apple's roots are anchors, added roots are explained", async () => {
    const store = await readMacStore(
      async () => listing,
      () => null,
    );
    const anchors = subjects(store.anchors);
    assert.equal(anchors.length, 4);
    assert.ok(!anchors.some((s) => /Example Corp|Zscaler|Revoked/.test(s)));
    assert.match(store.problems.map((p) => p.reason).join('\n'), /Example Corp Inspection Root.*needs Node 22.15/);
  });

  it('a keychain read that fails or times out rejects, and is not cached as a result', async () => {
    let reads = 0;
    const failing = () => {
      reads++;
      return readMacStore(
        async () => {
          throw new Error('reading the keychains took longer than 20 s');
        },
        () => null,
      );
    };
    const working = () => {
      reads++;
      return readMacStore(
        async () => listing,
        () => split(fixture('macos/system-trusted.pem')),
      );
    };
    await assert.rejects(readMacStoreCached(failing), /longer than 20 s/);
    // The failure was not kept: the next call reads again, and its success is what gets cached.
    const store = await readMacStoreCached(working);
    assert.equal(reads, 2);
    assert.ok(subjects(store.anchors).some((s) => /Example Corp Inspection Root/.test(s)));
    assert.equal(await readMacStoreCached(failing), store, 'a good read is shared for a while');
    assert.equal(reads, 2);
  });
});

describe('macOS without the trust-settings API: macOS decides (recorded security outputs)', () => {
  const listing: KeychainListing = {
    systemRoots: split(fixture('macos/system-roots.pem')),
    keychains: split(fixture('macos/keychains.pem')),
  };
  const recorded = (name: string) => fixture(`macos/security/${name}.txt`);
  /** What `security verify-cert` answers per certificate, by common name. */
  const VERIFY: Record<string, [number, string]> = {
    'Example Corp Inspection Root': [0, 'verify-cert-trusted'],
    'Zscaler Root CA': [0, 'verify-cert-trusted'],
    'Revoked Corp Root': [1, 'verify-cert-never-trust'],
    'Unmanaged Test Root': [1, 'verify-cert-not-trusted'],
  };
  const fakeSecurity = (dumps: { user: string; admin: string }) => {
    const calls: string[][] = [];
    const files: string[] = [];
    const run: SecurityRunner = async (args) => {
      calls.push(args);
      if (args[0] === 'dump-trust-settings') {
        const out = recorded(args[1] === '-d' ? dumps.admin : dumps.user);
        return /No Trust Settings/.test(out) ? { code: 1, stdout: '', stderr: out } : { code: 0, stdout: out, stderr: '' };
      }
      assert.deepEqual([args[0], args[1], ...args.slice(3)], ['verify-cert', '-c', '-p', 'ssl', '-l', '-L']);
      files.push(args[2]!);
      // The certificate the code wrote for macOS to evaluate.
      const cn = /CN=([^\n]*)/.exec(new X509Certificate(readFileSync(args[2]!)).subject)![1]!;
      const [code, output] = VERIFY[cn]!;
      return code === 0 ? { code, stdout: recorded(output), stderr: '' } : { code, stdout: '', stderr: recorded(output) };
    };
    return { run, calls, files };
  };
  const anchorSources = (store: Awaited<ReturnType<typeof readMacStore>>) =>
    Object.fromEntries([...store.anchors.entries()].map((e) => [e.cert.subject.replace(/\n/g, ', '), e.source]));

  it('trusted by admin trust settings (MDM), by user trust settings; "Never Trust" and untrusted roots are no anchors', async () => {
    const unmanaged = await issue({ subject: 'CN=Unmanaged Test Root, O=Nobody', alg: 'ecdsa', ca: true });
    const security = fakeSecurity({ user: 'dump-trust-settings-user', admin: 'dump-trust-settings-admin' });
    const store = await readMacStore(
      async () => ({ systemRoots: listing.systemRoots, keychains: [...listing.keychains, unmanaged.pem] }),
      () => null,
      (candidates) => evaluateMacTrust(candidates, security.run),
    );
    const sources = anchorSources(store);
    assert.equal(
      sources['CN=Example Corp Inspection Root, O=Example Corp'],
      'macOS login or System keychain (trusted by admin trust settings)',
    );
    assert.equal(sources['CN=Zscaler Root CA, O=Zscaler Inc.'], 'macOS login or System keychain (trusted by user trust settings)');
    assert.equal(sources['CN=Revoked Corp Root, O=Old Corp'], undefined);
    assert.equal(sources['CN=Unmanaged Test Root, O=Nobody'], undefined);
    const reasons = store.problems.map((p) => p.reason).join('\n');
    assert.match(reasons, /"CN=Revoked Corp Root, O=Old Corp" is marked "Never Trust" in macOS/);
    assert.match(
      reasons,
      /"CN=Unmanaged Test Root, O=Nobody" is in a keychain but macOS does not trust it for TLS \(security verify-cert: Cert Verify Result: CSSMERR_TP_NOT_TRUSTED\)/,
    );
    assert.doesNotMatch(reasons, /cannot read macOS trust settings/);
    // Only the added self-signed CAs are asked about: not Apple's roots, not the intermediate.
    assert.equal(security.calls.filter((c) => c[0] === 'verify-cert').length, 4);
    assert.ok(!security.files.some((f) => existsSync(f)), 'the files given to verify-cert are removed');
    assert.deepEqual(subjects(store.intermediates), ['CN=Example Corp Issuing CA, O=Example Corp']);
  });

  it('no trust settings anywhere but macOS trusts it: an anchor "trusted by macOS"; Never Trust is still recognised from verify-cert', async () => {
    const security = fakeSecurity({ user: 'dump-trust-settings-none', admin: 'dump-trust-settings-none' });
    const store = await readMacStore(
      async () => listing,
      () => null,
      (candidates) => evaluateMacTrust(candidates, security.run),
    );
    assert.equal(anchorSources(store)['CN=Zscaler Root CA, O=Zscaler Inc.'], 'macOS login or System keychain (trusted by macOS)');
    assert.match(store.problems.map((p) => p.reason).join('\n'), /Revoked Corp Root.*"Never Trust"/);
  });

  it('where security cannot run, added roots stay "cannot tell" with the reason', async () => {
    const store = await readMacStore(
      async () => listing,
      () => null,
      (candidates) =>
        evaluateMacTrust(candidates, async () => {
          throw new Error('spawn /usr/bin/security ENOENT');
        }),
    );
    assert.equal(subjects(store.anchors).length, 4);
    assert.match(store.problems.map((p) => p.reason).join('\n'), /Zscaler Root CA.*could not be asked.*ENOENT.*needs Node 22.15/);
  });
});
