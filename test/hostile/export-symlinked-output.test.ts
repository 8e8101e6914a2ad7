/**
 * `export --force` over an output file that is a symbolic link (a dotfile manager's, or a link into a
 * shared certificate folder) writes through to the link's target and keeps the link, as profile
 * changes do. Before, the rename replaced the link by a regular file: the place the link pointed to kept
 * the old CA, silently.
 */
import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { issue } from '../lab/pki.js';

let dir: string;
const at = (...names: string[]) => path.join(dir, ...names);
let rootPem: string;

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ca-bridge-export-links-'));
  rootPem = (await issue({ subject: 'CN=Linked Output Root', ca: true })).pem;
  await writeFile(at('ca.pem'), rootPem);
  await writeFile(at('public.pem'), (await issue({ subject: 'CN=Linked Output Public', ca: true })).pem);
});
after(() => rm(dir, { recursive: true, force: true }));

const exportTo = (out: string, ...extra: string[]) =>
  cli(['export', '--json', '--no-detect', '--from', at('ca.pem'), '--public-roots', at('public.pem'), '--out', out, ...extra], {
    HOME: dir,
  });

describe('export over a symbolic link', () => {
  it('--force writes through to the target, keeps the link, and backs up the old bytes', async () => {
    await mkdir(at('shared'));
    await mkdir(at('out'));
    const old = Buffer.from('# the old CA, no final newline\r\nkeep');
    await writeFile(at('shared', 'corp.pem'), old);
    await symlink('../shared/corp.pem', at('out', 'corporate-ca.pem'));

    const refused = await exportTo(at('out'));
    assert.equal(refused.code, 2, 'without --force the link is in the way');
    assert.deepEqual(await readFile(at('shared', 'corp.pem')), old);

    const run = await exportTo(at('out'), '--force');
    assert.equal(run.code, 0, run.stderr);
    const link = await lstat(at('out', 'corporate-ca.pem'));
    assert.ok(link.isSymbolicLink(), 'the link is still a link');
    assert.equal(await readlink(at('out', 'corporate-ca.pem')), '../shared/corp.pem');
    const written = await readFile(at('shared', 'corp.pem'), 'utf8');
    assert.equal(new X509Certificate(written).fingerprint256, new X509Certificate(rootPem).fingerprint256);
    const backups = run.json().backups as string[];
    assert.equal(backups.length, 1);
    assert.deepEqual(await readFile(backups[0]!), old, 'the backup holds the old bytes exactly');
  });

  it('a link to a file that does not exist yet: the target is created, no backup', async () => {
    await mkdir(at('dangling-out'));
    await symlink(at('later.crt'), at('dangling-out', 'corporate-ca.crt'));
    const run = await exportTo(at('dangling-out'), '--force');
    assert.equal(run.code, 0, run.stderr);
    assert.ok((await lstat(at('dangling-out', 'corporate-ca.crt'))).isSymbolicLink());
    assert.equal(new X509Certificate(await readFile(at('later.crt'))).fingerprint256, new X509Certificate(rootPem).fingerprint256);
    assert.deepEqual(run.json().backups, []);
  });

  it('a link into a folder that does not exist is bad usage naming both, not a raw ENOENT', async () => {
    await mkdir(at('nowhere-out'));
    await symlink(at('no-such-folder', 'ca.pem'), at('nowhere-out', 'ca-bundle.pem'));
    const run = await exportTo(at('nowhere-out'), '--force');
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /--out .*nowhere-out: .*ca-bundle\.pem leads to .*no-such-folder\/ca\.pem, whose folder does not exist/);
  });
});
