/**
 * A loopback TCP relay in front of a server that keeps what clients sent (the first 1 MB), so a test
 * can read the exact `Proxy-Authorization` tokens a client put on the wire, which a proxy's own
 * logs do not show.
 */
import net from 'node:net';
import { closeServer, listen, LOOPBACK, SocketTracker } from './servers.js';

const MAX_RECORDED = 1 << 20;

export interface RecordingRelay {
  port: number;
  url: string;
  /** Everything clients sent so far, as latin1 text (HTTP headers are ASCII). */
  sent(): string;
  /** The values of every `Proxy-Authorization` header clients sent, in order. */
  proxyAuthorizations(): string[];
  /** The same two, of what clients send from now on: a test reads its own traffic, not the earlier tests'. */
  mark(): Recorded;
  close(): Promise<void>;
}

export interface Recorded {
  sent(): string;
  proxyAuthorizations(): string[];
}

const authorizationsIn = (text: string) => [...text.matchAll(/^proxy-authorization:[ \t]*([^\r\n]*)/gim)].map((m) => m[1]!);

export async function startRecordingRelay(targetPort: number): Promise<RecordingRelay> {
  const tracker = new SocketTracker();
  const chunks: Buffer[] = [];
  let recorded = 0;
  const server = net.createServer((client) => {
    tracker.track(client);
    const upstream = tracker.track(net.connect(targetPort, LOOPBACK));
    client.on('data', (data: Buffer) => {
      if (recorded < MAX_RECORDED) {
        const kept = data.subarray(0, MAX_RECORDED - recorded);
        chunks.push(Buffer.from(kept));
        recorded += kept.length;
      }
    });
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  const port = await listen(server);
  const sent = () => Buffer.concat(chunks).toString('latin1');
  return {
    port,
    url: `http://${LOOPBACK}:${port}`,
    sent,
    proxyAuthorizations: () => authorizationsIn(sent()),
    mark: () => {
      const from = recorded;
      const since = () => Buffer.concat(chunks).subarray(from).toString('latin1');
      return { sent: since, proxyAuthorizations: () => authorizationsIn(since()) };
    },
    close: async () => {
      tracker.destroyAll();
      await closeServer(server);
    },
  };
}
