/**
 * PEM parsing is linear in the size of the file, whatever its shape, and still reports every entry
 * it cannot use; binary data that is not a certificate is named as such, not as an OpenSSL PEM error.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { readCertificateFile } from '../../electron/core/cert/import.js';
import { parseCertificates } from '../../electron/core/cert/x509.js';
import { loadCertPath, MAX_KEPT_PROBLEMS } from '../../electron/core/trust/load-pem.js';
import { readLinuxStore } from '../../electron/core/trust/stores/linux.js';
import { USER_FILE_MAX_BYTES } from '../../electron/core/fs/read-user-file.js';
import { cli } from '../helpers/cli.js';
import { issue } from '../lab/pki.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-pem-'));
// A test leaves nothing behind on the machine (the 4 MiB and 60 MiB files below included).
after(() => rmSync(dir, { recursive: true, force: true }));
let certPem: string;

before(async () => {
  certPem = (await issue({ subject: 'CN=Scanner Root', ca: true })).pem;
});

// Quadratic scanning took about two minutes here; linear takes well under a second (npm run bench measures it).
// The time limits are generous bounds, not measurements: a quadratic scan still runs past them.
test(
  '200,000 BEGIN lines without END parse in linear time, each reported, and a good block after them still counts',
  { timeout: 60_000 },
  () => {
    const lines = 200_000;
    const noEnd = '-----BEGIN CERTIFICATE-----\n'.repeat(lines);
    const bare = parseCertificates(noEnd);
    assert.equal(bare.problems.length, lines);
    // With one good block at the end, a lazy pattern swallowed every BEGIN into one garbage entry.
    const parsed = parseCertificates(noEnd + certPem);
    assert.equal(parsed.certs.length, 1);
    assert.equal(parsed.problems.length, lines, 'every unterminated BEGIN is an entry that could not be read');
    assert.match(parsed.problems[0]!.reason, /^line 1: BEGIN CERTIFICATE has no END line$/);
    assert.match(parsed.problems[lines - 1]!.reason, new RegExp(`^line ${lines}: `));
  },
);

test('the PKCS#7 reader scans the same way', { timeout: 60_000 }, () => {
  const text = '-----BEGIN PKCS7-----\n'.repeat(100_000) + certPem;
  const parsed = readCertificateFile(Buffer.from(text));
  assert.equal(parsed.certs.length, 1);
  assert.equal(parsed.problems.length, 100_000);
  assert.match(parsed.problems[0]!.reason, /broken PKCS#7 bundle: line 1: BEGIN PKCS7 has no END line/);
});

test('every shape the old pattern read is still read; bad entries are reported with their line', () => {
  const body = certPem.replace(/-----[A-Z ]+-----/g, '').trim();
  const crlf = certPem.replace(/\n/g, '\r\n');
  const oneLine = `-----BEGIN CERTIFICATE-----${body.replace(/\n/g, '')}-----END CERTIFICATE-----`;
  const trusted = `-----BEGIN TRUSTED CERTIFICATE-----\n${body}\n-----END TRUSTED CERTIFICATE-----\n`;
  const indented = certPem.replace(/^/gm, '    ');
  const corrupt = `-----BEGIN CERTIFICATE-----\nAAAA${body.slice(40)}\n-----END CERTIFICATE-----\n`;
  const mismatched = `-----BEGIN CERTIFICATE-----\n${body}\n-----END PRIVATE KEY-----\n`;
  const key = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n';
  const parsed = parseCertificates([certPem, crlf, key, oneLine, trusted, indented, corrupt, mismatched].join('\n'));
  assert.equal(parsed.certs.length, 5);
  assert.deepEqual(
    parsed.problems.map((p) => p.index),
    [5, 6],
  );
  assert.match(parsed.problems[0]!.reason, /^line \d+: the certificate block is not a valid X\.509 certificate$/);
  assert.match(parsed.problems[1]!.reason, /BEGIN CERTIFICATE is closed by END PRIVATE KEY/);
});

test('DER that is not a certificate is named as such, with the flag and the file, exit 2', async () => {
  const keyDer = path.join(dir, 'key.der');
  writeFileSync(keyDer, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'der' }));
  const parsed = parseCertificates(Buffer.from([0x30, 3, 2, 1, 0]));
  assert.match(parsed.problems[0]!.reason, /binary \(DER\) data that is not an X\.509 certificate/);

  const offline = ['--targets', 'nowhere.invalid', '--connect-to', 'nowhere.invalid:443:127.0.0.1:1'];
  for (const flag of ['--trust-store', '--public-roots']) {
    const run = await cli(['detect', ...offline, flag, keyDer], { HOME: dir });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`${flag} .*key\\.der: .*not an X\\.509 certificate`));
    assert.doesNotMatch(run.stderr, /PEM routines|no start line/);
  }
  const exported = await cli(['export', '--from', keyDer, '--out', path.join(dir, 'out')], { HOME: dir });
  assert.equal(exported.code, 2, exported.stderr);
  assert.match(exported.stderr, /key\.der: .*not an X\.509 certificate/);
  assert.doesNotMatch(exported.stderr, /PEM routines|no start line/);
});

test('a file of bare BEGIN lines filling the whole 4 MiB cap is a usage error naming the flag, not a stack overflow', async () => {
  // 28 bytes a line: about 150,000 entries, more arguments than one spread into push() can take.
  const line = '-----BEGIN CERTIFICATE-----\n';
  const file = path.join(dir, 'bare-begin-4mib.pem');
  writeFileSync(file, line.repeat(Math.floor(USER_FILE_MAX_BYTES / line.length)));
  const offline = ['--targets', 'nowhere.invalid', '--connect-to', 'nowhere.invalid:443:127.0.0.1:1', '--timeout', '2000'];
  const runs = [
    ['detect', ...offline, '--public-roots', file],
    ['detect', ...offline, '--trust-store', file],
    ['check', 'nowhere.invalid', '--connect-to', 'nowhere.invalid:443:127.0.0.1:1', '--timeout', '2000', '--ca', file],
  ];
  for (const args of runs) {
    const run = await cli(args, { HOME: dir });
    const flag = args.find((a) => a.startsWith('--') && args[args.indexOf(a) + 1] === file)!;
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, new RegExp(`${flag} .*bare-begin-4mib\\.pem: \\d{6} entries could not be parsed`));
    assert.doesNotMatch(run.stderr, /call stack/);
  }
});

test('the Linux trust store reader takes a 4 MiB SSL_CERT_FILE of bare BEGIN lines as problems, without a stack overflow', async () => {
  const line = '-----BEGIN CERTIFICATE-----\n';
  const fits = path.join(dir, 'bare-begin-store-fits.pem');
  writeFileSync(fits, line.repeat(Math.floor((USER_FILE_MAX_BYTES - certPem.length) / line.length)) + certPem);
  const loaded = await readLinuxStore({ env: { SSL_CERT_FILE: fits }, bundles: [], localCaDir: path.join(dir, 'no-local-cas') });
  assert.deepEqual(loaded.sources, [fits]);
  assert.equal(loaded.anchors.size, 1, 'the good block after them is still an anchor');
  assert.equal(loaded.problems.length, MAX_KEPT_PROBLEMS, 'the first ones are kept for messages, the rest only counted');
});

test('a --trust-store folder of 64 MiB of bare BEGIN lines is counted, not kept: memory stays bounded, the message gives the count', async () => {
  const line = '-----BEGIN CERTIFICATE-----\n';
  const folder = path.join(dir, 'store-of-bare-begins');
  mkdirSync(folder);
  const perFile = Math.floor(USER_FILE_MAX_BYTES / line.length);
  const files = 15; // 60 MiB, under the folder's 64 MiB cap
  for (let i = 0; i < files; i++) writeFileSync(path.join(folder, `bare-${String(i).padStart(2, '0')}.pem`), line.repeat(perFile));
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const error = await loadCertPath(folder, '--trust-store').then(
    () => null,
    (e: Error) => e,
  );
  clearInterval(sampler);
  assert.match(error?.message ?? '', new RegExp(`--trust-store .*store-of-bare-begins: ${perFile * files} entries could not be parsed`));
  // Measured: about 80 MiB now; about 900 MiB when all 2.2 million problems were kept.
  assert.ok(peak - heapBefore < 400 * 1024 * 1024, `heap grew by ${((peak - heapBefore) / 1048576).toFixed(0)} MiB`);
});
