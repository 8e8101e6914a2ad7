import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** The Electron security checklist, in one place: isolated, sandboxed, no Node in the page. */
export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 860,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: 'CA Bridge',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

type Contents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** The page may never navigate away, open windows or attach webviews: links open in the OS browser via openReference. */
export function hardenWebContents(contents: Contents, appUrl: string): void {
  const stay = (event: { preventDefault(): void }, url: string) => {
    if (url !== appUrl) event.preventDefault();
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

interface FrameLike {
  url: string;
}
export interface SenderLike {
  senderFrame: FrameLike | null;
  sender: { mainFrame: FrameLike };
}

/** Only our own page, in its main frame, may call the engine (no iframes, no navigated-away content). */
export function isTrustedSender(event: SenderLike, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  try {
    const url = new URL(frame.url);
    const app = new URL(appUrl);
    return url.protocol === app.protocol && url.host === app.host && url.pathname === app.pathname;
  } catch {
    return false;
  }
}

/** The only permission the page uses: writing text to the clipboard (the copy buttons). */
const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/**
 * Every permission refused but the clipboard write, both when a page asks (request handler) and when
 * Chromium or a page only checks (check handler: `navigator.permissions.query`, and features that look
 * before asking). Without the check handler Chromium answers checks with its own defaults.
 */
export function hardenSession(target: PermissionSession): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === ALLOWED_PERMISSION));
  target.setPermissionCheckHandler((_contents, permission) => permission === ALLOWED_PERMISSION);
}
