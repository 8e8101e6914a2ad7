import type { BrowserWindowConstructorOptions, WebContents } from 'electron';

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
