/**
 * A server that floods bytes after the TLS handshake: `check` keeps only the head of the answer it
 * asked for and hangs up, instead of buffering everything the server sends until its timer fires.
 */
import assert from 'node:assert/strict';
import tls from 'node:tls';
import { after, before, test } from 'node:test';
import { cli } from '../helpers/cli.js';
import { issue } from '../lab/pki.js';
import { listen } from '../lab/servers.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-flood-'));
const CHUNK = Buffer.alloc(64 * 1024, 'x');
let server: tls.Server;
let port: number;
let rootFile: string;
/** Per connection: bytes the server handed to the kernel, and how long the client kept it open. */
const connections: { sent: number; ms: number }[] = [];

before(async () => {
  const root = await issue({ subject: 'CN=Flood Root', ca: true });
  const leaf = await issue({ subject: 'CN=flood.example', hosts: ['flood.example'], issuer: root });
  rootFile = path.join(dir, 'root.pem');
  writeFileSync(rootFile, root.pem);
  server = tls.createServer({ cert: leaf.pem, key: leaf.keyPem }, (socket) => {
    const stats = { sent: 0, ms: 0 };
    connections.push(stats);
    const opened = performance.now();
    socket.once('close', () => (stats.ms = performance.now() - opened));
    socket.on('error', () => socket.destroy());
    // Never an HTTP head (no blank line): just bytes, as fast as the client takes them.
    const pump = () => {
      while (!socket.destroyed) {
        stats.sent += CHUNK.length;
        if (!socket.write(CHUNK)) return void socket.once('drain', pump);
      }
    };
    pump();
  });
  port = await listen(server);
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

test('check against a server flooding after the handshake reads a bounded amount and still reports the chain', async () => {
  const started = performance.now();
  const run = await cli(
    [
      'check',
      'flood.example',
      '--connect-to',
      `flood.example:443:127.0.0.1:${port}`,
      '--trust-store',
      rootFile,
      '--public-roots',
      rootFile,
      '--timeout',
      '20000',
      '--json',
    ],
    { HOME: dir },
  );
  const ms = performance.now() - started;
  assert.equal(run.code, 0, run.stderr);
  const result = run.json<{ chain: { subject: string }[]; error: unknown }>();
  assert.equal(result.error, null);
  assert.equal(result.chain[0]?.subject, 'CN=flood.example');
  const most = Math.max(...connections.map((c) => c.sent));
  const longest = Math.max(...connections.map((c) => c.ms));
  const figures = `at most ${(most / 1048576).toFixed(1)} MB pushed and ${longest.toFixed(0)} ms open per connection; check took ${ms.toFixed(0)} ms`;
  // The old code read everything until its 3-second timer fired (161 MB in one measurement). Now the
  // client hangs up once it holds 16 KiB; loopback socket buffers still take a few MB before the
  // hang-up arrives. A loose bound on bytes, the behaviour; the times are only reported.
  assert.ok(most < 32 * 1024 * 1024, figures);
  console.log(`flood: ${figures}`);
});
