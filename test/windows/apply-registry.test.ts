/**
 * `apply --shell cmd` / `revert` with Windows Node under Wine, against Wine's real registry. The registry
 * is seeded with reg.exe and checked in user.reg as the wineserver saved it: neither route goes through
 * the code under test.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { registryKeyValues, type RegistryFileValue } from './registry-file.js';
import { startWineLane, wineSkipReason, type WineLane } from './wine.js';
import { issue } from '../lab/pki.js';

const skip = wineSkipReason();
const EXPORT_DIR = 'C:\\Users\\Public\\CA 山田 & co';
const OUR_VARS = [
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'REQUESTS_CA_BUNDLE',
  'PIP_CERT',
  'CURL_CA_BUNDLE',
  'AWS_CA_BUNDLE',
  'GIT_SSL_CAINFO',
];
const JAPANESE_SZ: RegistryFileValue = { type: 'REG_SZ', value: 'C:\\Users\\山田\\old.pem' };
const EXPAND_SZ: RegistryFileValue = { type: 'REG_EXPAND_SZ', value: '%USERPROFILE%\\certs\\corp.pem' };

describe('Windows user environment under Wine (apply --shell cmd, revert)', { skip: skip ?? false }, () => {
  let lane: WineLane;
  const environment = async () => registryKeyValues(await lane.readRegistry('user'), 'Environment') ?? new Map();

  before(async () => {
    lane = await startWineLane();
    const dir = lane.hostPath(EXPORT_DIR);
    await mkdir(dir, { recursive: true });
    // apply only needs the three files to exist; their content is tested by the export test.
    for (const file of ['corporate-ca.pem', 'corporate-ca.crt', 'ca-bundle.pem']) await writeFile(path.join(dir, file), 'x');
  });
  after(async () => lane?.close());

  /** A Japanese REG_SZ and a %USERPROFILE% REG_EXPAND_SZ, seeded with reg.exe (not the code under test). */
  async function seedTwoValues() {
    const seeds = await lane.runAll([
      ['reg', 'add', 'HKCU\\Environment', '/v', 'SSL_CERT_FILE', '/t', 'REG_SZ', '/d', JAPANESE_SZ.value, '/f'],
      ['reg', 'add', 'HKCU\\Environment', '/v', 'NODE_EXTRA_CA_CERTS', '/t', 'REG_EXPAND_SZ', '/d', EXPAND_SZ.value, '/f'],
    ]);
    for (const seed of seeds) assert.equal(seed.code, 0, seed.stdout + seed.stderr);
    return environment();
  }

  it('apply writes our paths as REG_SZ; revert restores the Japanese REG_SZ and the %USERPROFILE% REG_EXPAND_SZ exactly', async () => {
    const seeded = await seedTwoValues();
    assert.deepEqual(seeded.get('SSL_CERT_FILE'), JAPANESE_SZ, 'the seed itself');
    assert.deepEqual(seeded.get('NODE_EXTRA_CA_CERTS'), EXPAND_SZ, 'the seed itself');

    const apply = await lane.cli(['apply', '--shell', 'cmd', '--dir', EXPORT_DIR, '--json']);
    assert.equal(apply.code, 0, apply.stderr);
    const applied = apply.json();
    assert.equal(applied.broadcast, true, 'WM_SETTINGCHANGE delivered');
    const fromBefore = Object.fromEntries(applied.changes.map((c: any) => [c.name, { value: c.from, type: c.fromType }]));
    assert.deepEqual(fromBefore.SSL_CERT_FILE, JAPANESE_SZ, 'previous value read without code-page loss');
    assert.deepEqual(fromBefore.NODE_EXTRA_CA_CERTS, EXPAND_SZ, 'previous value read unexpanded, with its type');

    const afterApply = await environment();
    for (const name of OUR_VARS) {
      const file = ['NODE_EXTRA_CA_CERTS'].includes(name) ? 'corporate-ca.pem' : 'ca-bundle.pem';
      assert.deepEqual(afterApply.get(name), { type: 'REG_SZ', value: `${EXPORT_DIR}\\${file}` }, name);
    }
    assert.equal(afterApply.get('TEMP')?.value, seeded.get('TEMP')?.value, 'other values untouched');

    const again = await lane.cli(['apply', '--shell', 'cmd', '--dir', EXPORT_DIR, '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.json().changed, false, 'applying twice changes nothing');

    const revert = await lane.cli(['revert', '--shell', 'cmd']);
    assert.equal(revert.code, 0, revert.stderr);
    assert.match(revert.stdout, /set NODE_EXTRA_CA_CERTS: .* -> %USERPROFILE%\\certs\\corp\.pem \(REG_EXPAND_SZ\)/);
    const reverted = await environment();
    assert.deepEqual(reverted.get('SSL_CERT_FILE'), JAPANESE_SZ);
    assert.deepEqual(reverted.get('NODE_EXTRA_CA_CERTS'), EXPAND_SZ);
    for (const name of OUR_VARS.filter((n) => n !== 'SSL_CERT_FILE' && n !== 'NODE_EXTRA_CA_CERTS'))
      assert.equal(reverted.has(name), false, `${name} was unset before apply and is unset again`);
    assert.deepEqual([...reverted.keys()].sort(), [...seeded.keys()].sort(), 'exactly the variables that were there before');
  });

  it('apply --tool user-environment goes through the ledger; revert --all restores type and text, keeps a value changed since', async () => {
    const seeded = await seedTwoValues();

    const apply = await lane.cli(['apply', '--tool', 'user-environment', '--dir', EXPORT_DIR, '--json']);
    assert.equal(apply.code, 0, apply.stderr);
    const [row] = apply.json().tools;
    assert.deepEqual([row.tool, row.changed, row.admin, row.error], ['user-environment', true, false, null]);
    const afterApply = await environment();
    for (const name of OUR_VARS) {
      const file = name === 'NODE_EXTRA_CA_CERTS' ? 'corporate-ca.pem' : 'ca-bundle.pem';
      assert.deepEqual(afterApply.get(name), { type: 'REG_SZ', value: `${EXPORT_DIR}\\${file}` }, name);
    }

    // The user points PIP_CERT elsewhere after apply: theirs stays, everything else goes back.
    const mine: RegistryFileValue = { type: 'REG_SZ', value: 'C:\\Users\\山田\\mine.pem' };
    assert.equal((await lane.run('reg', ['add', 'HKCU\\Environment', '/v', 'PIP_CERT', '/t', 'REG_SZ', '/d', mine.value, '/f'])).code, 0);
    const revert = await lane.cli(['revert', '--all', '--json']);
    assert.equal(revert.code, 1, 'a change left is a failure');
    const outcomes = Object.fromEntries(revert.json().undone.map((u: any) => [u.where, [u.outcome, u.previous]]));
    assert.deepEqual(outcomes['HKCU\\Environment\\PIP_CERT'], ['changed-since', '(unset)']);
    assert.deepEqual(outcomes['HKCU\\Environment\\NODE_EXTRA_CA_CERTS'], ['restored', null]);
    const reverted = await environment();
    assert.deepEqual(reverted.get('SSL_CERT_FILE'), JAPANESE_SZ, 'the Japanese REG_SZ, character for character');
    assert.deepEqual(reverted.get('NODE_EXTRA_CA_CERTS'), EXPAND_SZ, 'REG_EXPAND_SZ again, unexpanded');
    assert.deepEqual(reverted.get('PIP_CERT'), mine, "the user's own value is kept");
    reverted.delete('PIP_CERT');
    assert.deepEqual(reverted, seeded, 'every other value exactly as before');

    // The user removes their value: the entry is closed (already as before), and the ledger holds nothing more.
    assert.equal((await lane.run('reg', ['delete', 'HKCU\\Environment', '/v', 'PIP_CERT', '/f'])).code, 0);
    const again = await lane.cli(['revert', '--all', '--json']);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.deepEqual(
      again.json().undone.map((u: any) => [u.where, u.outcome]),
      [['HKCU\\Environment\\PIP_CERT', 'already-gone']],
    );
    assert.deepEqual(await environment(), seeded);
  });

  it('the record an older version kept for apply --shell cmd is moved into the ledger once: revert --all restores type and text', async () => {
    const seeded = await seedTwoValues();
    // What an older CA Bridge left: our paths in the registry, and its own record of what was there before.
    const ours = (name: string) => `${EXPORT_DIR}\\${name === 'NODE_EXTRA_CA_CERTS' ? 'corporate-ca.pem' : 'ca-bundle.pem'}`;
    const [localAppData, ...seeds] = await lane.runAll([
      ['cmd', '/c', 'echo %LOCALAPPDATA%'],
      ...OUR_VARS.map((name) => ['reg', 'add', 'HKCU\\Environment', '/v', name, '/t', 'REG_SZ', '/d', ours(name), '/f']),
    ]);
    for (const seed of seeds) assert.equal(seed!.code, 0, seed!.stdout + seed!.stderr);
    const state = path.join(lane.hostPath(localAppData!.stdout.trim()), 'ca-bridge');
    await mkdir(state, { recursive: true });
    const previous = Object.fromEntries(OUR_VARS.map((name) => [name, null as RegistryFileValue | string | null]));
    previous.SSL_CERT_FILE = JAPANESE_SZ.value; // the plain-string form the oldest records have: REG_SZ
    previous.NODE_EXTRA_CA_CERTS = EXPAND_SZ;
    const record = path.join(state, 'user-environment-applied.json');
    await writeFile(record, JSON.stringify({ previous, applied: Object.fromEntries(OUR_VARS.map((n) => [n, ours(n)])) }));

    const revert = await lane.cli(['revert', '--all', '--json']);
    assert.equal(revert.code, 0, revert.stdout + revert.stderr);
    const undone = revert.json().undone.map((u: any) => [u.tool, u.where, u.outcome]);
    assert.deepEqual(undone.sort(), OUR_VARS.map((name) => ['user-environment', `HKCU\\Environment\\${name}`, 'restored']).sort());
    assert.deepEqual(
      await environment(),
      seeded,
      'every value as before the old apply: the Japanese REG_SZ, the REG_EXPAND_SZ, the rest unset',
    );
    assert.ok(existsSync(`${record}.migrated`) && !existsSync(record), 'read once, kept as …migrated');
  });

  it('a variable that is not text (REG_DWORD) is refused before anything is written', async () => {
    const before = await environment();
    const seed = await lane.run('reg', ['add', 'HKCU\\Environment', '/v', 'PIP_CERT', '/t', 'REG_DWORD', '/d', '5', '/f']);
    assert.equal(seed.code, 0, seed.stdout + seed.stderr);
    const apply = await lane.cli(['apply', '--shell', 'cmd', '--dir', EXPORT_DIR]);
    assert.equal(apply.code, 1, apply.stdout);
    assert.match(apply.stderr, /PIP_CERT in HKCU\\Environment is not text/);
    const now = await environment();
    assert.deepEqual(now.get('PIP_CERT'), { type: 'other', value: 'dword:00000005' });
    now.delete('PIP_CERT');
    assert.deepEqual(now, before, 'nothing else was written');
    // The lane's prefix is shared by the cases that follow: the seeded value goes again.
    const unseed = await lane.run('reg', ['delete', 'HKCU\\Environment', '/v', 'PIP_CERT', '/f']);
    assert.equal(unseed.code, 0, unseed.stdout + unseed.stderr);
  });

  it("the same merged-bundle decision as the POSIX shells: the user's own PIP_CERT with an internal root points at ca-bundle-merged.pem", async () => {
    // A real export: the corporate CA, a bundle with it, and the merged bundle with the user's internal root too.
    const [corporate, internal] = await Promise.all([
      issue({ subject: 'CN=Corporate Inspection CA', ca: true }),
      issue({ subject: 'CN=Internal PKI Root', ca: true }),
    ]);
    const exportDir = 'C:\\Users\\Public\\merged export';
    const userFile = 'C:\\Users\\Public\\internal-roots.pem';
    const host = lane.hostPath(exportDir);
    await mkdir(host, { recursive: true });
    await writeFile(path.join(host, 'corporate-ca.pem'), corporate.pem);
    await writeFile(path.join(host, 'corporate-ca.crt'), new X509Certificate(corporate.pem).raw);
    await writeFile(path.join(host, 'ca-bundle.pem'), corporate.pem);
    await writeFile(path.join(host, 'ca-bundle-merged.pem'), internal.pem + corporate.pem);
    await writeFile(lane.hostPath(userFile), internal.pem);
    const before = await environment();

    const apply = await lane.cli(['apply', '--shell', 'cmd', '--dir', exportDir, '--json'], { env: { PIP_CERT: userFile } });
    assert.equal(apply.code, 0, apply.stderr);
    const applied = await environment();
    const merged = `${exportDir}\\ca-bundle-merged.pem`;
    assert.deepEqual(applied.get('PIP_CERT'), { type: 'REG_SZ', value: merged }, 'PIP_CERT keeps the internal root');
    assert.deepEqual(applied.get('REQUESTS_CA_BUNDLE'), { type: 'REG_SZ', value: merged }, "pip's requests reads it too");
    assert.deepEqual(applied.get('CURL_CA_BUNDLE'), { type: 'REG_SZ', value: `${exportDir}\\ca-bundle.pem` }, 'the others: the bundle');

    assert.equal((await lane.cli(['revert', '--shell', 'cmd'])).code, 0);
    assert.deepEqual(await environment(), before, 'revert leaves the user environment as it was');
  });
});
