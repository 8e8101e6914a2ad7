/**
 * Bad inputs are usage errors: exit 2 and a sentence naming the flag and the file, never a raw
 * JavaScript or OpenSSL error ("PEM routines", "memory.at.slice is not a function").
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { cli, type CliRun } from '../helpers/cli.js';
import { issue } from '../lab/pki.js';
import { closeServer, listen, SocketTracker } from '../lab/servers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-errors-'));
const file = (name: string, data: string | Buffer) => {
  const full = path.join(dir, name);
  writeFileSync(full, data);
  return full;
};
const RAW_ERROR = /PEM routines|is not a function|Cannot read properties|TypeError|internal:|ERR_|\bat .*\.[jt]s:\d+/;
const UNTRUSTED = 'npm ERR! code SELF_SIGNED_CERT_IN_CHAIN';

function assertUsage(run: CliRun, ...mentions: (string | RegExp)[]) {
  assert.equal(run.code, 2, `exit ${run.code}: ${run.stderr}${run.stdout}`);
  assert.doesNotMatch(run.stderr, RAW_ERROR);
  for (const m of mentions) {
    if (typeof m === 'string') assert.ok(run.stderr.includes(m), `"${m}" not in: ${run.stderr}`);
    else assert.match(run.stderr, m);
  }
}

let certPem = '';
let keyPem = '';
let otherKeyPem = '';
let target = '';
// A listener that hangs up at once: the connection opens, so the client certificate is really loaded.
const sockets = new SocketTracker();
const hangUp = net.createServer((socket) => sockets.track(socket).destroy());
after(async () => {
  sockets.destroyAll();
  await closeServer(hangUp);
});
before(async () => {
  const ca = await issue({ subject: 'CN=Client CA', ca: true });
  const client = await issue({ subject: 'CN=me', issuer: ca });
  const other = await issue({ subject: 'CN=someone else', issuer: ca });
  certPem = file('me.pem', client.pem);
  keyPem = file('me.key', client.keyPem);
  otherKeyPem = file('other.key', other.keyPem);
  target = `127.0.0.1:${await listen(hangUp)}`;
});

describe('check --client-cert / --client-key', () => {
  const check = (cert: string, key: string) => cli(['check', target, '--client-cert', cert, '--client-key', key, '--timeout', '3000']);

  it('a certificate file holding garbage: exit 2 naming --client-cert and the file', async () => {
    const garbage = file('garbage.pem', 'this is not a certificate\n');
    assertUsage(await check(garbage, keyPem), `--client-cert ${garbage}: not a certificate`);
  });
  it('a PEM block with a broken body: exit 2 naming --client-cert', async () => {
    const broken = file('broken.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    assertUsage(await check(broken, keyPem), `--client-cert ${broken}`);
  });
  it('a key file holding garbage, or the key of another certificate: exit 2 naming --client-key', async () => {
    const garbageKey = file('garbage.key', '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n');
    assertUsage(await check(certPem, garbageKey), `--client-key ${garbageKey}: not an unencrypted PEM private key`);
    assertUsage(
      await check(certPem, otherKeyPem),
      `--client-key ${otherKeyPem} is not the private key of the client certificate ${certPem}`,
    );
  });
  it('a device as the certificate: exit 2 naming the path', async () => {
    assertUsage(await check('/dev/zero', keyPem), '--client-cert /dev/zero');
  });
  it('a valid pair is not a usage error (the server hanging up is the failure)', async () => {
    const run = await check(certPem, keyPem);
    assert.equal(run.code, 1, run.stderr);
    assert.doesNotMatch(run.stderr, /client-cert|client-key|PEM routines/);
  });
});

describe('explain --detection', () => {
  const explain = (detection: string) => cli(['explain', UNTRUSTED, '--detection', detection]);

  it('wrong field types in a memory file: exit 2 naming --detection, the file and the field', async () => {
    const bad = file('memory.json', JSON.stringify({ verdict: 'inspected', vendor: null, caSubject: null, caFingerprint256: null, at: 5 }));
    assertUsage(await explain(bad), `--detection ${bad}: not a "ca-bridge detect --json" report`);
  });
  it('wrong field types in a detect report: exit 2 naming the field', async () => {
    const bad = file('report.json', JSON.stringify({ verdict: 'inspected', vendor: 'Zscaler', inspectionCa: 'x', startedAt: [] }));
    assertUsage(await explain(bad), `--detection ${bad}`, /vendor|inspectionCa|startedAt/);
    const badVerdict = file('verdict.json', JSON.stringify({ verdict: { a: 1 } }));
    assertUsage(await explain(badVerdict), `--detection ${badVerdict}`, /verdict/);
  });
  it('not JSON, an array, a device, a FIFO: exit 2 naming the file', async () => {
    const notJson = file('not.json', '{{{');
    assertUsage(await explain(notJson), `--detection ${notJson}: not JSON`);
    const array = file('array.json', '[1,2]');
    assertUsage(await explain(array), `--detection ${array}`);
    assertUsage(await explain('/dev/zero'), '--detection /dev/zero');
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    assertUsage(await explain(fifo), `--detection ${fifo}`);
  });
  it('a valid saved report is used (the control)', async () => {
    const good = file(
      'good.json',
      JSON.stringify({
        verdict: 'inspected',
        vendor: { name: 'Zscaler', matched: 'Zscaler' },
        inspectionCa: { subject: 'CN=Zscaler Root CA', fingerprint256: 'AA' },
        startedAt: '2026-11-25T10:00:00.000Z',
        targets: [],
      }),
    );
    const run = await explain(good);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Zscaler/);
  });
});
