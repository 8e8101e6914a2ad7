/**
 * A lab SOCKS server (versions 4, 4a and 5, RFC 1929 username/password) that hands every accepted
 * connection to one place — the lab's inspecting proxy's transparent port — the way a SOCKS gateway in
 * front of an inspecting appliance does. Written here rather than started from Debian's dante-server:
 * dante resolves names itself (the lab's sites have real public names that must never be looked up),
 * needs a system user and interface names in its config, and could not misbehave on purpose; this one
 * records what each client asked for (name or address, user), and can hang or answer garbage.
 */
import net from 'node:net';
import { closeServer, listen, SocketTracker } from './servers.js';

export interface SocksRequest {
  version: 4 | 5;
  /** A name when the client let the proxy resolve it (4a, 5 with a domain name), else an address. */
  host: string;
  port: number;
  addressType: 'ipv4' | 'ipv6' | 'name';
  user: string | null;
}

export interface SocksServerOptions {
  /** Where every tunnel really goes. */
  forwardTo: { host: string; port: number };
  /** SOCKS 5 username/password the server insists on (RFC 1929). */
  auth?: { user: string; password: string };
  /**
   * `hang`: accept and never answer; `garbage`: answer like an HTTP server; `flood`: accept the
   * greeting, then start a reply announcing a 255-byte name and send bytes without end.
   */
  mode?: 'normal' | 'hang' | 'garbage' | 'flood';
  /** From this connection on (1: the first), accept and never answer, whatever the mode: a proxy that stalls mid-run. */
  stallFrom?: number;
}

export interface LabSocks {
  port: number;
  requests: SocksRequest[];
  /** RFC 1929 user names offered, right or wrong. */
  usersOffered: string[];
  /** With `stallFrom`: resolves when the first stalled connection arrives, and when the client closes it. */
  stalled: Promise<void>;
  stalledClosed: Promise<void>;
  close(): Promise<void>;
}

/** Reads exactly `n` bytes (or null when the client went away). */
function reader(socket: net.Socket) {
  let buffered = Buffer.alloc(0);
  let waiting: { n: number; resolve: (b: Buffer | null) => void } | null = null;
  const pump = () => {
    if (waiting && buffered.length >= waiting.n) {
      const out = buffered.subarray(0, waiting.n);
      buffered = buffered.subarray(waiting.n);
      const w = waiting;
      waiting = null;
      w.resolve(out);
    }
  };
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    pump();
  });
  socket.once('close', () => waiting?.resolve(null));
  const read = (n: number) =>
    new Promise<Buffer | null>((resolve) => {
      waiting = { n, resolve };
      pump();
    });
  return {
    read,
    /** Bytes until a NUL (SOCKS 4 user id and 4a host name), at most 255. */
    readZ: async () => {
      const bytes: number[] = [];
      for (;;) {
        const one = await read(1);
        if (!one || bytes.length > 255) return null;
        if (one[0] === 0) return Buffer.from(bytes).toString('utf8');
        bytes.push(one[0]!);
      }
    },
    /** What the client sent after its request (kept for the tunnel); the socket is paused until piped. */
    rest: () => {
      socket.pause();
      socket.removeAllListeners('data');
      return buffered;
    },
  };
}

export async function startSocksServer(options: SocksServerOptions): Promise<LabSocks> {
  const sockets = new SocketTracker();
  const requests: SocksRequest[] = [];
  const usersOffered: string[] = [];
  const mode = options.mode ?? 'normal';

  const forward = (client: net.Socket, rest: Buffer, reply: Buffer) => {
    const upstream = sockets.track(
      net.connect(options.forwardTo.port, options.forwardTo.host, () => {
        client.write(reply);
        if (rest.length) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      }),
    );
    upstream.once('error', () => client.destroy());
  };

  const socks5 = async (client: net.Socket, r: ReturnType<typeof reader>) => {
    const count = await r.read(1);
    if (!count) return;
    const methods = await r.read(count[0]!);
    if (!methods) return;
    const wanted = options.auth ? 0x02 : 0x00;
    if (!methods.includes(wanted)) return void client.end(Buffer.from([0x05, 0xff]));
    client.write(Buffer.from([0x05, wanted]));
    let user: string | null = null;
    if (options.auth) {
      const head = await r.read(2);
      if (!head) return;
      const name = await r.read(head[1]!);
      const plen = await r.read(1);
      const password = plen ? await r.read(plen[0]!) : null;
      if (!name || !password) return;
      user = name.toString('utf8');
      usersOffered.push(user);
      const good = user === options.auth.user && password.toString('utf8') === options.auth.password;
      if (!good) return void client.end(Buffer.from([0x01, 0x01]));
      client.write(Buffer.from([0x01, 0x00]));
    }
    const request = await r.read(4);
    if (!request || request[1] !== 0x01) return void client.destroy();
    let host: string;
    let addressType: SocksRequest['addressType'];
    if (request[3] === 0x01) {
      const a = await r.read(4);
      if (!a) return;
      host = [...a].join('.');
      addressType = 'ipv4';
    } else if (request[3] === 0x04) {
      const a = await r.read(16);
      if (!a) return;
      host = (a.toString('hex').match(/.{4}/g) ?? []).join(':');
      addressType = 'ipv6';
    } else {
      const len = await r.read(1);
      const name = len ? await r.read(len[0]!) : null;
      if (!name) return;
      host = name.toString('utf8');
      addressType = 'name';
    }
    const port = await r.read(2);
    if (!port) return;
    requests.push({ version: 5, host, port: port.readUInt16BE(0), addressType, user });
    forward(client, r.rest(), Buffer.from([0x05, 0x00, 0x00, 0x01, 127, 0, 0, 1, 0, 0]));
  };

  const socks4 = async (client: net.Socket, r: ReturnType<typeof reader>) => {
    const head = await r.read(7);
    if (!head || head[0] !== 0x01) return void client.destroy();
    const port = head.readUInt16BE(1);
    const ip = [...head.subarray(3, 7)];
    const user = await r.readZ();
    if (user === null) return;
    // 4a: an address 0.0.0.x (x ≠ 0) means "the name follows".
    const named = ip[0] === 0 && ip[1] === 0 && ip[2] === 0 && ip[3] !== 0;
    const host = named ? await r.readZ() : ip.join('.');
    if (host === null) return;
    requests.push({ version: 4, host, port, addressType: named ? 'name' : 'ipv4', user: user || null });
    forward(client, r.rest(), Buffer.from([0x00, 0x5a, 0, 0, 0, 0, 0, 0]));
  };

  let connections = 0;
  let onStalled!: () => void;
  let onStalledClosed!: () => void;
  const stalled = new Promise<void>((resolve) => (onStalled = resolve));
  const stalledClosed = new Promise<void>((resolve) => (onStalledClosed = resolve));
  const handle = async (client: net.Socket) => {
    sockets.track(client);
    if (options.stallFrom !== undefined && ++connections >= options.stallFrom) {
      // Read and drop what comes: a socket that is not read never learns that the client closed it.
      client.on('data', () => {});
      client.once('close', onStalledClosed);
      return onStalled();
    }
    if (mode === 'hang') return;
    if (mode === 'garbage') return void client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    const r = reader(client);
    if (mode === 'flood') {
      const greeting = await r.read(3);
      if (!greeting) return;
      client.write(Buffer.from([0x05, 0x00]));
      if (!(await r.read(4))) return;
      client.write(Buffer.from([0x05, 0x00, 0x00, 0x03, 0xff]));
      const junk = Buffer.alloc(64 * 1024, 0x41);
      const pour = () => {
        while (!client.destroyed && client.write(junk));
        if (!client.destroyed) client.once('drain', pour);
      };
      return pour();
    }
    const version = await r.read(1);
    if (!version) return;
    if (version[0] === 0x05) return socks5(client, r);
    if (version[0] === 0x04) return socks4(client, r);
    client.destroy();
  };

  const server = net.createServer((socket) => void handle(socket));
  const port = await listen(server);
  return {
    port,
    requests,
    usersOffered,
    stalled,
    stalledClosed,
    close: async () => {
      sockets.destroyAll();
      await closeServer(server);
    },
  };
}
