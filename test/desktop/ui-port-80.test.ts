/**
 * `ca-bridge ui --port 80`: browsers omit the default port from Host and Origin, so the page's own
 * requests arrive as "Host: 127.0.0.1". They must be served, while a foreign Host still is not.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { allowedHostsFor, startUiServer } from '../../electron/cli/ui-server.js';

const get = (port: number, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });

describe('browser mode on port 80', () => {
  it('the Host and Origin a browser sends for port 80 (no ":80") are our own page', () => {
    assert.ok(allowedHostsFor(80).includes('127.0.0.1'));
    assert.ok(allowedHostsFor(80).includes('localhost'));
    assert.ok(!allowedHostsFor(8080).includes('127.0.0.1'), 'on any other port the port is part of Host');
  });

  it('a real server on port 80 answers "Host: 127.0.0.1" and refuses a foreign Host', async (t) => {
    const staticDir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-ui80-'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>CA Bridge</title>');
    const server = await startUiServer({
      port: 80,
      staticDir,
      service: { env: { HOME: staticDir }, platform: 'linux', locale: 'en-US' },
    }).catch((error: NodeJS.ErrnoException) => error);
    if (server instanceof Error) return t.skip(`port 80 on 127.0.0.1 is not available here (${server.code})`);
    try {
      assert.equal(await get(80, { host: '127.0.0.1' }), 200);
      assert.equal(await get(80, { host: '127.0.0.1:80', origin: 'http://127.0.0.1' }), 200);
      assert.equal(await get(80, { host: 'evil.example' }), 421);
    } finally {
      await server.close();
    }
  });
});
