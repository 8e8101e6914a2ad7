/**
 * The Java row's commands, run as `snippets --shell bash --tool java` prints them, with the real keytool and a
 * real JVM, through an inspecting lab proxy: export, apply, IT renews the CA (the export is refreshed), run the
 * same commands again → they succeed, the user's store holds the new CA and not the old one, and Java trusts
 * the renewed proxy. The JDK's own store is only read (its bytes are compared before and after).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findJdks } from '../../electron/core/guidance/jdks.js';
import { fillRaw, renderTool, type ExportPaths, type Jdk } from '../../shared/guidance/render.js';
import { toolGuide } from '../../shared/guidance/tools.js';
import { startLab, type Lab } from '../lab/lab.js';
import { issue, type Issued } from '../lab/pki.js';
import { JAVA_FETCH_SOURCE } from './real-tools/cases.js';

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    execFile(command, args, { env: { PATH: process.env.PATH, ...env }, timeout: 180_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` }),
    );
  });

let jdk: Jdk | null = null;
let lab: Lab;
let root: string;
let paths: ExportPaths;
let cacertsHash: string;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

before(async () => {
  jdk = (await findJdks(process.env))[0] ?? null;
  if (!jdk) return;
  cacertsHash = sha256(jdk.cacerts);
  lab = await startLab();
  root = mkdtempSync(path.join(tmpdir(), 'ca-bridge-java-renewal-'));
  const dir = path.join(root, 'export dir');
  mkdirSync(dir);
  paths = { ca: path.join(dir, 'corporate-ca.pem'), bundle: path.join(dir, 'ca-bundle.pem'), der: path.join(dir, 'corporate-ca.crt') };
});
after(async () => {
  await lab?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** What `ca-bridge export` writes for a CA (the bundle does not matter to Java). */
function exportCa(ca: Issued) {
  writeFileSync(paths.ca, ca.pem);
  writeFileSync(paths.der, new X509Certificate(ca.pem).raw);
  writeFileSync(paths.bundle, ca.pem);
}

/** Runs the printed persistent commands in order, as a user pasting them into bash would. */
async function applyJava(): Promise<void> {
  for (const p of renderTool(toolGuide('java'), 'bash', paths, 'en', [jdk!]).persistent) {
    const done = await run('bash', ['--norc', '--noprofile', '-c', p.command], { HOME: root });
    assert.equal(done.code, 0, `${p.command}\n${done.output}`);
  }
}

const store = () => path.join(path.dirname(paths.der), 'java-truststore.p12');
const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;

async function storeListing(): Promise<string> {
  const listed = await run(jdk!.keytool, ['-list', '-v', '-keystore', store(), '-storepass', 'changeit']);
  assert.equal(listed.code, 0, listed.output);
  return listed.output;
}
const entries = (listing: string) => Number(/contains (\d+) entr/.exec(listing)?.[1]);

/** A real Java HTTPS request through the proxy, with exactly the JAVA_TOOL_OPTIONS the row prints. */
async function javaThrough(proxyPort: number): Promise<string> {
  const source = path.join(root, 'Fetch.java');
  writeFileSync(source, JAVA_FETCH_SOURCE);
  const step = toolGuide('java').steps.find((s) => s.kind === 'env');
  assert.ok(step && step.kind === 'env' && typeof step.value !== 'string');
  const options = fillRaw(step.value.literal, paths, jdk);
  const ran = await run(
    path.join(jdk!.home, 'bin', 'java'),
    ['-Dhttps.proxyHost=127.0.0.1', `-Dhttps.proxyPort=${proxyPort}`, source, 'https://www.google.com/'],
    { HOME: root, JAVA_TOOL_OPTIONS: options },
  );
  return ran.output;
}

describe('Java: the commands can run again after IT renews the CA', { timeout: 900_000 }, () => {
  it('export, apply, renew, re-run: the new CA is in the store, the old one gone, Java trusts the renewed proxy', async (t) => {
    if (!jdk) return t.skip('no JDK here');
    const oldCa = await issue({ subject: 'CN=Lab Inspection Root CA 2025, O=Example Corp', ca: true });
    const newCa = await issue({ subject: 'CN=Lab Inspection Root CA 2026, O=Example Corp', ca: true });
    const oldProxy = await lab.startProxy({ ca: { root: oldCa } });
    const newProxy = await lab.startProxy({ ca: { root: newCa } });
    const jdkEntries = entries((await run(jdk.keytool, ['-list', '-cacerts', '-storepass', 'changeit'])).output);

    exportCa(oldCa);
    await applyJava();
    let listing = await storeListing();
    assert.ok(listing.includes(fingerprint(oldCa.pem)), 'the first run adds the CA');
    assert.equal(entries(listing), jdkEntries + 1, "the JDK's roots plus the CA");
    assert.match(await javaThrough(oldProxy.port), /^HTTP 200$/m);
    // Verification is on: the same store does not trust a proxy signing with another CA.
    assert.match(await javaThrough(newProxy.port), /PKIX path building failed/);

    // IT renews the CA; the user exports again and runs the same printed commands again.
    exportCa(newCa);
    await applyJava();
    listing = await storeListing();
    assert.ok(listing.includes(fingerprint(newCa.pem)), 'the renewed CA is in the store');
    assert.ok(!listing.includes(fingerprint(oldCa.pem)), 'the old CA is gone');
    assert.equal(entries(listing), jdkEntries + 1);
    assert.match(await javaThrough(newProxy.port), /^HTTP 200$/m);
    assert.match(await javaThrough(oldProxy.port), /PKIX path building failed/);

    assert.equal(sha256(jdk.cacerts), cacertsHash, "the JDK's own trust store is unchanged");
    t.diagnostic(
      `renewal: run 1 store=${jdkEntries}+1 with ${fingerprint(oldCa.pem).slice(0, 17)}…; run 2 store=${jdkEntries}+1 with ${fingerprint(newCa.pem).slice(0, 17)}…, old absent; Java → renewed proxy: HTTP 200, → old proxy: PKIX failure`,
    );
  });
});
