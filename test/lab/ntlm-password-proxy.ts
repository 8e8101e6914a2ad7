/**
 * A loopback proxy that demands NTLM and checks the password: it sends a well-formed NTLMSSP
 * challenge (with target information, so clients answer NTLMv2), verifies the NTLMv2 response of the
 * authenticate message against the one password it knows, and only then hands the CONNECT to the
 * lab's inspecting proxy. squid's ntlm_fake_auth accepts any password and sends a challenge whose
 * target-name offset is garbage (0xAAAAAAAE), which Samba's NTLM client (Wine's SSPI) refuses, so a
 * client's NTLM is proven here instead. The challenge is per connection, as NTLM requires.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import { closeServer, listen, LOOPBACK, SocketTracker } from './servers.js';

const md4 = createRequire(import.meta.url)('js-md4') as { arrayBuffer(data: Uint8Array): ArrayBuffer };

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');
const MAX_HEAD = 16 * 1024;
// UNICODE, REQUEST_TARGET, NTLM, ALWAYS_SIGN, TARGET_TYPE_DOMAIN, EXTENDED_SESSIONSECURITY, TARGET_INFO, 128, 56.
const CHALLENGE_FLAGS = (0x1 | 0x4 | 0x200 | 0x8000 | 0x10000 | 0x80000 | 0x800000 | 0x20000000 | 0x80000000) >>> 0;
const DOMAIN = 'LAB';

export interface NtlmLogin {
  user: string;
  domain: string;
  workstation: string;
  /** The NTLMv2 proof matched the password. */
  ok: boolean;
}

export interface NtlmPasswordProxy {
  port: number;
  url: string;
  /** Every authenticate message checked, in order. */
  logins: NtlmLogin[];
  /** The scheme of each request's Proxy-Authorization ('' for none), in order: what clients sent. */
  schemesSeen: string[];
  close(): Promise<void>;
}

const utf16 = (text: string) => Buffer.from(text, 'utf16le');

function avPair(id: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value]);
}

function challengeMessage(serverChallenge: Buffer): string {
  const targetName = utf16(DOMAIN);
  const timestamp = Buffer.alloc(8);
  timestamp.writeBigUInt64LE((BigInt(Date.now()) + 11644473600000n) * 10000n);
  const targetInfo = Buffer.concat([
    avPair(2, utf16(DOMAIN)),
    avPair(1, utf16('PROXY')),
    avPair(4, utf16('lab.test')),
    avPair(3, utf16('proxy.lab.test')),
    avPair(7, timestamp),
    avPair(0, Buffer.alloc(0)),
  ]);
  const head = Buffer.alloc(48);
  SIGNATURE.copy(head, 0);
  head.writeUInt32LE(2, 8);
  head.writeUInt16LE(targetName.length, 12);
  head.writeUInt16LE(targetName.length, 14);
  head.writeUInt32LE(48, 16);
  head.writeUInt32LE(CHALLENGE_FLAGS, 20);
  serverChallenge.copy(head, 24);
  head.writeUInt16LE(targetInfo.length, 40);
  head.writeUInt16LE(targetInfo.length, 42);
  head.writeUInt32LE(48 + targetName.length, 44);
  return Buffer.concat([head, targetName, targetInfo]).toString('base64');
}

/** A security buffer (length, max length, offset) of an NTLMSSP message, bounds-checked. */
function field(message: Buffer, at: number): Buffer | null {
  if (message.length < at + 8) return null;
  const length = message.readUInt16LE(at);
  const offset = message.readUInt32LE(at + 4);
  return offset + length <= message.length ? message.subarray(offset, offset + length) : null;
}

function checkAuthenticate(message: Buffer, serverChallenge: Buffer, user: string, password: string): NtlmLogin | null {
  if (message.length < 64 || !message.subarray(0, 8).equals(SIGNATURE) || message.readUInt32LE(8) !== 3) return null;
  const nt = field(message, 20);
  const domainField = field(message, 28);
  const userField = field(message, 36);
  const workstationField = field(message, 44);
  if (!nt || !domainField || !userField || !workstationField) return null;
  const unicode = (message.readUInt32LE(60) & 0x1) !== 0;
  const text = (b: Buffer) => b.toString(unicode ? 'utf16le' : 'latin1');
  const login = { user: text(userField), domain: text(domainField), workstation: text(workstationField), ok: false };
  // NTLMv2 only: NTProofStr (16 bytes) then the client's blob.
  if (nt.length <= 24 || login.user.toUpperCase() !== user.toUpperCase()) return login;
  const ntHash = Buffer.from(md4.arrayBuffer(utf16(password)));
  const responseKey = createHmac('md5', ntHash)
    .update(utf16(login.user.toUpperCase() + login.domain))
    .digest();
  const proof = createHmac('md5', responseKey)
    .update(Buffer.concat([serverChallenge, nt.subarray(16)]))
    .digest();
  login.ok = proof.equals(nt.subarray(0, 16));
  return login;
}

export async function startNtlmPasswordProxy(options: {
  parentPort: number;
  user: string;
  password: string;
  /** A hostile proxy: this (base64) token instead of a well-formed challenge. */
  challengeToken?: string;
  /** Schemes named in the first 407, one header each (default: NTLM only); only NTLM is ever accepted. */
  offer?: string[];
}): Promise<NtlmPasswordProxy> {
  const tracker = new SocketTracker();
  const logins: NtlmLogin[] = [];
  const schemesSeen: string[] = [];
  const server = net.createServer((client) => {
    tracker.track(client);
    let buffered = Buffer.alloc(0);
    let serverChallenge: Buffer | null = null;
    const answer407 = (challenges: string[]) =>
      client.write(
        `HTTP/1.1 407 Proxy Authentication Required\r\n${challenges.map((c) => `Proxy-Authenticate: ${c}\r\n`).join('')}Content-Length: 0\r\nConnection: keep-alive\r\n\r\n`,
      );
    const onData = (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) {
        if (buffered.length > MAX_HEAD) client.destroy();
        return;
      }
      const head = buffered.subarray(0, end).toString('latin1');
      const rest = buffered.subarray(end + 4);
      buffered = Buffer.alloc(0);
      const lines = head.split('\r\n');
      const authorization = lines.find((l) => /^proxy-authorization:/i.test(l))?.replace(/^[^:]+:\s*/, '') ?? '';
      schemesSeen.push(authorization.split(/\s/)[0] ?? '');
      const token = /^NTLM\s+([A-Za-z0-9+/=]+)$/i.exec(authorization)?.[1];
      const message = token ? Buffer.from(token, 'base64') : null;
      const type = message && message.length >= 12 && message.subarray(0, 8).equals(SIGNATURE) ? message.readUInt32LE(8) : 0;
      if (type === 1) {
        serverChallenge = randomBytes(8);
        answer407([`NTLM ${options.challengeToken ?? challengeMessage(serverChallenge)}`]);
        return;
      }
      if (type === 3 && serverChallenge) {
        const login = checkAuthenticate(message!, serverChallenge, options.user, options.password);
        serverChallenge = null;
        if (login) logins.push(login);
        if (login?.ok) {
          client.off('data', onData);
          const upstream = tracker.track(net.connect(options.parentPort, LOOPBACK));
          const forwarded = lines.filter((l) => !/^proxy-authorization:/i.test(l)).join('\r\n') + '\r\n\r\n';
          upstream.write(Buffer.concat([Buffer.from(forwarded, 'latin1'), rest]));
          client.pipe(upstream);
          upstream.pipe(client);
          client.once('close', () => upstream.destroy());
          upstream.once('close', () => client.destroy());
          return;
        }
      }
      answer407(options.offer ?? ['NTLM']);
    };
    client.on('data', onData);
  });
  const port = await listen(server);
  return {
    port,
    url: `http://${LOOPBACK}:${port}`,
    logins,
    schemesSeen,
    close: async () => {
      tracker.destroyAll();
      await closeServer(server);
    },
  };
}
