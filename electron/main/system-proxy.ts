import type { Session } from 'electron';
import { proxyFromPac } from '../core/proxy/pac.js';

/** The OS/PAC/WPAD proxy Chromium would use for a URL, as the engine's proxy URL (null: direct). */
export const systemProxyResolver = (session: Pick<Session, 'resolveProxy'>) => async (url: string) =>
  proxyFromPac(await session.resolveProxy(url));
