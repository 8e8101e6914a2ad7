import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { readUserFile, UserFileError } from '../../electron/core/fs/read-user-file.js';
import { CertPathError, loadCertPath } from '../../electron/core/trust/load-pem.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-read-'));
// A test leaves nothing behind on the machine.
after(() => rmSync(dir, { recursive: true, force: true }));

async function problemOf(file: string, options?: Parameters<typeof readUserFile>[1]) {
  try {
    await readUserFile(file, options);
    return { problem: 'none', message: '' };
  } catch (error) {
    assert.ok(error instanceof UserFileError, String(error));
    return { problem: error.problem, message: error.message };
  }
}

test('a device is refused at once, naming the path', async () => {
  const r = await problemOf('/dev/zero');
  assert.equal(r.problem, 'not-regular');
  // Refused from its type, before any byte is read: an endless device answers like any refusal.
  assert.match(r.message, /\/dev\/zero.*device/);
});

test('a FIFO with no writer is refused instead of hanging', async () => {
  const fifo = path.join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  const r = await problemOf(fifo);
  assert.equal(r.problem, 'not-regular');
  assert.match(r.message, /named pipe/);
});

test('a file over the cap is refused with the cap named; links are followed to the real file', async () => {
  const big = path.join(dir, 'big.pem');
  writeFileSync(big, Buffer.alloc(2048, 0x41));
  const r = await problemOf(big, { maxBytes: 1024 });
  assert.equal(r.problem, 'too-large');
  assert.match(r.message, /1024 bytes/);
  const link = path.join(dir, 'link.pem');
  symlinkSync(big, link);
  assert.equal((await readUserFile(link)).length, 2048);
  symlinkSync('/dev/zero', path.join(dir, 'zero-link'));
  assert.equal((await problemOf(path.join(dir, 'zero-link'))).problem, 'not-regular');
});

test('a folder and a missing path get their own problem codes', async () => {
  assert.equal((await problemOf(dir)).problem, 'not-regular');
  assert.equal((await problemOf(path.join(dir, 'missing'))).problem, 'not-found');
});

test('a cancelled operation reads nothing: refused before the file is even opened', async () => {
  const controller = new AbortController();
  controller.abort();
  // A path that does not exist: "cancelled", not "not-found", shows that no open was tried.
  const r = await problemOf(path.join(dir, 'never-opened.pem'), { signal: controller.signal, label: '--ca' });
  assert.deepEqual(r, { problem: 'cancelled', message: `--ca ${path.join(dir, 'never-opened.pem')}: reading was cancelled` });
});

test('an operation cancelled while a file is read stops reading at the next chunk', async () => {
  const file = path.join(dir, 'long.pem');
  writeFileSync(file, Buffer.alloc(1024 * 1024, 0x41)); // 16 chunks of 64 KiB
  // A signal that turns aborted after the first chunk: the third time anyone asks (once before the open, once per chunk).
  let asked = 0;
  const signal = {
    get aborted() {
      return ++asked > 2;
    },
    addEventListener: () => {},
    removeEventListener: () => {},
  } as unknown as AbortSignal;
  const r = await problemOf(file, { signal });
  assert.equal(r.problem, 'cancelled');
  assert.equal(asked, 3, 'reading went on after the cancellation');
});

test('a cancelled folder of certificates stops at the entry being read, with the cancellation as the error', async () => {
  const folder = path.join(dir, 'anchors');
  mkdirSync(folder);
  for (const name of ['a.pem', 'b.pem', 'c.pem']) writeFileSync(path.join(folder, name), 'not a certificate\n');
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(loadCertPath(folder, '--trust-store', controller.signal), (error: Error) => {
    assert.ok(error instanceof CertPathError, String(error));
    assert.match(error.message, /a\.pem: reading was cancelled$/);
    return true;
  });
});
