/**
 * `ca-bridge ui --proxy/--targets/--public-roots/--trust-store` preset the page's settings, so a help
 * desk can hand a user one command line; a password inside the proxy URL is refused. Runs the built
 * CLI (npm run build) as the user would, and reads the presets the way the page does (getEnvironment).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { postJson } from '../helpers/ui-session.js';
import { presetFlow, INITIAL_FLOW } from '../../renderer/src/flow.js';

const BIN = path.resolve(import.meta.dirname, '../../dist/electron/cli/bin.js');

describe('ui presets', () => {
  it('refuses a password inside the proxy URL, never echoing it, before anything listens', { timeout: 60_000 }, async () => {
    for (const proxy of ['http://bob:hunter2@proxy.example:8080', 'pac+http://bob:hunter2@pac.example/proxy.pac']) {
      const run = await cli(['ui', '--no-open', '--proxy', proxy], { LANG: 'C' });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /type the password in the page's password field/);
      assert.doesNotMatch(run.stderr + run.stdout, /hunter2/);
    }
    const ja = await cli(['ui', '--no-open', '--proxy', 'http://bob:hunter2@proxy.example:8080'], { LANG: 'ja_JP.UTF-8' });
    assert.match(ja.stderr, /パスワード欄/);
  });

  it('refuses a malformed preset as detect would', async () => {
    const run = await cli(['ui', '--no-open', '--proxy', 'ftp://proxy.example:21'], {});
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--proxy: .*"ftp"/);
  });

  it('hands the presets to the page (files made absolute), and a fresh page starts with them', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'ui',
        '--no-open',
        '--port',
        '0',
        '--proxy',
        'http://alice@proxy.example:8080',
        '--targets',
        'intranet.example',
        '--public-roots',
        'roots.pem',
      ],
      { cwd: '/tmp', env: { PATH: process.env.PATH, HOME: '/tmp', LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<URL>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(out);
          if (m) resolve(new URL(m[0]));
        });
        child.on('exit', (code) => reject(new Error(`ui ended (${code}): ${out}`)));
      });
      const port = Number(url.port);
      const code = url.hash.replace(/^#code=/, '');
      const session = await postJson(port, '/api/session', JSON.stringify({ code }));
      assert.equal(session.status, 200, session.text);
      const { token } = JSON.parse(session.text);
      const env = await postJson(port, '/api/getEnvironment', '{}', { authorization: `Bearer ${token}` });
      const presets = JSON.parse(env.text).value.presets;
      assert.deepEqual(presets, {
        targets: 'intranet.example',
        proxy: 'http://alice@proxy.example:8080',
        publicRootsFile: '/tmp/roots.pem',
      });
      const flow = presetFlow(presets);
      assert.equal(flow.settings.proxy, 'http://alice@proxy.example:8080');
      assert.equal(flow.settings.targets, 'intranet.example');
      assert.equal(flow.settings.proxyPassword, '');
      assert.deepEqual(presetFlow(undefined), INITIAL_FLOW);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
