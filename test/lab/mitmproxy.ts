/**
 * Real inspection software: Debian's mitmproxy, started on a loopback port with its own HOME so its
 * CA is fresh. `upstreamProxy` chains it to a lab proxy, which knows where the lab origins live.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Lab } from './lab.js';
import { closedPort, LOOPBACK, sleep } from './servers.js';

export interface Mitmproxy {
  url: string;
  caPem: string;
  caFile: string;
  close(): Promise<void>;
}

/** Why mitmproxy tests cannot run here, or null when they can. */
export function mitmproxyMissing(): string | null {
  const found = spawnSync('mitmdump', ['--version'], { encoding: 'utf8' });
  return found.error ? 'mitmdump is not installed (Debian package "mitmproxy"; .ci/run installs it)' : null;
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, LOOPBACK, () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/**
 * `eager` is mitmproxy's default: it connects to the site before answering CONNECT, so a site it cannot
 * reach gets a plain `502 Bad Gateway` to CONNECT. `lazy` (the lab's usual) answers 200 and puts its 502
 * inside the TLS it forged.
 */
export async function startMitmproxy(
  options: { upstreamProxy?: string; upstreamCaFile?: string; strategy?: 'eager' | 'lazy' } = {},
): Promise<Mitmproxy> {
  const home = await mkdtemp(path.join(tmpdir(), 'ca-bridge-mitm-'));
  const port = await closedPort();
  const args = [
    '--listen-host',
    LOOPBACK,
    '--listen-port',
    String(port),
    '--set',
    'upstream_cert=false',
    '--set',
    `connection_strategy=${options.strategy ?? 'lazy'}`,
    '-q',
  ];
  if (options.upstreamProxy) args.push('--mode', `upstream:${options.upstreamProxy}`);
  if (options.upstreamCaFile) args.push('--set', `ssl_verify_upstream_trusted_ca=${options.upstreamCaFile}`);
  const child: ChildProcess = spawn('mitmdump', args, { env: { ...process.env, HOME: home }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const caFile = path.join(home, '.mitmproxy', 'mitmproxy-ca-cert.pem');
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await rm(home, { recursive: true, force: true });
  };
  for (let waited = 0; !(existsSync(caFile) && (await canConnect(port))); waited += 100) {
    if (child.exitCode !== null || waited > 30_000) {
      await stop();
      throw new Error(`mitmdump did not start: ${stderr.trim() || `exit ${child.exitCode}`}`);
    }
    await sleep(100);
  }
  return { url: `http://${LOOPBACK}:${port}`, caPem: await readFile(caFile, 'utf8'), caFile, close: stop };
}

/**
 * mitmproxy in front of the lab: it reaches the lab origins through a non-inspecting lab proxy that knows
 * where they live. Without one, every site would be mitmproxy's own 502 page (unreachable through the proxy).
 */
export async function startMitmproxyInLab(lab: Pick<Lab, 'startProxy' | 'publicRootsFile'>): Promise<Mitmproxy> {
  const upstream = await lab.startProxy({ mode: 'passthrough' });
  return startMitmproxy({ upstreamProxy: upstream.url, upstreamCaFile: lab.publicRootsFile });
}
