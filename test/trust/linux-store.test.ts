import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readLinuxStore } from '../../electron/core/trust/stores/linux.js';
import { readTrustStore } from '../../electron/core/trust/stores/index.js';
import { issue, type Issued } from '../lab/pki.js';

let dir: string;
let a: Issued;
let b: Issued;
let c: Issued;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-linux-'));
  [a, b, c] = (await Promise.all(['A', 'B', 'C'].map((n) => issue({ subject: `CN=Root ${n}`, ca: true })))) as [Issued, Issued, Issued];
  await writeFile(path.join(dir, 'bundle.crt'), a.pem + '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  await mkdir(path.join(dir, 'local', 'corp'), { recursive: true });
  await writeFile(path.join(dir, 'local', 'corp', 'corp.crt'), b.pem);
  await writeFile(path.join(dir, 'local', 'ignored.pem'), c.pem); // Debian installs *.crt only
  await mkdir(path.join(dir, 'certdir'));
  await writeFile(path.join(dir, 'certdir', 'abcd1234.0'), c.pem);
});
after(() => rm(dir, { recursive: true, force: true }));

const names = (set: { entries(): Iterable<{ cert: { subject: string } }> }) => [...set.entries()].map((e) => e.cert.subject).sort();

describe('Linux trust store', () => {
  it('reads the first distribution bundle, the local CA folder (*.crt only) and reports bad entries', async () => {
    const store = await readLinuxStore({
      env: {},
      bundles: [path.join(dir, 'missing.crt'), path.join(dir, 'bundle.crt')],
      localCaDir: path.join(dir, 'local'),
    });
    assert.deepEqual(names(store.anchors), ['CN=Root A', 'CN=Root B']);
    assert.equal(store.problems.length, 1);
    assert.match(store.problems[0]!.source, /bundle\.crt/);
  });
  it('reads every distribution bundle present, each file once however many links lead to it', async () => {
    const second = path.join(dir, 'second-bundle.crt');
    const link = path.join(dir, 'bundle-link.crt');
    await writeFile(second, c.pem);
    await symlink(path.join(dir, 'bundle.crt'), link);
    const store = await readLinuxStore({
      env: {},
      bundles: [path.join(dir, 'bundle.crt'), link, second],
      localCaDir: path.join(dir, 'none'),
    });
    assert.deepEqual(names(store.anchors), ['CN=Root A', 'CN=Root C']);
    assert.deepEqual(store.sources, [path.join(dir, 'bundle.crt'), second]);
  });
  it('SSL_CERT_FILE replaces the bundle; SSL_CERT_DIR adds hashed files', async () => {
    const store = await readLinuxStore({
      env: { SSL_CERT_FILE: path.join(dir, 'local', 'corp', 'corp.crt'), SSL_CERT_DIR: path.join(dir, 'certdir') },
      bundles: [path.join(dir, 'bundle.crt')],
      localCaDir: path.join(dir, 'none'),
    });
    assert.deepEqual(names(store.anchors), ['CN=Root B', 'CN=Root C']);
  });
  it('a missing SSL_CERT_FILE is a reported problem, not a crash', async () => {
    const store = await readLinuxStore({ env: { SSL_CERT_FILE: path.join(dir, 'nope.pem') }, localCaDir: path.join(dir, 'none') });
    assert.equal(store.anchors.size, 0);
    assert.match(store.problems[0]!.reason, /no such file/);
  });
  it(
    "this machine's real store loads",
    { skip: !existsSync('/etc/ssl/certs/ca-certificates.crt') && 'no Debian bundle here' },
    async () => {
      const store = await readTrustStore({ env: {}, platform: 'linux' });
      assert.ok(store.anchors.size > 50, `only ${store.anchors.size} anchors`);
      assert.ok(store.sources.includes('/etc/ssl/certs/ca-certificates.crt'));
    },
  );
  it('--trust-store overrides the platform', async () => {
    const store = await readTrustStore({ env: {}, platform: 'darwin', overridePath: path.join(dir, 'certdir') });
    assert.deepEqual(names(store.anchors), ['CN=Root C']);
  });
});
