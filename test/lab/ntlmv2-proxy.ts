/**
 * A small corporate proxy that asks for NTLM and checks the NTLMv2 answer against a known password,
 * then hands each authenticated CONNECT to a lab proxy (which inspects TLS). Squid's ntlm_fake_auth
 * cannot stand in for the relays: its challenge carries no target information, so cntlm refuses to
 * compute NTLMv2 ("No target info block"), and it misreads the user name when the client sends a
 * workstation name, as libcurl (inside px) does. Real Windows domains send target information and
 * usually refuse NTLMv1, and so does this proxy (MS-NLMP 3.3.2: NTOWFv2 and NTProofStr).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import { closeServer, listen, LOOPBACK, SocketTracker } from './servers.js';

// MD4 for the NT hash: OpenSSL 3 has it only in its legacy provider; js-md4 comes with httpntlm.
const md4 = createRequire(import.meta.url)('js-md4') as { arrayBuffer(data: Uint8Array): ArrayBuffer };

const FLAGS = {
  unicode: 0x1,
  requestTarget: 0x4,
  ntlm: 0x200,
  alwaysSign: 0x8000,
  targetTypeDomain: 0x10000,
  extendedSessionSecurity: 0x80000,
  targetInfo: 0x800000,
};
const MAX_HEAD = 16 * 1024;
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

export interface NtlmV2ProxyOptions {
  parentPort: number;
  domain: string;
  user: string;
  password: string;
}

export interface NtlmV2Proxy {
  url: string;
  port: number;
  /** `DOMAIN\user` per accepted login, and per refused one. */
  accepted: string[];
  refused: string[];
  close(): Promise<void>;
}

function avPair(id: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value]);
}

/** Type 2: the server challenge, with the target information NTLMv2 clients need. */
function challengeMessage(serverChallenge: Buffer, domain: string): Buffer {
  const targetName = utf16(domain);
  const timestamp = Buffer.alloc(8);
  timestamp.writeBigUInt64LE((BigInt(Date.now()) + 11644473600000n) * 10000n);
  const targetInfo = Buffer.concat([
    avPair(2, utf16(domain)),
    avPair(1, utf16('PROXY')),
    avPair(4, utf16(`${domain.toLowerCase()}.test`)),
    avPair(7, timestamp),
    avPair(0, Buffer.alloc(0)),
  ]);
  const head = Buffer.alloc(48);
  head.write('NTLMSSP\0', 0, 'latin1');
  head.writeUInt32LE(2, 8);
  head.writeUInt16LE(targetName.length, 12);
  head.writeUInt16LE(targetName.length, 14);
  head.writeUInt32LE(48, 16);
  head.writeUInt32LE(
    Object.values(FLAGS).reduce((a, b) => a | b, 0),
    20,
  );
  serverChallenge.copy(head, 24);
  head.writeUInt16LE(targetInfo.length, 40);
  head.writeUInt16LE(targetInfo.length, 42);
  head.writeUInt32LE(48 + targetName.length, 44);
  return Buffer.concat([head, targetName, targetInfo]);
}

interface Authenticate {
  domain: string;
  user: string;
  ntResponse: Buffer;
}

function readAuthenticate(message: Buffer): Authenticate | null {
  if (message.length < 64 || message.toString('latin1', 0, 8) !== 'NTLMSSP\0' || message.readUInt32LE(8) !== 3) return null;
  const field = (at: number) => {
    const length = message.readUInt16LE(at);
    const offset = message.readUInt32LE(at + 4);
    return offset + length <= message.length ? message.subarray(offset, offset + length) : null;
  };
  const unicode = (message.readUInt32LE(60) & FLAGS.unicode) !== 0;
  const text = (b: Buffer | null) => (b ? b.toString(unicode ? 'utf16le' : 'latin1') : null);
  const ntResponse = field(20);
  const domain = text(field(28));
  const user = text(field(36));
  return ntResponse && domain !== null && user !== null ? { domain, user, ntResponse } : null;
}

/** MS-NLMP NTOWFv2 and NTProofStr: the answer proves the password without sending it. */
function provesPassword(auth: Authenticate, password: string, serverChallenge: Buffer): boolean {
  if (auth.ntResponse.length <= 24) return false; // NTLMv1: refused, as domains with LmCompatibilityLevel 5 do
  const ntHash = Buffer.from(md4.arrayBuffer(utf16(password)));
  const ntowfv2 = createHmac('md5', ntHash)
    .update(utf16(auth.user.toUpperCase() + auth.domain))
    .digest();
  const blob = auth.ntResponse.subarray(16);
  const expected = createHmac('md5', ntowfv2)
    .update(Buffer.concat([serverChallenge, blob]))
    .digest();
  return timingSafeEqual(expected, auth.ntResponse.subarray(0, 16));
}

function reply407(socket: net.Socket, challenge?: Buffer) {
  const header = challenge ? `NTLM ${challenge.toString('base64')}` : 'NTLM';
  socket.write(
    `HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: ${header}\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n`,
  );
}

export async function startNtlmV2Proxy(options: NtlmV2ProxyOptions): Promise<NtlmV2Proxy> {
  const sockets = new SocketTracker();
  const accepted: string[] = [];
  const refused: string[] = [];
  const server = net.createServer((client) => {
    sockets.track(client);
    let buffered = Buffer.alloc(0);
    let serverChallenge: Buffer | null = null;
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buffered.length > MAX_HEAD) client.destroy();
          return;
        }
        const head = buffered.subarray(0, end).toString('latin1');
        const rest = buffered.subarray(end + 4);
        buffered = Buffer.alloc(0);
        const lines = head.split('\r\n');
        const [method, target] = lines[0]!.split(' ');
        const auth = /^proxy-authorization:\s*NTLM\s+(\S+)/im.exec(head)?.[1];
        if (method !== 'CONNECT') {
          client.end('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        if (!auth) {
          reply407(client);
        } else {
          const message = Buffer.from(auth, 'base64');
          const type = message.length >= 12 ? message.readUInt32LE(8) : 0;
          if (type === 1) {
            serverChallenge = randomBytes(8);
            reply407(client, challengeMessage(serverChallenge, options.domain));
          } else {
            const answer = type === 3 ? readAuthenticate(message) : null;
            const who = answer ? `${answer.domain}\\${answer.user}` : '?';
            const ok =
              answer !== null &&
              serverChallenge !== null &&
              answer.user.toLowerCase() === options.user.toLowerCase() &&
              provesPassword(answer, options.password, serverChallenge);
            if (!ok) {
              refused.push(who);
              reply407(client);
            } else {
              accepted.push(who);
              client.off('data', onData);
              const parent = sockets.track(net.connect(options.parentPort, LOOPBACK));
              parent.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
              if (rest.length) parent.write(rest);
              client.pipe(parent).pipe(client);
              parent.once('error', () => client.destroy());
              client.once('error', () => parent.destroy());
              return;
            }
          }
        }
        buffered = rest;
      }
    };
    client.on('data', onData);
    client.once('error', () => client.destroy());
  });
  const port = await listen(server);
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    accepted,
    refused,
    close: async () => {
      sockets.destroyAll();
      await closeServer(server);
    },
  };
}
