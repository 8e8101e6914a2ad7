import type { BrowserWindow, Dialog, Shell } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TOOL_GUIDES } from '../../shared/guidance/tools.js';
import { fail, ok } from '../../shared/result.js';
import type { DesktopOps } from './ipc.js';

/** Links the app itself shows (the catalogue's references): nothing else is ever opened. */
const REFERENCES = new Set(TOOL_GUIDES.map((t) => t.reference));

export function createDesktopOps(deps: {
  dialog: Pick<Dialog, 'showOpenDialog'>;
  shell: Pick<Shell, 'showItemInFolder' | 'openExternal'>;
  window: () => BrowserWindow | null;
}): DesktopOps {
  return {
    chooseFolder: async ({ title }) => {
      const win = deps.window();
      const options = { title, properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const picked = win ? await deps.dialog.showOpenDialog(win, options) : await deps.dialog.showOpenDialog(options);
      return ok({ path: picked.canceled ? null : (picked.filePaths[0] ?? null) });
    },
    showInFolder: async ({ path: file }) => {
      if (!path.isAbsolute(file) || !existsSync(file)) return fail('bad-input', `${file} does not exist`);
      deps.shell.showItemInFolder(file);
      return ok({ shown: true });
    },
    openReference: async ({ url }) => {
      if (!url.startsWith('https://') || !REFERENCES.has(url))
        return fail('bad-input', 'only the documentation links the app shows can be opened');
      await deps.shell.openExternal(url);
      return ok({ opened: true });
    },
  };
}
