/**
 * The WPAD credential-capture set-up: a Basic proxy (the lab's inspecting one) behind a recording relay,
 * a WPAD file naming that relay, a lab DNS server answering wpad.corp.example.test, and a KDE home whose
 * proxy setting asks for automatic detection — so that only WPAD names the proxy. `discovery` points
 * the engine's WPAD search at this lab.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RouterContext } from '../../electron/core/proxy/select.js';
import { startLabDns } from './dns.js';
import type { Lab } from './lab.js';
import type { LabProxy } from './proxy.js';
import { startRecordingRelay, type RecordingRelay } from './recording-relay.js';
import { startWpadServer } from './wpad-server.js';

export interface WpadCapture {
  proxy: LabProxy;
  recorder: RecordingRelay;
  /** host:port of the proxy the WPAD file names (the recorder). */
  hostPort: string;
  /** A trust store holding the lab's public roots and the proxy's CA. */
  store: string;
  /** The environment of a KDE user with "detect automatically" on. */
  env: NodeJS.ProcessEnv;
  discovery: Omit<RouterContext, 'env'>;
  close(): Promise<void>;
}

export async function startWpadCapture(lab: Lab, auth: { user: string; password: string }, home: string): Promise<WpadCapture> {
  const proxy = await lab.startProxy({ auth });
  const recorder = await startRecordingRelay(proxy.port);
  const web = await startWpadServer({
    'wpad.corp.example.test': `function FindProxyForURL(url, host) { return "PROXY 127.0.0.1:${recorder.port}"; }`,
  });
  const dns = await startLabDns({ 'wpad.corp.example.test': web.address });
  const store = await lab.writePem(`${path.basename(home)}-store.pem`, [
    ...Object.values(lab.families).map((f) => f.root.pem),
    proxy.root.pem,
  ]);
  const config = path.join(home, 'config');
  await mkdir(config, { recursive: true });
  // KDE's "detect automatically" (ProxyType 3): the OS asks for WPAD, and only WPAD names the proxy.
  await writeFile(path.join(config, 'kioslaverc'), '[Proxy Settings]\nProxyType=3\n');
  const resolvConfPath = path.join(home, 'resolv.conf');
  await writeFile(resolvConfPath, 'search corp.example.test\n');
  return {
    proxy,
    recorder,
    hostPort: `127.0.0.1:${recorder.port}`,
    store,
    env: { HOME: home, XDG_CONFIG_HOME: config, XDG_CURRENT_DESKTOP: 'KDE' },
    discovery: {
      platform: 'linux',
      wpad: { dnsServers: [dns.server], resolvConfPath, hostName: 'pc', ...(web.portOverride ? { port: web.portOverride } : {}) },
    },
    close: async () => {
      await dns.close();
      await web.close();
      await recorder.close();
      await proxy.close();
    },
  };
}
