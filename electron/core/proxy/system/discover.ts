/**
 * Which system proxy settings apply on this machine, chosen as Chromium does: the Windows and macOS
 * settings; on Linux, the desktop named by XDG_CURRENT_DESKTOP (GNOME-family desktops keep theirs
 * in gsettings, KDE in kioslaverc); anything else, or no setting, leaves the proxy environment
 * variables in charge.
 */
import { readGnomeSettings } from './gnome.js';
import { readKdeSettings } from './kde.js';
import { readMacosSettings } from './macos.js';
import { runCommand } from './run-command.js';
import type { CommandRunner, SystemProxySettings } from './types.js';
import { readWindowsSettings } from './windows.js';

const GSETTINGS_DESKTOPS = /gnome|unity|cinnamon|budgie|pantheon|mate|xfce|lxqt|deepin/i;

export interface DiscoveryContext {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  run?: CommandRunner;
}

export async function discoverSystemProxy(ctx: DiscoveryContext): Promise<SystemProxySettings | null> {
  const run = ctx.run ?? runCommand;
  if (ctx.platform === 'win32') return readWindowsSettings(run, ctx.env);
  if (ctx.platform === 'darwin') return readMacosSettings(run, ctx.env);
  const desktop = ctx.env.XDG_CURRENT_DESKTOP ?? ctx.env.DESKTOP_SESSION ?? '';
  if (/kde|plasma/i.test(desktop)) return readKdeSettings(ctx.env);
  if (GSETTINGS_DESKTOPS.test(desktop)) return readGnomeSettings(run, ctx.env);
  return null;
}
