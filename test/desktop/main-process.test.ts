import assert from 'node:assert/strict';
import type { IpcMainInvokeEvent } from 'electron';
import { describe, it } from 'node:test';
import { channelFor, OPERATION_NAMES } from '../../shared/api/operations.js';
import { createService } from '../../electron/core/service/service.js';
import { createDesktopOps } from '../../electron/main/desktop-ops.js';
import { registerIpcHandlers } from '../../electron/main/ipc.js';
import { hardenWebContents, isTrustedSender, windowOptions } from '../../electron/main/security.js';
import { proxyFromPac } from '../../electron/core/proxy/pac.js';

const APP_URL = 'file:///opt/CA%20Bridge/resources/app.asar/renderer/dist/index.html';
type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<any>;

function setup(desktopCalls: string[] = []) {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, fn: Handler) => void handlers.set(channel, fn) };
  const service = createService({ env: {}, platform: 'linux', locale: 'ja-JP', emit: () => {}, nativeDialogs: true });
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
const trusted = { senderFrame: mainFrame, sender: { mainFrame } } as unknown as IpcMainInvokeEvent;

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

describe('window security', () => {
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
