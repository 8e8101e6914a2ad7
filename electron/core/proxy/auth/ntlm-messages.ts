/**
 * The three NTLM messages, NTLMv2 only, as MS-NLMP describes them. httpntlm's own type 3 was found
 * wrong against a verifying acceptor in ways its API cannot change: it takes the client's clock
 * instead of the server's MsvAvTimestamp (a skewed laptop clock then breaks the login), sends an
 * LMv2 response where the server's timestamp asks for zeros, draws the client challenge from
 * Math.random, escape()s the domain (a non-ASCII domain becomes "%DC…" and no longer matches), and
 * sends no MIC. So the messages are built here, and the NT hash in nt-hash.ts.
 */
import { createHmac, randomBytes } from 'node:crypto';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

const F = {
  unicode: 0x1,
  oem: 0x2,
  requestTarget: 0x4,
  ntlm: 0x200,
  alwaysSign: 0x8000,
  extendedSessionSecurity: 0x80000,
  targetInfo: 0x800000,
  version: 0x2000000,
  key128: 0x20000000,
  key56: 0x80000000,
} as const;

/** What we ask for: Unicode names, NTLM with extended session security (the NTLMv2 path), no signing or sealing. */
const NEGOTIATE_FLAGS =
  F.unicode | F.oem | F.requestTarget | F.ntlm | F.alwaysSign | F.extendedSessionSecurity | F.version | F.key128 | F.key56;

/** Product version 10.0, NTLM revision 15; the field is informational. */
const VERSION = Buffer.from([10, 0, 0, 0, 0, 0, 0, 15]);

/** AV pair ids (MS-NLMP 2.2.2.1). */
const AV_EOL = 0;
const AV_FLAGS = 6;
const AV_TIMESTAMP = 7;
/** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
const AV_FLAG_MIC = 0x2;

/** A type 2 challenge, read with every offset checked against the message. */
export interface Challenge {
  raw: Buffer;
  flags: number;
  serverChallenge: Buffer;
  /** The AV pairs without the final MsvAvEOL, in the server's order. */
  avPairs: { id: number; value: Buffer }[];
}

/**
 * The NEGOTIATE message: no domain or workstation (both optional, and a domain here would be
 * OEM-encoded). Always the same bytes, so the MIC can be computed from a fresh copy.
 */
export function negotiateMessage(): Buffer {
  const header = Buffer.alloc(32);
  SIGNATURE.copy(header, 0);
  header.writeUInt32LE(1, 8);
  header.writeUInt32LE(NEGOTIATE_FLAGS >>> 0, 12);
  // Domain and workstation fields (16..31) stay zero: empty, offset 0.
  return Buffer.concat([header, VERSION]);
}

export function parseChallenge(raw: Buffer): Challenge | { error: string } {
  if (raw.length < 32 || !raw.subarray(0, 8).equals(SIGNATURE) || raw.readUInt32LE(8) !== 2) return { error: 'not an NTLM challenge' };
  const flags = raw.readUInt32LE(20);
  const serverChallenge = Buffer.from(raw.subarray(24, 32));
  const avPairs: Challenge['avPairs'] = [];
  if (flags & F.targetInfo && raw.length >= 48) {
    const length = raw.readUInt16LE(40);
    const offset = raw.readUInt32LE(44);
    if (offset + length > raw.length) return { error: 'its target information lies outside the message' };
    const info = raw.subarray(offset, offset + length);
    for (let at = 0; at + 4 <= info.length;) {
      const id = info.readUInt16LE(at);
      const size = info.readUInt16LE(at + 2);
      if (id === AV_EOL) break;
      if (at + 4 + size > info.length) return { error: 'its target information is truncated' };
      avPairs.push({ id, value: Buffer.from(info.subarray(at + 4, at + 4 + size)) });
      at += 4 + size;
    }
  }
  return { raw: Buffer.from(raw), flags, serverChallenge, avPairs };
}

const hmacMd5 = (key: Buffer, ...data: Buffer[]) => {
  const hmac = createHmac('md5', key);
  for (const d of data) hmac.update(d);
  return hmac.digest();
};

function avPairBytes(pairs: { id: number; value: Buffer }[]): Buffer {
  const parts = pairs.map(({ id, value }) => {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(id, 0);
    head.writeUInt16LE(value.length, 2);
    return Buffer.concat([head, value]);
  });
  return Buffer.concat([...parts, Buffer.alloc(4)]); // MsvAvEOL
}

/**
 * Upper case as Windows (RtlUpcaseUnicodeString) and Samba (toupper_m) compute it for NTOWFv2: one
 * UTF-16 unit for one, from a table. JavaScript's toUpperCase applies Unicode's full case mapping,
 * which expands some characters ("ß" → "SS", "ﬁ" → "FI"): the key would then differ from the
 * domain controller's and a correct password would be refused. Such characters, and those outside
 * the 16-bit range (the table has none), are kept as they are.
 */
export function upcaseLikeWindows(text: string): string {
  let out = '';
  for (const ch of text) {
    const upper = ch.toUpperCase();
    out += ch.length === 1 && upper.length === 1 ? upper : ch;
  }
  return out;
}

/** FILETIME now: 100 ns ticks since 1601-01-01. */
function fileTimeNow(): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE((BigInt(Date.now()) + 11_644_473_600_000n) * 10_000n);
  return out;
}

export interface Identity {
  domain: string;
  username: string;
  /** MD4 of the UTF-16LE password. */
  ntHash: Buffer;
}

/**
 * The AUTHENTICATE message answering `challenge` with NTLMv2, or why it cannot be built.
 * `negotiate` is the exact type 1 we sent: the MIC covers all three messages.
 */
export function authenticateMessage(
  challenge: Challenge,
  negotiate: Buffer,
  who: Identity,
  /** Only for known-answer tests (MS-NLMP 4.2.4): a fixed client challenge and time instead of random bytes and the clock. */
  fixed?: { clientChallenge: Buffer; time: Buffer },
): Buffer | { error: string } {
  const unicode = (challenge.flags & F.unicode) !== 0;
  if (!unicode && /[^\x00-\x7f]/.test(who.domain + who.username)) {
    return { error: 'the proxy does not accept Unicode NTLM names, and the user or domain is not ASCII' };
  }
  const text = (s: string) => Buffer.from(s, unicode ? 'utf16le' : 'latin1');

  // NTOWFv2: the user name upper-cased, the domain as given (MS-NLMP 3.3.2).
  const responseKey = hmacMd5(who.ntHash, Buffer.from(upcaseLikeWindows(who.username) + who.domain, 'utf16le'));
  const clientChallenge = fixed?.clientChallenge ?? randomBytes(8);
  const serverTime = challenge.avPairs.find((p) => p.id === AV_TIMESTAMP)?.value;
  const withMic = serverTime?.length === 8;
  // With the server's timestamp present: use it (no clock-skew failures), send a MIC, and zeros as the LM response.
  const pairs = challenge.avPairs.filter((p) => p.id !== AV_FLAGS);
  if (withMic) {
    const previous = challenge.avPairs.find((p) => p.id === AV_FLAGS && p.value.length === 4)?.value.readUInt32LE(0) ?? 0;
    const value = Buffer.alloc(4);
    value.writeUInt32LE((previous | AV_FLAG_MIC) >>> 0);
    pairs.push({ id: AV_FLAGS, value });
  }
  const blob = Buffer.concat([
    Buffer.from([1, 1, 0, 0, 0, 0, 0, 0]),
    withMic ? serverTime : (fixed?.time ?? fileTimeNow()),
    clientChallenge,
    Buffer.alloc(4),
    avPairBytes(pairs),
    Buffer.alloc(4),
  ]);
  const proof = hmacMd5(responseKey, challenge.serverChallenge, blob);
  const ntResponse = Buffer.concat([proof, blob]);
  const lmResponse = withMic
    ? Buffer.alloc(24)
    : Buffer.concat([hmacMd5(responseKey, challenge.serverChallenge, clientChallenge), clientChallenge]);
  // Without key exchange, the exported session key is NTLMv2's session base key.
  const sessionKey = hmacMd5(responseKey, proof);

  // The flags both sides agreed on, with exactly one of Unicode and OEM.
  const agreed = challenge.flags & (NEGOTIATE_FLAGS | F.targetInfo) & ~(F.unicode | F.oem);
  const flags = agreed | (unicode ? F.unicode : F.oem);
  const fields = [text(who.domain), text(who.username), text(''), lmResponse, ntResponse, Buffer.alloc(0)];
  // Lengths are 16-bit in the message: a longer name cannot be sent (and writing it would throw).
  if (fields.some((f) => f.length > 0xffff)) return { error: 'the user or domain name is too long for NTLM' };
  const HEADER = 88; // fixed fields, version, MIC
  const message = Buffer.alloc(HEADER + fields.reduce((n, f) => n + f.length, 0));
  SIGNATURE.copy(message, 0);
  message.writeUInt32LE(3, 8);
  // Security buffers in header order: LM, NT, domain, user, workstation, session key; payload in field order.
  const payloadOrder = [3, 4, 0, 1, 2, 5];
  let offset = HEADER;
  const offsets: number[] = [];
  for (const f of fields) {
    offsets.push(offset);
    f.copy(message, offset);
    offset += f.length;
  }
  payloadOrder.forEach((field, slot) => {
    const at = 12 + slot * 8;
    message.writeUInt16LE(fields[field]!.length, at);
    message.writeUInt16LE(fields[field]!.length, at + 2);
    message.writeUInt32LE(offsets[field]!, at + 4);
  });
  message.writeUInt32LE(flags >>> 0, 60);
  VERSION.copy(message, 64);
  if (withMic) hmacMd5(sessionKey, negotiate, challenge.raw, message).copy(message, 72);
  return message;
}
