/**
 * The desktop main process, Electron replaced at the module boundary: two detections running at once
 * each ask Chromium's verifier through a session of their own (a shared one, like the default session
 * before, lets the second detection's verify procedure answer for the first); and the app's sessions
 * refuse every permission check and request but the clipboard write.
 */
import assert from 'node:assert/strict';
import type { Session } from 'electron';
import { describe, it } from 'node:test';
import { chromiumEvidence } from '../../electron/main/chromium-evidence.js';
import { createSessionPool, type SessionPool } from '../../electron/main/detect-sessions.js';
import { hardenSession } from '../../electron/main/security.js';
import type { DetectionResult } from '../../shared/detection.js';

type Proc = ((request: { hostname: string; isIssuedByKnownRoot: boolean }, callback: (code: number) => void) => void) | null;

/** A session whose verify procedure is what a request made through it meets, as in Chromium. */
class FakeSession {
  proc: Proc = null;
  constructor(readonly partition: string) {}
  setCertificateVerifyProc(proc: Proc) {
    this.proc = proc;
  }
}

const detection = (host: string) => ({ targets: [{ host, port: 443, status: 'inspected' }] }) as unknown as DetectionResult;

/** Two detections at once; each site's request reaches Chromium only after both have installed their procedure. */
async function twoDetections(pool: SessionPool): Promise<string[][]> {
  let release!: () => void;
  const bothStarted = new Promise<void>((resolve) => (release = resolve));
  let started = 0;
  const run = (host: string) =>
    pool.withSession(async (session) => {
      const fake = session as unknown as FakeSession;
      const head = async (url: string) => {
        if (++started === 2) release();
        await bothStarted;
        // Chromium asks the session's procedure now in place; a locally installed root is "not known".
        fake.proc?.({ hostname: new URL(url).hostname, isIssuedByKnownRoot: false }, () => {});
      };
      return (await chromiumEvidence(fake as unknown as Session, head, detection(host))).flatMap((e) => e.hosts);
    });
  return Promise.all([run('a.corp.test'), run('b.corp.test')]);
}

describe('desktop detections and Chromium sessions', () => {
  it('two concurrent detections each get their own in-memory session, and each reads its own verdicts', async () => {
    const made: FakeSession[] = [];
    const pool = createSessionPool((partition) => {
      const s = new FakeSession(partition);
      made.push(s);
      return s as unknown as Session;
    });
    assert.deepEqual(await twoDetections(pool), [['a.corp.test'], ['b.corp.test']]);
    assert.equal(made.length, 2);
    assert.ok(
      made.every((s) => !s.partition.startsWith('persist:')),
      'nothing of a probe is kept on disk',
    );
    // Given back: later detections reuse them, the number of sessions stays bounded.
    await twoDetections(pool);
    assert.equal(made.length, 2);
  });

  it('the control: one session shared by both (as the default session was) mixes them up', async () => {
    const shared = new FakeSession('shared') as unknown as Session;
    const sharedPool: SessionPool = { withSession: (work) => work(shared) };
    const [first] = await twoDetections(sharedPool);
    assert.deepEqual(first, [], "the first detection lost its verdicts to the second's procedure");
  });

  it('permission checks and requests: only the clipboard write is allowed', () => {
    let check: ((contents: unknown, permission: string) => boolean) | undefined;
    let request: ((contents: unknown, permission: string, callback: (ok: boolean) => void) => void) | undefined;
    hardenSession({
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
    } as never);
    assert.ok(check && request, 'both handlers are installed');
    for (const permission of ['geolocation', 'notifications', 'media', 'clipboard-read', 'hid', 'serial', 'usb', 'storage-access'])
      assert.equal(check(null, permission), false, permission);
    assert.equal(check(null, 'clipboard-sanitized-write'), true);
    const asked: boolean[] = [];
    request(null, 'media', (ok) => asked.push(ok));
    request(null, 'clipboard-sanitized-write', (ok) => asked.push(ok));
    assert.deepEqual(asked, [false, true]);
  });
});
