/** Small helpers shared by the lab's servers: loopback listening and tracked, closeable sockets. */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

export const LOOPBACK = '127.0.0.1';

export class SocketTracker {
  private readonly sockets = new Set<net.Socket>();

  track<T extends net.Socket>(socket: T): T {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    return socket;
  }

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

export function listen(server: net.Server, host = LOOPBACK): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as net.AddressInfo).port));
  });
}

export function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
}

/**
 * Ports the kernel never hands out by itself: below (or above) its ephemeral range, from which listen(0)
 * and every outgoing connection of every test file running beside take theirs. Null when the range
 * leaves no room.
 */
function portsOutsideEphemeralRange(): [number, number] | null {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low! - 1024 >= 4096) return [Math.max(1024, low! - 12_000), low! - 1];
    if (65_535 - high! >= 4096) return [high! + 1, 65_535];
  } catch {
    // not Linux: the kernel's choice below
  }
  return null;
}

const tryListen = (server: net.Server, port: number) =>
  new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, LOOPBACK, () => resolve(true));
  });

/**
 * A loopback port with nothing listening: connections to it are refused. Taken outside the ephemeral
 * range, so that it stays closed while a test relies on it (a "dead proxy"), and is still free when a
 * server started by the test (squid, krb5kdc, px) binds it a moment later: a port from listen(0) could
 * meanwhile be handed to another test file's server or outgoing connection.
 */
export async function closedPort(): Promise<number> {
  const range = portsOutsideEphemeralRange();
  for (let attempt = 0; range && attempt < 50; attempt++) {
    const port = randomInt(range[0], range[1] + 1);
    const server = net.createServer();
    if (await tryListen(server, port)) {
      await closeServer(server);
      return port;
    }
  }
  const server = net.createServer();
  const port = await listen(server);
  await closeServer(server);
  return port;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stops a lab daemon: SIGTERM, SIGKILL if it is still there 5 s later, and waits for it to be gone. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
