import { app, BrowserWindow, dialog, ipcMain, net, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROGRESS_CHANNEL } from '../../shared/api/operations.js';
import { fileLogger } from '../core/operations/log.js';
import { createService } from '../core/service/service.js';
import { chromiumEvidence } from './chromium-evidence.js';
import { chromiumChains } from './chromium-probe.js';
import { chromiumView, compareViews } from './chromium-view.js';
import { createDesktopOps } from './desktop-ops.js';
import { registerIpcHandlers } from './ipc.js';
import { createSessionPool } from './detect-sessions.js';
import { hardenSession, hardenWebContents, isTrustedSender, windowOptions } from './security.js';
import { systemProxyResolver } from './system-proxy.js';

// Thin on purpose: everything worth testing lives in the engine and in the modules imported above.
const rendererIndex = path.join(app.getAppPath(), 'renderer', 'dist', 'index.html');
const appUrl = pathToFileURL(rendererIndex).href;
let mainWindow: BrowserWindow | null = null;

app.enableSandbox();

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));

function headRequest(probeSession: Electron.Session) {
  return (url: string) =>
    new Promise<void>((resolve) => {
      const request = net.request({ url, method: 'HEAD', session: probeSession });
      const timer = setTimeout(() => (request.abort(), resolve()), 8000);
      const done = () => (clearTimeout(timer), resolve());
      request.on('response', done);
      request.on('error', done);
      request.end();
    });
}

void app.whenReady().then(async () => {
  hardenSession(session.defaultSession);
  // One session per running detection: each installs its own certificate verify procedure (detect-sessions.ts).
  const chainSessions = createSessionPool((partition) => session.fromPartition(partition), 'ca-bridge-chains');
  const probeSessions = createSessionPool((partition) => session.fromPartition(partition), 'ca-bridge-chromium-probe');
  // The error trail of the desktop app (no terminal to print to): redacted, bounded, in the OS's log folder.
  const log = fileLogger(path.join(app.getPath('logs'), 'ca-bridge.log'), process.env);
  log.log('info', `CA Bridge ${app.getVersion()} started (Electron ${process.versions.electron}, ${process.platform})`);
  const service = createService({
    log,
    env: process.env,
    platform: process.platform,
    locale: app.getLocale(),
    emit: (event) => mainWindow?.webContents.send(PROGRESS_CHANNEL, event),
    systemProxy: systemProxyResolver(session.defaultSession),
    nativeDialogs: true,
    // A session of this detection's own: Chromium's (system) proxy settings and its sign-on to NTLM/Negotiate
    // proxies apply as in the default session, whose verify procedure the app's own page keeps.
    externalChains: (result) => chainSessions.withSession((own) => chromiumChains({ net, session: own }, result)),
    extraEvidence: (result) =>
      probeSessions.withSession(async (probeSession) => {
        const head = headRequest(probeSession);
        const local = await chromiumEvidence(probeSession, head, result);
        // One after the other: both install the session's verify procedure.
        return [...local, ...compareViews(result, await chromiumView(probeSession, head, result.targets))];
      }),
  });
  registerIpcHandlers(ipcMain, {
    call: service.call,
    desktop: createDesktopOps({ dialog, shell, window: () => mainWindow }),
    isTrusted: (event) => isTrustedSender(event, appUrl),
  });
  mainWindow = new BrowserWindow(windowOptions(path.join(import.meta.dirname, 'preload.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadFile(rendererIndex);
});

app.on('window-all-closed', () => app.quit());
