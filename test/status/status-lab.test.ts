/**
 * `ca-bridge status`, `export --refresh` and `--expect-fingerprint` against the lab, with real CLI runs in
 * an isolated HOME (ledger, NSS database, Java store, tool files all inside it). The lab swaps the
 * inspecting product under an existing export: two proxies signing under different roots.
 *   status 0 → 10 (both fingerprints, the sites) → export --refresh → 0, the Java store and the NSS
 *   database now hold the new CA; an expiring CA → 11; an insecure setting → 12; a deleted export file →
 *   13; inspected with nothing configured → 14; --expect-fingerprint with another CA → refused, nothing
 *   written (sha256 of the folder and of HOME unchanged).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, lstatSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import path from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { startLab, type Lab } from '../lab/lab.js';
import { issue } from '../lab/pki.js';
import type { LabProxy } from '../lab/proxy.js';
import { machineConfigOff } from '../helpers/isolated-env.js';
import { parseCertificates } from '../../electron/core/cert/x509.js';

const noCertutil = spawnSync('certutil', ['--version']).error ? 'certutil is not installed (libnss3-tools)' : null;
const noKeytool = spawnSync('keytool', ['-help']).error ? 'no JDK (keytool) on PATH' : null;
const skip = noCertutil ?? noKeytool ?? (process.platform !== 'linux' ? 'the java and nssdb rows are Linux only' : false);

/** sha256 of every regular file under a folder (links as their target text), to prove nothing was written. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const info = lstatSync(full);
      // The last detection (explain's memory, in the cache folder) is rewritten by every probe: not configuration.
      if (info.isDirectory()) {
        if (path.relative(dir, full) !== '.cache') walk(full);
      } else out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const hex16 = (pem: string) => new X509Certificate(pem).fingerprint256.replace(/:/g, '').slice(0, 16).toLowerCase();
const fp = (pem: string) => new X509Certificate(pem).fingerprint256;

describe('status, export --refresh, --expect-fingerprint', { skip, timeout: 600_000 }, () => {
  let lab: Lab;
  let proxyA: LabProxy;
  let proxyB: LabProxy;
  let proxyC: LabProxy;
  let store: string;
  before(async () => {
    lab = await startLab();
    proxyA = await lab.startProxy({ caSubject: 'CN=Old Vendor Inspection Root (lab), O=Example Corp' });
    proxyB = await lab.startProxy({ caSubject: 'CN=New Vendor Inspection Root (lab), O=Example Corp' });
    // A root with 10 days left, as an inspection CA that is about to be rotated.
    const soon = await issue({
      subject: 'CN=Expiring Inspection Root (lab), O=Example Corp',
      ca: true,
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 10 * 86_400_000 + 3_600_000),
    });
    proxyC = await lab.startProxy({ ca: { root: soon } });
    // The OS trust store as IT rolled it out: both vendors' roots, the expiring one, and the public roots.
    store = await lab.writePem('store.pem', [
      proxyA.root.pem,
      proxyB.root.pem,
      proxyC.root.pem,
      ...Object.values(lab.families).map((f) => f.root.pem),
    ]);
  });
  after(() => lab?.close());

  /** An isolated user: HOME, config and cache folders inside the lab; nothing of this machine's configuration. */
  const user = (label: string) => {
    const home = mkdtempSync(path.join(lab.dir, `home-${label}-`));
    const env: NodeJS.ProcessEnv = {
      HOME: home,
      PATH: process.env.PATH,
      LANG: 'C.UTF-8',
      // The machine's own global npmrc, system gitconfig and pip.conf are not this user's.
      ...machineConfigOff(home),
    };
    return { home, env, dir: path.join(home, 'corporate ca') };
  };
  const via = (proxy: LabProxy) => ['--proxy', proxy.url, '--public-roots', lab.publicRootsFile, '--trust-store', store];
  const status = async (env: NodeJS.ProcessEnv, args: string[]) => {
    const run = await cli(['status', '--json', ...args], env);
    assert.equal(run.stderr.includes('"code"'), false);
    return { run, report: run.json() };
  };

  it('0 → 10 after the vendor changes (both fingerprints, the sites) → export --refresh → 0, Java store and NSS hold the new CA', async () => {
    const { home, env, dir } = user('rotate');
    const nothing = await status(env, via(proxyA));
    // Inspected, nothing configured.
    assert.equal(nothing.run.code, 14, nothing.run.stdout + nothing.run.stderr);
    assert.deepEqual(nothing.report.problems, ['not-configured']);
    assert.equal(nothing.report.network.inspected.length, 2, 'two sites by default');

    const exported = await cli(['export', '--out', dir, ...via(proxyA)], env);
    assert.equal(exported.code, 0, exported.stderr);
    const applied = await cli(['apply', '--dir', dir, '--tool', 'java', '--tool', 'nssdb', '--tool', 'curl'], env);
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);

    const healthy = await status(env, via(proxyA));
    assert.equal(healthy.run.code, 0, healthy.run.stdout);
    assert.deepEqual(healthy.report.findings, []);
    assert.deepEqual(
      healthy.report.export.cas.map((c: { fingerprint256: string }) => c.fingerprint256),
      [fp(proxyA.root.pem)],
    );
    const text = await cli(['status', ...via(proxyA)], env);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^Status: healthy \(exit 0\)/);

    // The company changes its inspecting product: the same sites now come signed under root B.
    const changed = await status(env, via(proxyB));
    assert.equal(changed.run.code, 10, changed.run.stdout);
    const finding = changed.report.findings[0];
    assert.equal(finding.problem, 'ca-changed');
    assert.deepEqual(
      finding.exported.map((c: { fingerprint256: string }) => c.fingerprint256),
      [fp(proxyA.root.pem)],
    );
    assert.equal(finding.current.length, 1);
    assert.equal(finding.current[0].fingerprint256, fp(proxyB.root.pem));
    assert.deepEqual([...finding.current[0].sites].sort(), ['www.digicert.com:443', 'www.google.com:443']);
    const ja = await cli(['status', '--lang', 'ja', ...via(proxyB)], env);
    assert.equal(ja.code, 10);
    assert.match(ja.stdout, /状態: 書き出し後にインスペクションの CA が変わりました（終了コード 10）/);

    const refreshed = await cli(['export', '--refresh', '--json', ...via(proxyB)], env);
    assert.equal(refreshed.code, 0, refreshed.stdout + refreshed.stderr);
    const outcome = refreshed.json();
    assert.equal(outcome.export.dir, dir, 'the folder the ledger records');
    assert.deepEqual(outcome.previous, [fp(proxyA.root.pem)]);
    assert.equal(outcome.export.ca.fingerprint256, fp(proxyB.root.pem));
    assert.ok(outcome.export.backups.length >= 3, 'a backup of each file written over');
    assert.equal(new X509Certificate(readFileSync(path.join(dir, 'corporate-ca.crt'))).fingerprint256, fp(proxyB.root.pem));

    // The Java trust-store copy holds the new root and not the old one.
    const listed = execFileSync('keytool', ['-list', '-keystore', path.join(dir, 'java-truststore.p12'), '-storepass', 'changeit'], {
      env: { PATH: process.env.PATH, HOME: home },
    }).toString();
    assert.ok(listed.includes(fp(proxyB.root.pem)), 'the Java store holds the new CA');
    assert.ok(!listed.includes(fp(proxyA.root.pem)), 'the Java store no longer holds the old CA');
    // The NSS database: the new CA in, CA Bridge's copy of the old one out.
    const db = `sql:${path.join(home, '.pki', 'nssdb')}`;
    const nss = execFileSync('certutil', ['-L', '-d', db], { env }).toString();
    assert.match(nss, new RegExp(`CA Bridge ${hex16(proxyB.root.pem)}\\s+C,,`));
    assert.doesNotMatch(nss, new RegExp(`CA Bridge ${hex16(proxyA.root.pem)}`));

    const again = await status(env, via(proxyB));
    assert.equal(again.run.code, 0, again.run.stdout);

    // Undoable: revert --tool export puts the old export files back byte for byte.
    const reverted = await cli(['revert', '--tool', 'export'], env);
    assert.equal(reverted.code, 0, reverted.stdout + reverted.stderr);
    assert.equal(new X509Certificate(readFileSync(path.join(dir, 'corporate-ca.crt'))).fingerprint256, fp(proxyA.root.pem));
  });

  it('--expect-fingerprint with another CA: export, export --refresh and apply refuse, and nothing is written', async () => {
    const { home, env, dir } = user('expect');
    const exported = await cli(['export', '--out', dir, '--expect-fingerprint', fp(proxyA.root.pem), ...via(proxyA)], env);
    assert.equal(exported.code, 0, exported.stderr);
    const before = tree(home);

    // The network now presents B, the fleet script expects only A (colons left out, lower case: as typed).
    const onlyA = fp(proxyA.root.pem).replace(/:/g, '').toLowerCase();
    const refresh = await cli(['export', '--refresh', '--expect-fingerprint', onlyA, ...via(proxyB)], env);
    assert.equal(refresh.code, 1, refresh.stdout + refresh.stderr);
    assert.match(refresh.stderr, new RegExp(`${fp(proxyB.root.pem)}.*not one of the expected`));
    const other = await cli(['export', '--out', dir, '--force', '--expect-fingerprint', onlyA, ...via(proxyB)], env);
    assert.equal(other.code, 1, other.stderr);
    const apply = await cli(
      ['apply', '--dir', dir, '--tool', 'curl', '--expect-fingerprint', fp(proxyB.root.pem), '--expect-fingerprint', fp(proxyC.root.pem)],
      env,
    );
    assert.equal(apply.code, 1, apply.stderr);
    assert.match(apply.stderr, /not one of the expected/);
    assert.deepEqual(tree(home), before, 'nothing in HOME (export folder, ledger, tool files) changed');
    assert.ok(Object.keys(before).some((f) => f.startsWith('corporate ca/')) && Object.keys(before).length >= 4);

    // Two CAs expected (a company with two inspection CAs): the one presented is among them, so it is written.
    const two = await cli(
      ['export', '--refresh', '--json', '--expect-fingerprint', onlyA, '--expect-fingerprint', fp(proxyB.root.pem), ...via(proxyB)],
      env,
    );
    assert.equal(two.code, 0, two.stderr);
    assert.equal(two.json().export.ca.fingerprint256, fp(proxyB.root.pem));
    const bad = await cli(['export', '--refresh', '--expect-fingerprint', 'AB:CD', ...via(proxyB)], env);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /--expect-fingerprint/);
  });

  it('11: the exported CA has 10 days left', async () => {
    const { env, dir } = user('expiring');
    assert.equal((await cli(['export', '--out', dir, ...via(proxyC)], env)).code, 0);
    const { run, report } = await status(env, via(proxyC));
    assert.equal(run.code, 11, run.stdout);
    assert.deepEqual(report.problems, ['ca-expiring']);
    assert.equal(report.findings[0].ca.fingerprint256, fp(proxyC.root.pem));
    assert.equal(report.findings[0].daysLeft, 10);
  });

  it('12: a setting switches verification off; 13: an export file deleted; offline reads only the ledger and files', async () => {
    const { home, env, dir } = user('broken');
    assert.equal((await cli(['export', '--out', dir, ...via(proxyA)], env)).code, 0);
    assert.equal((await cli(['apply', '--dir', dir, '--tool', 'npm'], env)).code, 0);
    assert.equal((await status(env, ['--offline'])).run.code, 0);

    // An insecure line of the user's own, beside CA Bridge's cafile line.
    writeFileSync(path.join(home, '.npmrc'), `${readFileSync(path.join(home, '.npmrc'), 'utf8')}strict-ssl=false\n`);
    const insecure = await status(env, ['--offline']);
    assert.equal(insecure.run.code, 12, insecure.run.stdout);
    assert.equal(insecure.report.network, null, 'offline: no probe');
    const off = insecure.report.findings.find((f: { problem: string }) => f.problem === 'verification-off');
    assert.equal(off.setting, 'strict-ssl');
    assert.equal(off.where, `${path.join(home, '.npmrc')}:2`);

    // A deleted export file outranks it (13 before 12); the JSON lists both.
    unlinkSync(path.join(dir, 'corporate-ca.crt'));
    const broken = await status(env, ['--offline']);
    assert.equal(broken.run.code, 13, broken.run.stdout);
    assert.deepEqual(broken.report.problems, ['config-broken', 'verification-off']);
    const gone = broken.report.findings.find((f: { problem: string }) => f.problem === 'config-broken');
    assert.deepEqual(gone, {
      problem: 'config-broken',
      tool: 'export',
      place: 'export-file',
      where: path.join(dir, 'corporate-ca.crt'),
      why: 'missing',
    });

    // CA Bridge's own setting taken out of the tool's file: broken too.
    writeFileSync(path.join(home, '.npmrc'), 'registry=https://registry.npmjs.org/\n');
    const removed = await status(env, ['--offline']);
    assert.ok(
      removed.report.findings.some((f: { tool: string; why: string }) => f.tool === 'npm' && f.why === 'setting-removed'),
      removed.run.stdout,
    );
    rmSync(path.join(home, '.npmrc'));
  });

  it('no site answers: exit 1 "not checked" (the CA was never compared), not 0; --offline still 0; a broken file still 13', async () => {
    const { env, dir } = user('unreachable');
    assert.equal((await cli(['export', '--out', dir, ...via(proxyA)], env)).code, 0);
    // A port nothing listens on: the site cannot be reached, as off the company network.
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const away = ['--proxy', 'direct', '--targets', `127.0.0.1:${closed}`, '--timeout', '5000', '--trust-store', store];
    const { run, report } = await status(env, away);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.equal(report.code, 1);
    assert.deepEqual(report.problems, []);
    assert.equal(report.network.checked, false);
    assert.deepEqual(report.network.unreachable, [`127.0.0.1:${closed}`]);
    const text = await cli(['status', ...away], env);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^Status: not checked \(exit 1\): no site answered/);
    const ja = await cli(['status', '--lang', 'ja', ...away], env);
    assert.equal(ja.code, 1);
    assert.match(ja.stdout, /^状態: 確認できていません（終了コード 1）/);
    assert.equal((await status(env, ['--offline'])).run.code, 0, 'offline was asked: the files alone decide');
    unlinkSync(path.join(dir, 'corporate-ca.crt'));
    assert.equal((await status(env, away)).run.code, 13, 'a problem found in the files gives its own code');
  });

  it('the merged bundle: a refresh rewrites it with the new CA and keeps the user roots, or removes it when nothing names it; status checks it (13)', async () => {
    const { home, env, dir } = user('merged');
    const internal = await issue({ subject: 'CN=Internal PKI Root (lab), O=Example Corp', ca: true });
    const internalFile = path.join(home, 'internal-roots.pem');
    writeFileSync(internalFile, internal.pem);
    // The user's own PIP_CERT names a file with an internal root: export keeps it in the merged bundle.
    env.PIP_CERT = internalFile;
    assert.equal((await cli(['export', '--out', dir, ...via(proxyA)], env)).code, 0);
    const merged = path.join(dir, 'ca-bundle-merged.pem');
    const prints = () => parseCertificates(readFileSync(merged)).certs.map((c) => c.fingerprint256);
    assert.ok(prints().includes(fp(proxyA.root.pem)) && prints().includes(fp(internal.pem)));
    assert.equal((await status(env, ['--offline'])).run.code, 0);
    // After apply, a new shell's PIP_CERT is the merged bundle itself (session-advice's `keeps`).
    const shell = { ...env, PIP_CERT: merged };
    const oldMerged = readFileSync(merged);

    const refreshed = await cli(['export', '--refresh', '--json', ...via(proxyB)], shell);
    assert.equal(refreshed.code, 0, refreshed.stdout + refreshed.stderr);
    assert.ok(prints().includes(fp(proxyB.root.pem)), 'the new CA is in the merged bundle');
    assert.ok(prints().includes(fp(internal.pem)), 'the user root is kept');
    assert.ok(!prints().includes(fp(proxyA.root.pem)), 'the old CA is gone from it');
    assert.equal((await status(shell, via(proxyB))).run.code, 0);

    // status: a merged bundle still holding the old CA (as a refresh left it before), one without the user
    // root, and none at all while a setting needs it: each 13, naming the file.
    const mergedFinding = async (why: string) => {
      const { run, report } = await status(env, ['--offline']);
      assert.equal(run.code, 13, run.stdout);
      assert.deepEqual(
        report.findings.filter((f: { where: string }) => f.where === merged),
        [{ problem: 'config-broken', tool: 'export', place: 'export-file', where: merged, why }],
      );
    };
    writeFileSync(merged, Buffer.concat([readFileSync(merged), oldMerged]));
    await mergedFinding('other-ca');
    writeFileSync(merged, readFileSync(path.join(dir, 'ca-bundle.pem')));
    await mergedFinding('roots-missing');
    const text = await cli(['status', '--offline'], env);
    assert.match(text.stdout, /ca-bundle-merged\.pem: lacks a certificate of your own CA files/);
    unlinkSync(merged);
    await mergedFinding('missing');

    // The user drops their own setting: nothing names a CA file of theirs, so the refresh removes the merged
    // bundle (through the ledger) rather than leave the CA exported before in it; revert puts it back.
    const other = user('merged-gone');
    other.env.PIP_CERT = internalFile;
    // pip reads this machine's /etc/pip.conf (its cert names a CA file) unless PIP_CONFIG_FILE is os.devnull.
    other.env.PIP_CONFIG_FILE = devNull;
    assert.equal((await cli(['export', '--out', other.dir, ...via(proxyA)], other.env)).code, 0);
    const otherMerged = path.join(other.dir, 'ca-bundle-merged.pem');
    const before = readFileSync(otherMerged);
    delete other.env.PIP_CERT;
    assert.equal((await cli(['export', '--refresh', ...via(proxyB)], other.env)).code, 0);
    assert.equal(existsSync(otherMerged), false);
    assert.equal((await status(other.env, ['--offline'])).run.code, 0);
    assert.equal((await cli(['revert', '--tool', 'export'], other.env)).code, 0);
    assert.deepEqual(readFileSync(otherMerged), before);
  });
});
