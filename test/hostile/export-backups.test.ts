import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stamp } from '../../electron/core/fs/backup.js';
import { cli } from '../helpers/cli.js';
import { issue } from '../lab/pki.js';
import { machineConfigOff } from '../helpers/isolated-env.js';

let dir: string;
const file = (name: string) => path.join(dir, name);
const NAMES = ['corporate-ca.pem', 'corporate-ca.crt', 'ca-bundle.pem'];

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-export-backups-'));
  const root = await issue({ subject: 'CN=Corp Root', alg: 'ecdsa', ca: true });
  const publicRoot = await issue({ subject: 'CN=Some Public Root', alg: 'ecdsa', ca: true });
  await writeFile(file('ca.pem'), root.pem);
  await writeFile(file('public.pem'), publicRoot.pem);
});
after(() => rm(dir, { recursive: true, force: true }));

/**
 * This machine's own CA settings (/etc/pip.conf `cert`, the global npmrc `cafile`) would rightly add a
 * merged bundle to the export, and so a fourth file; the backups counted here are the three of every export.
 */
const NO_MACHINE_CA_SETTINGS = machineConfigOff();

const exportTo = (out: string) =>
  cli(
    ['export', '--json', '--force', '--no-detect', '--from', file('ca.pem'), '--public-roots', file('public.pem'), '--out', out],
    NO_MACHINE_CA_SETTINGS,
  );

/** The user's own files in the way, each with its own bytes (no final newline, CRLF, binary). */
async function userFiles(out: string): Promise<Record<string, Buffer>> {
  await mkdir(out, { recursive: true });
  const mine: Record<string, Buffer> = {
    'corporate-ca.pem': Buffer.from('# my notes\r\nkeep me'),
    'corporate-ca.crt': Buffer.from([0x30, 0x82, 0x00, 0xff, 0xfe]),
    'ca-bundle.pem': Buffer.from('# my hand-made bundle\n'),
  };
  for (const [name, bytes] of Object.entries(mine)) await writeFile(path.join(out, name), bytes);
  return mine;
}

/** The bundle names the minute it was generated: compare bundles without that line. */
const withoutGenerated = (bytes: Buffer) => bytes.toString('latin1').replace(/ Generated [^\n]*/, '');

describe('export --force keeps every replaced file', () => {
  it('twice in the same second: two distinct backups, the first equal to the user file', async () => {
    const out = file('twice');
    const mine = await userFiles(out);
    const first = await exportTo(out);
    const second = await exportTo(out);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(second.code, 0, second.stderr);
    const backups = [...first.json().backups, ...second.json().backups] as string[];
    assert.equal(new Set(backups).size, 6);
    for (const name of NAMES) {
      const [a, b] = backups.filter((f) => path.basename(f).startsWith(`${name}.bak-`));
      assert.deepEqual(await readFile(a!), mine[name], `${name}: the user's bytes`);
      const final = await readFile(path.join(out, name));
      if (name === 'ca-bundle.pem')
        assert.equal(withoutGenerated(await readFile(b!)), withoutGenerated(final), `${name}: the first export`);
      else assert.deepEqual(await readFile(b!), final, `${name}: the first export`);
    }
  });

  it(
    '10 at once: every run succeeds, 30 distinct backups, each some earlier content, the user files among them',
    { timeout: 120_000 },
    async () => {
      const out = file('ten');
      const mine = await userFiles(out);
      const runs = await Promise.all(Array.from({ length: 10 }, () => exportTo(out)));
      for (const run of runs) assert.equal(run.code, 0, run.stderr);
      const reported = runs.flatMap((r) => r.json().backups as string[]);
      assert.equal(reported.length, 30);
      assert.equal(new Set(reported).size, 30, 'no two runs reported the same backup');
      const listing = await readdir(out);
      assert.equal(listing.filter((f) => f.includes('.bak-')).length, 30, 'all 30 on disk');
      assert.deepEqual(
        listing.filter((f) => f.endsWith('.tmp')),
        [],
        'no temp file left',
      );
      for (const name of NAMES) {
        const final = await readFile(path.join(out, name));
        const kept = await Promise.all(reported.filter((f) => path.basename(f).startsWith(`${name}.bak-`)).map((f) => readFile(f)));
        assert.equal(kept.length, 10);
        assert.ok(
          kept.some((b) => b.equals(mine[name]!)),
          `${name}: the user's own file is kept`,
        );
        for (const b of kept)
          assert.ok(
            b.equals(mine[name]!) || (name === 'ca-bundle.pem' ? withoutGenerated(b) === withoutGenerated(final) : b.equals(final)),
            `${name}: a backup holds bytes nobody wrote`,
          );
      }
    },
  );

  it('a replaced file keeps its mode (0600 stays 0600, 0666 is not narrowed by the umask); its backup has it too', async () => {
    const out = file('modes');
    await userFiles(out);
    await chmod(path.join(out, 'corporate-ca.pem'), 0o600);
    await chmod(path.join(out, 'ca-bundle.pem'), 0o666);
    const run = await exportTo(out);
    assert.equal(run.code, 0, run.stderr);
    const modeOf = async (f: string) => (await stat(f)).mode & 0o7777;
    assert.equal(await modeOf(path.join(out, 'corporate-ca.pem')), 0o600);
    assert.equal(await modeOf(path.join(out, 'ca-bundle.pem')), 0o666);
    const backups = run.json().backups as string[];
    assert.equal(await modeOf(backups.find((f) => path.basename(f).startsWith('corporate-ca.pem.bak-'))!), 0o600);
  });

  it('a symlink planted at the backup name is not followed: its target keeps its bytes', async () => {
    const out = file('planted');
    const mine = await userFiles(out);
    const victim = file('victim');
    await writeFile(victim, 'do not overwrite\n');
    // Plant at the names of this second and the next few, whichever second the backup lands in.
    const now = Date.now();
    for (let s = 0; s < 6; s++) await symlink(victim, path.join(out, `corporate-ca.pem.bak-${stamp(new Date(now + s * 1000))}`));
    const run = await exportTo(out);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await readFile(victim, 'utf8'), 'do not overwrite\n');
    const backup = (run.json().backups as string[]).find((f) => path.basename(f).startsWith('corporate-ca.pem.bak-'))!;
    assert.deepEqual(await readFile(backup), mine['corporate-ca.pem']);
  });
});
