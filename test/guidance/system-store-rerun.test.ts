/**
 * The Debian / Ubuntu system-store command, run twice as printed (the second time after IT renewed the CA
 * under a new name), with Debian's real update-ca-certificates script in a fake root: every folder it reads and
 * writes is given on its command line and lives in a temp folder, so this machine's /etc/ssl is never touched.
 * After the re-run the store must hold only the current CA: the bundle, the hash links OpenSSL looks CAs up by
 * (openssl verify -CApath), and what the hooks (Java's cacerts among them) are told.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { renderSystemStores } from '../../shared/guidance/render.js';
import { issue, type Issued } from '../lab/pki.js';

const SCRIPT = '/usr/sbin/update-ca-certificates';
const skip = existsSync(SCRIPT) && spawnSync('openssl', ['version']).status === 0 ? false : `${SCRIPT} or openssl is not installed here`;

let root: string;
let publicRoot: Issued;
let oldCa: Issued;
let newCa: Issued;

before(async () => {
  if (skip) return;
  root = mkdtempSync(path.join(tmpdir(), 'ca-bridge-store-rerun-'));
  [publicRoot, oldCa, newCa] = await Promise.all([
    issue({ subject: 'CN=Lab Public Root (lab), O=Lab Trust', ca: true }),
    issue({ subject: 'CN=Example Corp Inspection CA 2024, O=Example Corp', ca: true }),
    // Renewed: a new key and a new name, as IT often does.
    issue({ subject: 'CN=Example Corp Inspection CA 2026, O=Example Corp', ca: true }),
  ]);
});
after(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A fake root: the packaged CAs (one, listed in the configuration), the local folder, /etc/ssl/certs and a recording hook. */
function fakeRoot(name: string) {
  const base = path.join(root, name);
  const dirs = {
    certsdir: path.join(base, 'usr/share/ca-certificates'),
    localcertsdir: path.join(base, 'usr/local/share/ca-certificates'),
    etccertsdir: path.join(base, 'etc/ssl/certs'),
    hooksdir: path.join(base, 'etc/ca-certificates/update.d'),
    tmp: path.join(base, 'tmp'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(dirs.certsdir, 'lab'));
  writeFileSync(path.join(dirs.certsdir, 'lab', 'public.crt'), publicRoot.pem);
  const certsconf = path.join(base, 'etc/ca-certificates.conf');
  writeFileSync(certsconf, 'lab/public.crt\n');
  const told = path.join(base, 'hook-input');
  writeFileSync(path.join(dirs.hooksdir, 'record'), `#!/bin/sh\ncat >> '${told}'\necho ---- >> '${told}'\n`);
  chmodSync(path.join(dirs.hooksdir, 'record'), 0o755);
  return { ...dirs, certsconf, told };
}

/**
 * The printed command with its two system paths moved into the fake root: no sudo, the local folder renamed,
 * and update-ca-certificates told where its folders are. Everything else is the command as printed.
 */
function inFakeRoot(printed: string, r: ReturnType<typeof fakeRoot>): string {
  const options = ['certsconf', 'certsdir', 'localcertsdir', 'etccertsdir', 'hooksdir'] as const;
  const flags = options.map((o) => `--${o} '${r[o]}'`).join(' ');
  const moved = printed
    .replace(/\bsudo /g, '')
    .replaceAll('/usr/local/share/ca-certificates', r.localcertsdir)
    .replace(/\bupdate-ca-certificates\b/, `${SCRIPT} ${flags}`);
  assert.notEqual(moved, printed);
  return moved;
}

const sh = (command: string, tmp: string) =>
  new Promise<{ code: number; out: string }>((resolve) =>
    execFile(
      'bash',
      ['--norc', '--noprofile', '-c', command],
      { env: { PATH: process.env.PATH, TMPDIR: tmp }, timeout: 120_000 },
      (e, out, err) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, out: `${out}${err}` }),
    ),
  );

const fingerprintsIn = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g)].map(
    (m) => new X509Certificate(m[0]).fingerprint256,
  );
const fp = (ca: Issued) => new X509Certificate(ca.pem).fingerprint256;

/** Whether OpenSSL trusts `ca` by looking it up in the hash-named links alone (no bundle file, no default store). */
function trustedByLinks(ca: Issued, etccertsdir: string): boolean {
  const file = path.join(root, `${fp(ca).slice(0, 8).replace(/:/g, '')}.pem`);
  writeFileSync(file, ca.pem);
  return spawnSync('openssl', ['verify', '-no-CAfile', '-no-CAstore', '-CApath', etccertsdir, file], { encoding: 'utf8' }).status === 0;
}

/** Runs the printed Debian command with `ca`, as the user would after each export. */
async function runWith(printed: (caFile: string) => string, r: ReturnType<typeof fakeRoot>, ca: Issued) {
  const export_ = path.join(root, `export ${fp(ca).slice(0, 8).replace(/:/g, '')}.pem`);
  writeFileSync(export_, ca.pem);
  const ran = await sh(inFakeRoot(printed(export_), r), r.tmp);
  assert.equal(ran.code, 0, ran.out);
}

const debianCommand = (caFile: string) =>
  renderSystemStores({ ca: caFile, bundle: '/unused/ca-bundle.pem', der: '/unused/corporate-ca.crt' }).find((g) => g.id === 'debian')!
    .command;

describe('the Debian / Ubuntu system-store command run again after IT renewed the CA', { skip }, () => {
  it('holds only the current CA: in the bundle, in the hash links, and the hooks are told', async () => {
    const r = fakeRoot('printed');
    await runWith(debianCommand, r, oldCa);
    assert.ok(trustedByLinks(oldCa, r.etccertsdir), 'first run: the CA is found by its hash link');
    await runWith(debianCommand, r, newCa);

    const bundle = fingerprintsIn(path.join(r.etccertsdir, 'ca-certificates.crt'));
    assert.deepEqual(new Set(bundle), new Set([fp(publicRoot), fp(newCa)]), 'the bundle: the public root and the current CA');
    assert.equal(bundle.length, 2);
    assert.ok(trustedByLinks(newCa, r.etccertsdir), 'the current CA is found by its hash link');
    assert.ok(!trustedByLinks(oldCa, r.etccertsdir), 'the old CA is no longer trusted');
    assert.ok(trustedByLinks(publicRoot, r.etccertsdir), 'the packaged CAs are still there');
    // The hooks (Java's cacerts is one) heard of the CA's file again on the re-run.
    const runs = readFileSync(r.told, 'utf8').split('----\n');
    assert.match(runs[1]!, /^\+.*\/corporate-ca\.pem$/m, 'the re-run tells the hooks about the CA');
  });

  it('without --fresh (the command before this fix) the re-run leaves the renewed CA without a hash link and tells the hooks nothing', async () => {
    const r = fakeRoot('without-fresh');
    const withoutFresh = (caFile: string) => debianCommand(caFile).replace(/ --fresh$/, '');
    assert.notEqual(withoutFresh('/x'), debianCommand('/x'));
    await runWith(withoutFresh, r, oldCa);
    await runWith(withoutFresh, r, newCa);
    assert.ok(!trustedByLinks(newCa, r.etccertsdir), 'no hash link for the renewed CA');
    const runs = readFileSync(r.told, 'utf8').split('----\n');
    assert.doesNotMatch(runs[1]!, /corporate-ca/, 'the hooks heard nothing of the renewal');
  });
});
