/**
 * Ctrl+C in the CLI cancels the operation for real: the connection to a site that never answers is
 * closed (verify's tools, in process groups of their own, are killed the same way: see
 * test/engine/verify-cancel.test.ts), and the command ends with 130 saying it was cancelled.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('Ctrl+C', () => {
  // A generous limit: without the cancellation the probe would wait for its 600 s.
  it('cancels a running detect: the connection closes, exit status 130', { timeout: 120_000 }, async () => {
    let accepted!: (socket: net.Socket) => void;
    const connection = new Promise<net.Socket>((resolve) => (accepted = resolve));
    const silent = net.createServer((socket) => {
      socket.resume(); // read the ClientHello, so that the client's close is seen
      accepted(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const args = ['detect', '--targets', 'silent.test', '--connect-to', `silent.test:443:127.0.0.1:${port}`, '--proxy', 'direct'];
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/bin.ts'), ...args, '--timeout', '600000'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: ROOT },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    try {
      const socket = await connection;
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      child.kill('SIGINT');
      await closed;
      assert.equal(await exited, 130, stderr);
      assert.match(stderr, /ca-bridge detect: cancelled \(Ctrl\+C\)/);
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
