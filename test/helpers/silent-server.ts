import net from 'node:net';

/**
 * A loopback server that accepts connections and never answers (a site or a proxy that hangs): what a
 * cancelled operation must let go of. It reads and drops what the client sends, so that the client's
 * close is seen at once.
 */
export interface SilentServer {
  port: number;
  /** Resolves with the first connection. */
  accepted: Promise<net.Socket>;
  sockets: net.Socket[];
  /** Resolves when every connection accepted so far has closed. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

export async function startSilentServer(): Promise<SilentServer> {
  const sockets: net.Socket[] = [];
  let connected!: (socket: net.Socket) => void;
  const accepted = new Promise<net.Socket>((resolve) => (connected = resolve));
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => socket.destroy());
    socket.resume();
    connected(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const closedOne = (socket: net.Socket) =>
    new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted,
    sockets,
    allClosed: async () => void (await Promise.all(sockets.map(closedOne))),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
  };
}
