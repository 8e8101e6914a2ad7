import assert from 'node:assert/strict';
import type { IpcMainInvokeEvent } from 'electron';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CANCEL_CHANNEL, channelFor, OPERATION_NAMES, PROGRESS_CHANNEL } from '../../shared/api/operations.js';
import { createService, type CallOptions } from '../../electron/core/service/service.js';
import { createDesktopOps } from '../../electron/main/desktop-ops.js';
import { registerIpcHandlers } from '../../electron/main/ipc.js';
import { hardenWebContents, isTrustedSender, windowOptions } from '../../electron/main/security.js';
import { proxyFromPac } from '../../electron/core/proxy/pac.js';
import { deadPort } from '../helpers/dead-port.js';
import { startSilentServer } from '../helpers/silent-server.js';
import { makeTestExport } from '../ledger/lab-export.js';

const APP_URL = 'file:///opt/CA%20Bridge/resources/app.asar/renderer/dist/index.html';
type Handler = (event: IpcMainInvokeEvent, input: unknown, operationId?: unknown) => Promise<any>;
type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => void;

/** The signal of each engine call, in order: what a cancel message must reach. */
const signals: (AbortSignal | undefined)[] = [];

function setup(desktopCalls: string[] = [], listeners = new Map<string, Listener>(), env: NodeJS.ProcessEnv = {}) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, fn: Handler) => void handlers.set(channel, fn),
    on: (channel: string, fn: Listener) => void listeners.set(channel, fn),
  };
  const engine = createService({ env, platform: 'linux', locale: 'ja-JP', emit: () => {}, nativeDialogs: true });
  const service = {
    call: ((name: never, raw: unknown, options?: CallOptions) => (
      signals.push(options?.signal),
      engine.call(name, raw, options)
    )) as typeof engine.call,
  };
  const desktop = createDesktopOps({
    dialog: { showOpenDialog: async () => (desktopCalls.push('dialog'), { canceled: false, filePaths: ['/home/user/export'] }) } as never,
    shell: {
      showItemInFolder: () => void desktopCalls.push('show'),
      openExternal: async (url: string) => void desktopCalls.push(`open ${url}`),
    } as never,
    window: () => null,
  });
  registerIpcHandlers(ipcMain as never, { call: service.call, desktop, isTrusted: (e) => isTrustedSender(e as never, APP_URL) });
  return handlers;
}

const mainFrame = { url: APP_URL };
/** What the main process sent back to the page (progress) on the page's own channel. */
const sentToPage: [string, any][] = [];
const page = (id: number) => ({
  mainFrame,
  id,
  isDestroyed: () => false,
  send: (channel: string, payload: unknown) => sentToPage.push([channel, payload]),
});
const trusted = { senderFrame: mainFrame, sender: page(1) } as unknown as IpcMainInvokeEvent;

describe('main process IPC (Electron replaced at the module boundary)', () => {
  it('registers exactly one handler per contract operation', () => {
    assert.deepEqual([...setup().keys()].sort(), OPERATION_NAMES.map((n) => channelFor(n)).sort());
  });
  it('refuses untrusted senders: an iframe, a navigated-away page, another file:// page, no frame at all', async () => {
    const handlers = setup();
    const iframe = { senderFrame: { url: APP_URL }, sender: { mainFrame } };
    const foreign = { senderFrame: { url: 'https://evil.example/' }, sender: { mainFrame: { url: 'https://evil.example/' } } };
    foreign.sender.mainFrame = foreign.senderFrame;
    // Every file:// page shares the empty host: only the path tells our page from a downloaded one.
    const otherFile = { senderFrame: { url: 'file:///home/user/Downloads/evil.html' }, sender: { mainFrame: { url: '' } } };
    otherFile.sender.mainFrame = otherFile.senderFrame;
    for (const event of [iframe, foreign, otherFile, { senderFrame: null, sender: { mainFrame } }]) {
      const result = await handlers.get(channelFor('getEnvironment'))!(event as never, {});
      assert.equal(result.ok, false);
      assert.equal(result.error.code, 'untrusted-sender');
    }
  });
  it('refuses bad input with a message naming the field, before the engine runs', async () => {
    const handlers = setup();
    const cases: [string, unknown, RegExp][] = [
      ['detect', { timeoutMs: 'soon' }, /timeoutMs/],
      ['detect', { targets: 'a.example', evil: true }, /evil|Unrecognized/i],
      ['exportCa', { outDir: '' }, /outDir/],
      ['exportCa', { outDir: '/x', confirmUntrustedFingerprint: 'yes' }, /confirmUntrustedFingerprint/],
      ['snippets', { dir: '/x', shell: 'tcsh', lang: 'en' }, /shell/],
      ['explain', { text: 'x'.repeat(200_001), lang: 'en' }, /text/],
      ['openReference', { url: 'not a url' }, /url/],
    ];
    for (const [op, input, message] of cases) {
      const result = await handlers.get(channelFor(op as never))!(trusted, input);
      assert.equal(result.ok, false, op);
      assert.equal(result.error.code, 'bad-input', op);
      assert.match(result.error.message, message);
    }
  });
  it('returns engine errors as values', async () => {
    const handlers = setup();
    const badTargets = await handlers.get(channelFor('detect'))!(trusted, { targets: 'bad host!' });
    assert.deepEqual([badTargets.ok, badTargets.error.code], [false, 'bad-target']);
    const noDetection = await handlers.get(channelFor('exportCa'))!(trusted, { outDir: '/tmp/x' });
    assert.deepEqual([noDetection.ok, noDetection.error.code], [false, 'no-detection']);
    const missingExport = await handlers.get(channelFor('snippets'))!(trusted, { dir: '/nonexistent', shell: 'bash', lang: 'ja' });
    assert.equal(missingExport.error.code, 'missing-export');
    const env = await handlers.get(channelFor('getEnvironment'))!(trusted, {});
    assert.equal(env.ok, true);
    assert.equal(env.value.locale, 'ja-JP');
  });
  it('desktop operations: folder picker; only catalogue https links open; only existing files are shown', async () => {
    const calls: string[] = [];
    const handlers = setup(calls);
    assert.deepEqual((await handlers.get(channelFor('chooseFolder'))!(trusted, { title: 'Folder' })).value, { path: '/home/user/export' });
    assert.equal((await handlers.get(channelFor('openReference'))!(trusted, { url: 'https://evil.example/' })).error.code, 'bad-input');
    assert.equal((await handlers.get(channelFor('openReference'))!(trusted, { url: 'http://curl.se/docs/sslcerts.html' })).ok, false);
    assert.equal((await handlers.get(channelFor('openReference'))!(trusted, { url: 'https://curl.se/docs/sslcerts.html' })).ok, true);
    assert.equal((await handlers.get(channelFor('showInFolder'))!(trusted, { path: '/nonexistent/file' })).ok, false);
    assert.deepEqual(calls, ['dialog', 'open https://curl.se/docs/sslcerts.html']);
  });
});

describe('cancelling through IPC (Electron replaced at the module boundary)', () => {
  // A generous limit: without the cancellation the probe holds the connection for its 600 s.
  it(
    'a cancel message from the page stops its operation: the connection to a site that never answers is closed',
    { timeout: 60_000 },
    async () => {
      const listeners = new Map<string, Listener>();
      const handlers = setup([], listeners);
      const silent = await startSilentServer();
      try {
        const input = {
          targets: 'silent.test',
          proxy: 'direct',
          connectTo: [`silent.test:443:127.0.0.1:${silent.port}`],
          timeoutMs: 600_000,
        };
        const calls = signals.length;
        const answer = handlers.get(channelFor('detect'))!(trusted, input, 'page-call-1');
        const signal = signals[calls]!;
        await silent.accepted;
        const closed = silent.allClosed();
        const cancel = listeners.get(CANCEL_CHANNEL)!;
        // Another page, an untrusted frame, another id: none of them reaches this call.
        cancel({ ...trusted, sender: page(2) } as never, 'page-call-1');
        cancel({ senderFrame: { url: 'file:///home/user/Downloads/evil.html' }, sender: page(1) } as never, 'page-call-1');
        cancel(trusted, 'page-call-2');
        cancel(trusted, { toString: () => 'page-call-1' });
        assert.equal(signal.aborted, false, 'a cancel that was not the page’s own, for this call, aborted it');
        cancel(trusted, 'page-call-1');
        assert.equal(signal.aborted, true);
        await closed; // without the cancellation, the probe would hold it for its 600 s
        const result = await answer;
        assert.equal(result.ok, true, JSON.stringify(result));
      } finally {
        await silent.close();
      }
    },
  );
  it("a named call's progress goes to its page, tagged with its id; a malformed id is refused", async () => {
    const handlers = setup();
    const port = await deadPort();
    const hosts = ['p1.test', 'p2.test'];
    const input = {
      targets: hosts.join(','),
      proxy: 'direct',
      connectTo: hosts.map((h) => `${h}:443:127.0.0.1:${port}`),
      timeoutMs: 30_000,
    };
    sentToPage.length = 0;
    const result = await handlers.get(channelFor('detect'))!(trusted, input, 'page-call-3');
    assert.equal(result.ok, true);
    assert.deepEqual(
      sentToPage.map(([channel, event]) => `${channel} ${event.operationId} ${event.target.host}`).sort(),
      hosts.map((h) => `${PROGRESS_CHANNEL} page-call-3 ${h}`),
    );
    const bad = await handlers.get(channelFor('detect'))!(trusted, input, '../../x');
    assert.deepEqual([bad.ok, bad.error.code], [false, 'bad-input']);
  });
});

describe('window security', () => {
  it('"Set these up for me" and Health over IPC: the dry run writes nothing, apply records its entries, doctor names the line, Undo reverts exactly those entries', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'ca-bridge-ipc-ledger-'));
    try {
      const exportDir = path.join(home, 'export');
      mkdirSync(exportDir);
      makeTestExport(exportDir, 'IPC Ledger CA');
      const npmrc = path.join(home, '.npmrc');
      writeFileSync(npmrc, 'save-exact=true\nstrict-ssl=false\n');
      const sha = () => createHash('sha256').update(readFileSync(npmrc)).digest('hex');
      const original = sha();
      const handlers = setup([], new Map(), { HOME: home, PATH: process.env.PATH, NPM_CONFIG_GLOBALCONFIG: path.join(home, 'none') });
      const call = (op: Parameters<typeof channelFor>[0], input: unknown) => handlers.get(channelFor(op))!(trusted, input);

      const plan = await call('applyTools', { dir: exportDir, tools: ['npm'], dryRun: true });
      assert.equal(plan.ok, true, JSON.stringify(plan));
      assert.match(plan.value.tools[0].diff, new RegExp(`^\\+cafile=${path.join(exportDir, 'ca-bundle.pem')}$`, 'm'));
      assert.deepEqual(plan.value.tools[0].entries, []);
      assert.equal(sha(), original, 'the dry run wrote nothing');

      const applied = await call('applyTools', { dir: exportDir, tools: ['npm'] });
      assert.equal(applied.value.tools[0].entries.length, 1);
      const scan = await call('doctor', { cwd: home });
      const off = scan.value.findings.filter((f: { kind: string }) => f.kind === 'verification-off');
      assert.deepEqual(
        off.map((f: { source: unknown }) => f.source),
        [{ kind: 'file', file: npmrc, line: 3 }],
      );

      const undone = await call('undoChanges', { entries: applied.value.tools[0].entries });
      assert.deepEqual(
        undone.value.undone.map((u: { outcome: string }) => u.outcome),
        ['restored'],
      );
      assert.equal(sha(), original, 'sha256-identical after Undo');
      const refused = await call('undoChanges', { entries: ['../../etc'] });
      assert.equal(refused.error.code, 'bad-input');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
  it('follows the Electron security checklist', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences!;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.preload, '/app/preload.cjs');
  });
  it('denies navigation away, new windows and webviews', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: (() => { action: string }) | null = null;
    hardenWebContents(
      {
        on: (name: string, fn: never) => void listeners.set(name, fn),
        setWindowOpenHandler: (fn: never) => void (openHandler = fn),
      } as never,
      APP_URL,
    );
    let prevented = 0;
    const event = { preventDefault: () => void prevented++ };
    listeners.get('will-navigate')!(event, 'https://evil.example/');
    listeners.get('will-redirect')!(event, 'file:///etc/passwd');
    listeners.get('will-attach-webview')!(event);
    assert.equal(prevented, 3);
    listeners.get('will-navigate')!(event, APP_URL);
    assert.equal(prevented, 3, 'reloading the app itself is fine');
    assert.deepEqual(openHandler!(), { action: 'deny' });
  });
  it("PAC answers become the engine's proxy", () => {
    assert.equal(proxyFromPac('PROXY proxy.corp:8080; DIRECT'), 'http://proxy.corp:8080');
    assert.equal(proxyFromPac('DIRECT'), null);
    // The engine speaks every PAC kind now, with Chromium's meaning: SOCKS5 resolves names at the
    // proxy (socks5h), SOCKS is SOCKS 4 resolved here, HTTPS is TLS to the proxy.
    assert.equal(proxyFromPac('SOCKS5 s:1080; PROXY p:3128'), 'socks5h://s:1080');
    assert.equal(proxyFromPac('SOCKS s:1080'), 'socks4://s:1080');
    assert.equal(proxyFromPac('HTTPS h.corp; DIRECT'), 'https://h.corp:443');
    assert.equal(proxyFromPac('QUIC q:443; PROXY p:3128'), 'http://p:3128', 'a kind the engine does not know is skipped');
    assert.equal(proxyFromPac(''), null);
  });
});
