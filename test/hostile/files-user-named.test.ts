/**
 * Files the user names (or that sit in a folder the user names) can be FIFOs, devices, huge, or
 * unlistable folders. Each gets exit 2 and a sentence naming the flag and the path, at once: never a
 * hang, an unbounded read, or a raw EACCES.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { USER_FILE_MAX_BYTES } from '../../electron/core/fs/read-user-file.js';
import { readLinuxStore } from '../../electron/core/trust/stores/linux.js';
import { cli } from '../helpers/cli.js';
import { issue } from '../lab/pki.js';
import { runCliChild } from './spawn-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-files-'));
const at = (name: string) => path.join(dir, name);
const OFFLINE = ['--targets', 'nowhere.invalid', '--connect-to', 'nowhere.invalid:443:127.0.0.1:1'];
// Each case must answer at once; the limit only keeps a regression from hanging the whole suite.
const LIMIT = { timeout: 30_000 };
let rootPem: string;

before(async () => {
  rootPem = (await issue({ subject: 'CN=Files Root', ca: true })).pem;
  writeFileSync(at('root.pem'), rootPem);
  execFileSync('mkfifo', [at('pipe.pem')]);
  mkdirSync(at('store-with-fifo'));
  writeFileSync(at('store-with-fifo/a-good.pem'), rootPem);
  execFileSync('mkfifo', [at('store-with-fifo/b-pipe.pem')]);
  writeFileSync(at('huge.pem'), Buffer.alloc(USER_FILE_MAX_BYTES + 1, 0x41));
  mkdirSync(at('export-with-fifo'));
  writeFileSync(at('export-with-fifo/corporate-ca.pem'), rootPem);
  execFileSync('mkfifo', [at('export-with-fifo/ca-bundle.pem')]);
});

after(() => {
  if (existsSync(at('locked'))) chmodSync(at('locked'), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

/** A usage error (exit 2) naming the problem; a hang would end at the test's LIMIT instead. */
async function usage(args: string[], pattern: RegExp) {
  const run = await cli(args, { HOME: dir });
  assert.equal(run.code, 2, `${args.join(' ')}\n${run.stderr}${run.stdout}`);
  assert.match(run.stderr, pattern);
  assert.doesNotMatch(run.stderr, /EACCES|scandir|internal/);
}

describe('user-named files', () => {
  it('a FIFO or device as --trust-store / --public-roots', LIMIT, async () => {
    await usage(['detect', ...OFFLINE, '--trust-store', at('pipe.pem')], /--trust-store .*pipe\.pem: not a regular file \(a named pipe\)/);
    await usage(['detect', ...OFFLINE, '--public-roots', '/dev/zero'], /--public-roots \/dev\/zero: not a regular file \(a device\)/);
  });

  it('a FIFO met inside a --trust-store folder is named, and skipped (the rest is kept)', LIMIT, async () => {
    const run = await cli(['detect', '--json', ...OFFLINE, '--trust-store', at('store-with-fifo')], { HOME: dir });
    assert.notEqual(run.code, 2, run.stderr);
    const store = run.json().trustStore;
    assert.equal(store.anchors, 1);
    assert.deepEqual(store.problems, [{ source: at('store-with-fifo/b-pipe.pem'), reason: 'skipped: not a regular file (a named pipe)' }]);
  });

  it('a file over the 4 MiB cap as export --from', LIMIT, async () => {
    await usage(
      ['export', '--from', at('huge.pem'), '--no-detect', '--out', at('out')],
      new RegExp(`--from:? .*huge\\.pem: larger than ${USER_FILE_MAX_BYTES} bytes`),
    );
  });

  it('a FIFO as --client-cert, --client-key or --ca', LIMIT, async () => {
    const check = ['check', 'nowhere.invalid', '--connect-to', 'nowhere.invalid:443:127.0.0.1:1', '--trust-store', at('root.pem')];
    await usage(
      [...check, '--client-cert', at('pipe.pem'), '--client-key', at('root.pem')],
      /--client-cert .*pipe\.pem: not a regular file \(a named pipe\)/,
    );
    await usage(
      [...check, '--client-cert', at('root.pem'), '--client-key', at('pipe.pem')],
      /--client-key .*pipe\.pem: not a regular file \(a named pipe\)/,
    );
    await usage([...check, '--ca', at('pipe.pem')], /--ca .*pipe\.pem: not a regular file \(a named pipe\)/);
  });

  it("a FIFO among verify's export files", LIMIT, async () => {
    await usage(['verify', '--dir', at('export-with-fifo'), ...OFFLINE], /ca-bundle\.pem: not a regular file \(a named pipe\)/);
  });

  it('a FIFO as SSL_CERT_FILE: the Linux store reader records it as a problem and goes on', LIMIT, async () => {
    mkdirSync(at('empty-local'), { recursive: true });
    const store = await readLinuxStore({ env: { SSL_CERT_FILE: at('pipe.pem') }, bundles: [], localCaDir: at('empty-local') });
    assert.equal(store.anchors.size, 0);
    assert.match(store.problems.map((p) => p.reason).join('\n'), /pipe\.pem: not a regular file \(a named pipe\)/);
  });

  it('a FIFO, a device or a file over the cap as explain --detection; a FIFO as the cache file is passed over', LIMIT, async () => {
    const curl60 = 'curl: (60) SSL certificate problem: unable to get local issuer certificate';
    // A child process: before the fix, reading the FIFO blocked for ever (and a worker thread with it).
    const fifo = await runCliChild(['explain', '--detection', at('pipe.pem'), curl60], { killAfterMs: 20_000, env: { HOME: dir } });
    assert.equal(fifo.killed, false, 'explain --detection FIFO hung');
    assert.equal(fifo.code, 2, fifo.stderr);
    assert.match(fifo.stderr, /--detection .*pipe\.pem: not a regular file \(a named pipe\)/);
    await usage(['explain', '--detection', '/dev/zero', curl60], /--detection \/dev\/zero: not a regular file \(a device\)/);
    await usage(
      ['explain', '--detection', at('huge.pem'), curl60],
      new RegExp(`--detection .*huge\\.pem: larger than ${USER_FILE_MAX_BYTES} bytes`),
    );

    const home = at('home-with-fifo-cache');
    mkdirSync(path.join(home, '.cache', 'ca-bridge'), { recursive: true });
    execFileSync('mkfifo', [path.join(home, '.cache', 'ca-bridge', 'last-detection.json')]);
    const cached = await runCliChild(['explain', curl60], { killAfterMs: 20_000, env: { HOME: home } });
    assert.equal(cached.killed, false, 'explain hung on a FIFO as its cache file');
    assert.equal(cached.code, 0, cached.stderr);
    assert.match(cached.stdout, /curl error 60/);
  });

  it(
    'a --detection report with fields of the wrong type is a usage error naming the file and the field, never a raw JS error',
    LIMIT,
    async () => {
      writeFileSync(at('typed-wrong.json'), JSON.stringify({ verdict: 'inspected', at: 5, vendor: 7, inspectionCa: { subject: [1] } }));
      await usage(
        ['explain', '--detection', at('typed-wrong.json'), 'curl: (60) SSL certificate problem'],
        /--detection .*typed-wrong\.json: .*\((at|vendor): /,
      );
      writeFileSync(at('verdict-wrong.json'), JSON.stringify({ verdict: { no: 1 } }));
      await usage(['explain', '--detection', at('verdict-wrong.json'), 'x'], /--detection .*verdict-wrong\.json: .*\(verdict: /);
    },
  );

  it('an unlistable --trust-store folder is a usage error naming the flag and the folder', LIMIT, async (t) => {
    // Root reads any folder, so as root the CLI runs as "nobody", for whom the folder is closed.
    const asRoot = process.getuid?.() === 0;
    const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
    if (asRoot && !setpriv) return t.skip('running as root without setpriv to drop privileges');
    chmodSync(dir, 0o755);
    mkdirSync(at('locked'));
    writeFileSync(at('locked/root.pem'), rootPem);
    chmodSync(at('locked'), 0o000);
    const run = await runCliChild(['detect', ...OFFLINE, '--trust-store', at('locked')], {
      killAfterMs: 60_000,
      env: { HOME: dir },
      wrapper: asRoot ? [setpriv!, '--reuid=65534', '--regid=65534', '--clear-groups'] : [],
    });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /--trust-store .*locked: the folder cannot be listed \(permission denied\)/);
    assert.doesNotMatch(run.stderr, /EACCES|scandir/);
  });
});
