/**
 * Browser mode and inputs that never answer: a FIFO named as a file wedges whatever reads it. The
 * request must still get an answer by its deadline, other requests must go on, and the server must
 * stop on SIGTERM within a second or so. A port in use is a usage error naming --port.
 */
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { constants, mkdtempSync, openSync, closeSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startUiServer } from '../../electron/cli/ui-server.js';
import { cli } from '../helpers/cli.js';
import { closedPort as closedPortNumber, closeServer, listen } from '../lab/servers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-wedge-'));
const staticDir = path.join(dir, 'static');
execFileSync('mkdir', ['-p', staticDir]);
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>CA Bridge</title>');
let fifoCount = 0;
const children: ChildProcess[] = [];
const fifos: string[] = [];

function makeFifo(): string {
  const fifo = path.join(dir, `pipe-${fifoCount++}`);
  execFileSync('mkfifo', [fifo]);
  fifos.push(fifo);
  return fifo;
}

after(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // Release any reader still blocked on a FIFO in this process, so the test process can end.
  for (const fifo of fifos) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader left
    }
  }
});

function call(port: number, op: string, body: unknown, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/${op}`,
        method: 'POST',
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: data }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const codeOf = (url: string) => new URL(url).hash.replace('#code=', '');

describe('an operation wedged on a FIFO', () => {
  it('is answered with a timeout by its deadline, and other requests go on meanwhile', { timeout: 30_000 }, async () => {
    const home = mkdtempSync(path.join(dir, 'home-'));
    const server = await startUiServer({
      port: 0,
      staticDir,
      service: { env: { HOME: home }, platform: 'linux', locale: 'en-US' },
      limits: { operationDeadlineMs: 1500 },
    });
    try {
      const token = JSON.parse((await call(server.port, 'session', { code: codeOf(server.url) })).body).token as string;
      let wedgedAnswered = false;
      const wedged = call(server.port, 'detect', { targets: 'a.test', publicRootsFile: makeFifo(), timeoutMs: 1000 }, token).then(
        (res) => ((wedgedAnswered = true), res),
      );
      const env = await call(server.port, 'getEnvironment', {}, token);
      assert.equal(JSON.parse(env.body).ok, true);
      // Answered while the wedged operation still waited for its deadline, not in line behind it.
      assert.equal(wedgedAnswered, false, 'getEnvironment waited behind the wedged operation');
      const res = await wedged;
      const result = JSON.parse(res.body);
      assert.equal(result.ok, false);
      // Either the deadline cut it short, or the FIFO was refused outright as not a regular file.
      assert.ok(result.error.code === 'timeout' || /pipe|FIFO|regular/i.test(result.error.message), res.body);
    } finally {
      await server.close();
    }
  });
});

describe('export into a folder that never answers', () => {
  it('an output folder under /proc, or a FIFO where an output file goes: a prompt error, no wedge', { timeout: 60_000 }, async () => {
    const home = mkdtempSync(path.join(dir, 'home-'));
    const { issue } = await import('../lab/pki.js');
    const ca = path.join(dir, 'corp.pem');
    writeFileSync(ca, (await issue({ subject: 'CN=Corp Root', ca: true })).pem);
    const server = await startUiServer({ port: 0, staticDir, service: { env: { HOME: home }, platform: 'linux', locale: 'en-US' } });
    try {
      const token = JSON.parse((await call(server.port, 'session', { code: codeOf(server.url) })).body).token as string;
      // Export needs the trust inputs of a check first; a refused port is enough.
      const checked = await call(
        server.port,
        'detect',
        { targets: `127.0.0.1:${await closedPortNumber()}`, publicRootsFile: ca, trustStorePath: ca, timeoutMs: 2000 },
        token,
      );
      assert.equal(JSON.parse(checked.body).ok, true, checked.body);
      // Node's recursive mkdir spins forever on /proc/x (the kernel says ENOENT, it retries the parent).
      // A wedge would end in the server's deadline instead: a timeout, not this usage error naming the folder.
      const proc = await call(server.port, 'exportCa', { outDir: '/proc/ca-bridge-test/out', fromFile: ca }, token);
      const procResult = JSON.parse(proc.body);
      assert.equal(procResult.ok, false);
      assert.match(procResult.error.message, /\/proc\/ca-bridge-test/);
      // The page's output folder is the one to correct: a usage error on that field.
      assert.equal(procResult.error.code, 'bad-input');
      assert.equal(procResult.error.field, 'outDir');
      const out = mkdtempSync(path.join(dir, 'out-'));
      execFileSync('mkfifo', [path.join(out, 'corporate-ca.pem')]);
      fifos.push(path.join(out, 'corporate-ca.pem'));
      const fifo = await call(server.port, 'exportCa', { outDir: out, fromFile: ca, force: true }, token);
      const fifoResult = JSON.parse(fifo.body);
      assert.equal(fifoResult.ok, false);
      assert.match(fifoResult.error.message, /corporate-ca\.pem exists and is a named pipe, not a regular file/);
    } finally {
      await server.close();
    }
  });
});

describe('the ui command', () => {
  it('stops on SIGTERM, even with operations wedged on a FIFO', { timeout: 60_000 }, async () => {
    const home = mkdtempSync(path.join(dir, 'home-'));
    const script = `
      import { startUiServer } from './electron/cli/ui-server.js';
      import { untilSignal } from './electron/cli/commands/ui.js';
      // The engine's log line for an operation that passed validation tells the test it runs (an event, not a sleep).
      const log = { log: (_level, message) => void (message.startsWith('detect {') && process.stdout.write('started\\n')) };
      const server = await startUiServer({ port: 0, staticDir: ${JSON.stringify(staticDir)}, service: { env: { HOME: ${JSON.stringify(home)} }, platform: 'linux', locale: 'en-US', log } });
      process.stdout.write(JSON.stringify({ port: server.port, url: server.url }) + '\\n');
      await untilSignal(server);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    let out = '';
    const waiters: { line: number; resolve: (text: string) => void }[] = [];
    /** The child's stdout line `line` (0-based), as soon as it is written. */
    const lineOf = (line: number) => new Promise<string>((resolve) => (waiters.push({ line, resolve }), deliver()));
    const deliver = () => {
      const lines = out.split('\n');
      for (const w of waiters) if (lines.length > w.line + 1) w.resolve(lines[w.line]!);
    };
    child.stdout!.on('data', (d) => ((out += d), deliver()));
    const first = await Promise.race([
      lineOf(0),
      new Promise<never>((_, reject) => child.once('exit', () => reject(new Error(`server exited early: ${stderr}`)))),
    ]);
    const { port, url } = JSON.parse(first) as { port: number; url: string };
    const token = JSON.parse((await call(port, 'session', { code: codeOf(url) })).body).token as string;
    // Several wedged reads, more than one thread of the pool.
    for (let i = 0; i < 5; i++)
      call(port, 'detect', { targets: 'a.test', publicRootsFile: makeFifo(), timeoutMs: 100_000 }, token).catch(() => undefined);
    // All five are running (line 0 is the address, lines 1 to 5 their starts).
    assert.equal(await lineOf(5), 'started');
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    // A server held by its wedged operations would never exit: the test's time limit is the bound.
    await exited;
  });

  it('a port in use: exit 2, naming --port and the port', async () => {
    const blocker = net.createServer();
    const port = await listen(blocker);
    try {
      const run = await cli(['ui', '--no-open', '--port', String(port)]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, new RegExp(`--port ${port}: port ${port} on 127\\.0\\.0\\.1 is already in use`));
      assert.doesNotMatch(run.stderr, /EADDRINUSE|at .*\.ts:\d+/);
    } finally {
      await closeServer(blocker);
    }
  });
});
