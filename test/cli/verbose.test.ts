import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileLogger, redactForLog } from '../../electron/core/operations/log.js';
import { cli } from '../helpers/cli.js';

let dir: string;
before(async () => (dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-log-'))));
after(() => rm(dir, { recursive: true, force: true }));

describe('the error trail', () => {
  it('--verbose writes what each operation did to stderr, without credentials; without it, nothing', async () => {
    // Port 9 on loopback refuses at once: a failing run that still goes through the whole operation.
    const args = [
      'detect',
      '--json',
      '--targets',
      'a.example,b.example',
      '--proxy',
      'http://alice:s3cret-pw@127.0.0.1:9',
      '--timeout',
      '5000',
    ];
    const quiet = await cli(args);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.doesNotMatch(quiet.stderr, /ca-bridge: .* debug /);
    const loud = await cli([...args.slice(0, 1), '--verbose', ...args.slice(1)], { PROXY_PASSWORD: 'another-secret' });
    assert.equal(loud.code, 0, loud.stderr);
    assert.equal(loud.json().verdict, 'inconclusive', '--verbose leaves stdout one JSON document');
    assert.match(loud.stderr, /ca-bridge: \S+ debug detect \{/);
    assert.match(loud.stderr, /ca-bridge: \S+ info {2}detect: inconclusive/);
    assert.match(loud.stderr, /\/\/\*\*\*@127\.0\.0\.1:9/);
    assert.doesNotMatch(loud.stderr, /s3cret|alice/);
  });
  it('a refused input is logged with its reason, and usage still exits 2', async () => {
    const run = await cli(['detect', '--concurrency', '65', '--verbose']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /info {2}detect: refused input: concurrency: must be between 1 and 64/);
  });
  it('redaction: URLs, Authorization headers, credential-like environment values; lines are bounded', () => {
    const env = { NPM_TOKEN: 'tok-123456', HOME: '/home/user' };
    const out = redactForLog('GET https://bob:pw@x.example/ Proxy-Authorization: Basic Ym9iOnB3 token tok-123456 in /home/user', env);
    assert.doesNotMatch(out, /bob|pw@|Ym9iOnB3|tok-123456/);
    assert.match(out, /\/home\/user/, 'ordinary values stay readable');
    assert.ok(redactForLog('x'.repeat(100_000)).length < 5000);
  });
  it('the desktop log file: appended, redacted, rotated once past its limit', async () => {
    const file = path.join(dir, 'logs', 'ca-bridge.log');
    const log = fileLogger(file, {}, 2000);
    log.log('info', 'proxy http://carol:hunter2@proxy.example:8080 chosen');
    const first = await readFile(file, 'utf8');
    assert.match(first, /info {2}proxy http:\/\/\*\*\*@proxy\.example:8080 chosen\n$/);
    assert.doesNotMatch(first, /hunter2/);
    for (let i = 0; i < 40; i++) log.log('debug', `line ${i} ${'y'.repeat(80)}`);
    assert.ok((await stat(file)).size <= 2000);
    const older = await readFile(`${file}.1`, 'utf8');
    assert.match(older, /debug line \d+ y+\n$/, 'the previous generation is kept whole');
    assert.ok(older.length <= 2000, 'one generation, bounded too');
  });
});
