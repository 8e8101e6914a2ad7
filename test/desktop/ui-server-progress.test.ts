/**
 * Browser mode with two tabs: each tab has its own session, and sees the progress of its own operations
 * only, each event naming its operation. A request abandoned before its answer cancels the operation.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startUiServer, type UiServer } from '../../electron/cli/ui-server.js';
import { startSilentServer } from '../helpers/silent-server.js';
import { getEvents, postJson, uiSessionToken } from '../helpers/ui-session.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-ui-progress-'));
writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>CA Bridge</title>');
let server: UiServer;
/** A port nothing listens on: every probe is refused at once, and still reports its progress. */
let closedPort: number;

before(async () => {
  server = await startUiServer({ port: 0, staticDir: dir, service: { env: { HOME: dir }, platform: 'linux', locale: 'en-US' } });
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Stream {
  events: { type: string; operationId?: string; target?: { host: string } }[];
  /** Resolves once the stream has received `count` events (they travel apart from the answer). */
  received(count: number): Promise<void>;
  close(): void;
}

/** Opens the progress stream of a session, as the page does; resolves once the server has it. */
function openEvents(token: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const events: Stream['events'] = [];
    const waiting: { count: number; resolve: () => void }[] = [];
    const received = (count: number) =>
      new Promise<void>((done) => (events.length >= count ? done() : waiting.push({ count, resolve: done })));
    const req = getEvents(server.port, token, (res) => {
      let buffered = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        buffered += chunk;
        const parts = buffered.split('\n\n');
        buffered = parts.pop()!;
        for (const part of parts) if (part.startsWith('data: ')) events.push(JSON.parse(part.slice('data: '.length)));
        for (const w of waiting) if (events.length >= w.count) w.resolve();
        if (parts.some((p) => p.startsWith(': connected'))) resolve({ events, received, close: () => req.destroy() });
      });
    });
    req.on('error', reject);
  });
}

function detect(token: string, hosts: string[]) {
  const body = {
    targets: hosts.join(','),
    proxy: 'direct',
    connectTo: hosts.map((h) => `${h}:443:127.0.0.1:${closedPort}`),
    timeoutMs: 30_000,
  };
  return postJson(server.port, '/api/detect', JSON.stringify(body), { authorization: `Bearer ${token}` });
}

/** A site that accepts and never answers, and a detect of it whose own limit is far beyond any test. */
async function silentSite() {
  const silent = await startSilentServer();
  const body = JSON.stringify({
    targets: 'silent.test',
    proxy: 'direct',
    connectTo: [`silent.test:443:127.0.0.1:${silent.port}`],
    timeoutMs: 600_000,
  });
  return { ...silent, body };
}

describe('browser mode: progress per session', () => {
  it('two tabs running at once each see only their own progress, tagged with their operation', async () => {
    const [a, b] = [await uiSessionToken(server), await uiSessionToken(server)];
    const [streamA, streamB] = [await openEvents(a), await openEvents(b)];
    const hostsA = ['a1.test', 'a2.test'];
    const hostsB = ['b1.test', 'b2.test', 'b3.test'];
    const [answerA, answerB] = await Promise.all([detect(a, hostsA), detect(b, hostsB)]);
    assert.equal(answerA.status, 200, answerA.text);
    assert.equal(answerB.status, 200, answerB.text);
    await Promise.all([streamA.received(hostsA.length), streamB.received(hostsB.length)]);
    streamA.close();
    streamB.close();
    const seen = (s: Stream) => s.events.map((e) => e.target?.host).sort();
    assert.deepEqual(seen(streamA), hostsA);
    assert.deepEqual(seen(streamB), hostsB);
    const ids = (s: Stream) => new Set(s.events.map((e) => e.operationId));
    assert.equal(ids(streamA).size, 1);
    assert.equal(ids(streamB).size, 1);
    assert.notDeepEqual([...ids(streamA)], [...ids(streamB)]);
    assert.match([...ids(streamA)][0] ?? '', /^[A-Za-z0-9_-]{12}$/);
  });

  // A generous limit: without the cancellation the probe holds the connection for its 600 s.
  it('a deadline cancels the operation for real: the connection to a site that never answers is closed', { timeout: 60_000 }, async () => {
    // A site that accepts and never answers; the probe's own limit is far beyond the server's deadline.
    const site = await silentSite();
    const limited = await startUiServer({
      port: 0,
      staticDir: dir,
      service: { env: { HOME: dir }, platform: 'linux', locale: 'en-US' },
      limits: { operationDeadlineMs: 3000 },
    });
    try {
      const token = await uiSessionToken(limited);
      const answer = postJson(limited.port, '/api/detect', site.body, { authorization: `Bearer ${token}` });
      await site.accepted;
      const closed = site.allClosed();
      const result = JSON.parse((await answer).text);
      assert.equal(result.error?.code, 'timeout');
      await closed; // without the cancellation, the probe would hold it for its 600 s
    } finally {
      await limited.close();
      await site.close();
    }
  });

  it("the page cancels its named call: only its own session can, and the site's connection is closed", { timeout: 60_000 }, async () => {
    const site = await silentSite();
    try {
      const [token, other] = [await uiSessionToken(server), await uiSessionToken(server)];
      const auth = (t: string) => ({ authorization: `Bearer ${t}` });
      const answer = postJson(server.port, '/api/detect', site.body, { ...auth(token), 'x-operation-id': 'tab-call-0001' });
      await site.accepted;
      const closed = site.allClosed();
      const cancel = (t: string, operationId: unknown) => postJson(server.port, '/api/cancel', JSON.stringify({ operationId }), auth(t));
      // Another tab naming the same id reaches nothing; a malformed id is refused.
      assert.deepEqual(JSON.parse((await cancel(other, 'tab-call-0001')).text), { ok: true, value: { cancelled: false } });
      assert.equal((await cancel(token, '../x')).status, 400);
      assert.deepEqual(JSON.parse((await cancel(token, 'tab-call-0001')).text), { ok: true, value: { cancelled: true } });
      await closed; // without the cancellation, the probe would hold it for its 600 s
      const result = await answer;
      assert.equal(result.status, 200, result.text);
    } finally {
      await site.close();
    }
  });

  it("a request the page abandons cancels its operation: the site's connection is closed", { timeout: 60_000 }, async () => {
    const site = await silentSite();
    try {
      const token = await uiSessionToken(server);
      const request = http.request({
        host: '127.0.0.1',
        port: server.port,
        path: '/api/detect',
        method: 'POST',
        headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', authorization: `Bearer ${token}` },
      });
      request.on('error', () => {}); // the abort below ends it with ECONNRESET
      request.end(site.body);
      await site.accepted;
      const closed = site.allClosed();
      request.destroy();
      await closed; // without the cancellation, the probe would hold it for its 600 s
    } finally {
      await site.close();
    }
  });
});
