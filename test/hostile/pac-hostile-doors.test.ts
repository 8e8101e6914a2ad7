/**
 * A hostile PAC evaluation never holds up the front door that started it. Browser mode: GET / is
 * answered while the evaluation runs. The desktop main process (Electron replaced at the module
 * boundary, as in test/desktop/main-process.test.ts): another IPC call is answered meanwhile. "While it
 * runs" is shown by events, not by timing: the script announces its start through alert() (which
 * reaches the operation's log), and the engine logs the evaluation's end (the time limit); the
 * answers must come between the two: several in a row, each after a turn of the event loop, so that
 * a thread blocked by the evaluation (which delivers the start only when it is free again, moments
 * before the end) cannot pass by luck. Two scripts: one looping inside QuickJS, one stuck on the host
 * side in shExpMatch (only terminating the evaluator's thread stops that one).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { IpcMainInvokeEvent } from 'electron';
import { channelFor } from '../../shared/api/operations.js';
import { startUiServer } from '../../electron/cli/ui-server.js';
import type { Logger } from '../../electron/core/operations/log.js';
import { createService } from '../../electron/core/service/service.js';
import { createPacEngine } from '../../electron/core/proxy/pac/pac-engine.js';
import { createDesktopOps } from '../../electron/main/desktop-ops.js';
import { registerIpcHandlers } from '../../electron/main/ipc.js';
import { callOperation, getPage, uiSessionToken } from '../helpers/ui-session.js';
import { startLab, type Lab } from '../lab/lab.js';
import { startPacServer, type PacServer } from '../lab/pac.js';
import { announcedPac, detectThroughPac } from './pac-corpus.js';

const CASES = ['never-returns', 'glob-huge'];
/** Answers asked for one after another during the evaluation. */
const ROUNDS = 5;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

let lab: Lab;
let pac: PacServer;
let dir: string;

before(async () => {
  lab = await startLab();
  pac = await startPacServer(Object.fromEntries(CASES.map((name) => [`/${name}.pac`, announcedPac(name)])));
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-pac-doors-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>CA Bridge</title>');
});
after(async () => {
  await pac.close();
  await lab.close();
  await rm(dir, { recursive: true, force: true });
});

/** A logger that resolves `started` at the script's alert and `ended` when the engine reports the time limit. */
function watchingLogger() {
  let onStart!: () => void;
  let onEnd!: () => void;
  const started = new Promise<void>((resolve) => (onStart = resolve));
  const ended = new Promise<void>((resolve) => (onEnd = resolve));
  const state = { ended: false };
  const log: Logger = {
    log: (_level, message) => {
      if (message.includes('alert(): evaluation started')) onStart();
      if (/FindProxyForURL\(.*\) did not finish within the time limit/.test(message)) {
        state.ended = true;
        onEnd();
      }
    },
  };
  return { log, started, ended, state };
}

const detectInput = (name: string) => detectThroughPac(lab, pac.url(`/${name}.pac`));

/** The evaluation ran out of time: the site went direct, as Chromium does, and the note says why. */
function assertWentDirect(detection: any): void {
  const notes = detection.proxySource.notes.map((n: any) => [n.code, n.problem, n.sites]);
  assert.deepEqual(notes, [['pac-failed', 'script-timeout', [`${lab.hosts[0]}:443`]]]);
  assert.equal(detection.targets[0].proxyUsed, null);
}

describe('browser mode answers GET / while a hostile PAC is evaluated', () => {
  for (const name of CASES) {
    it(name, { timeout: 120_000 }, async () => {
      const watch = watchingLogger();
      const server = await startUiServer({
        port: 0,
        staticDir: dir,
        service: { env: {}, platform: 'linux', locale: 'en-US', log: watch.log },
      });
      try {
        const token = await uiSessionToken(server);
        const detect = callOperation(server, token, 'detect', detectInput(name));
        await watch.started;
        for (let round = 0; round < ROUNDS; round++) {
          await nextTurn();
          assert.equal((await getPage(server.port)).status, 200);
          assert.equal(watch.state.ended, false, `GET / number ${round + 1} was answered only after the evaluation ended`);
        }
        const result = JSON.parse(await detect);
        await watch.ended;
        assert.equal(result.ok, true, JSON.stringify(result));
        assertWentDirect(result.value);
      } finally {
        await server.close();
      }
    });
  }
});

describe('the desktop main process answers IPC while a hostile PAC is evaluated', () => {
  const APP_URL = 'file:///opt/CA%20Bridge/resources/app.asar/renderer/dist/index.html';
  const mainFrame = { url: APP_URL };
  const trusted = { senderFrame: mainFrame, sender: { mainFrame } } as unknown as IpcMainInvokeEvent;
  type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<any>;

  for (const name of CASES) {
    it(name, { timeout: 120_000 }, async () => {
      const watch = watchingLogger();
      const handlers = new Map<string, Handler>();
      const ipcMain = { handle: (channel: string, fn: Handler) => void handlers.set(channel, fn), on: () => {} };
      const service = createService({ env: {}, platform: 'linux', locale: 'ja-JP', emit: () => {}, nativeDialogs: true, log: watch.log });
      const desktop = createDesktopOps({ dialog: {} as never, shell: {} as never, window: () => null });
      registerIpcHandlers(ipcMain as never, { call: service.call, desktop, isTrusted: () => true });
      const detect = handlers.get(channelFor('detect'))!(trusted, detectInput(name));
      await watch.started;
      for (let round = 0; round < ROUNDS; round++) {
        await nextTurn();
        const environment = await handlers.get(channelFor('getEnvironment'))!(trusted, {});
        assert.equal(environment.ok, true);
        assert.equal(watch.state.ended, false, `IPC call number ${round + 1} was answered only after the evaluation ended`);
      }
      const result = await detect;
      await watch.ended;
      assert.equal(result.ok, true);
      assertWentDirect(result.value);
    });
  }
});

describe('cancelling ends a hostile evaluation at once', () => {
  it(
    'never-returns: aborted at its first alert(), the answer is "cancelled", not the time limit 3 s later',
    { timeout: 60_000 },
    async () => {
      const controller = new AbortController();
      const engine = await createPacEngine(announcedPac('never-returns'), 'cancel.pac', { onAlert: () => controller.abort() });
      assert.ok(engine.ok, !engine.ok ? engine.error.message : '');
      const answer = await engine.value.findProxy('https://a.example/', 'a.example', controller.signal);
      assert.equal(answer.ok, false);
      assert.match(!answer.ok ? answer.error.message : '', /FindProxyForURL\("a\.example"\) cancelled$/);
      // The next evaluation with the same (aborted) signal is refused before a thread is started.
      const again = await engine.value.findProxy('https://b.example/', 'b.example', controller.signal);
      assert.match(!again.ok ? again.error.message : '', /cancelled$/);
      engine.value.dispose();
    },
  );
});
