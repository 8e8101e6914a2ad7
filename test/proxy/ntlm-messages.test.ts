/**
 * The NTLMv2 message builder on its own: MS-NLMP's published NTLMv2 example (section 4.2.4) as a
 * known answer, the MsvAvTimestamp path (server time, zero LM field, a MIC that checks out), and
 * type 2 messages whose fields point outside the message.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { ntHash } from '../../electron/core/proxy/auth/nt-hash.js';
import { authenticateMessage, negotiateMessage, parseChallenge, type Challenge } from '../../electron/core/proxy/auth/ntlm-messages.js';

const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

function avPair(id: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value]);
}

/** A type 2 with the given flags, server challenge and target information (AV pairs, EOL added). */
function type2(flags: number, serverChallenge: Buffer, pairs: Buffer[]): Buffer {
  const info = Buffer.concat([...pairs, Buffer.alloc(4)]);
  const head = Buffer.alloc(48);
  Buffer.from('NTLMSSP\0', 'latin1').copy(head, 0);
  head.writeUInt32LE(2, 8);
  head.writeUInt32LE(flags >>> 0, 20);
  serverChallenge.copy(head, 24);
  head.writeUInt16LE(info.length, 40);
  head.writeUInt16LE(info.length, 42);
  head.writeUInt32LE(48, 44);
  return Buffer.concat([head, info]);
}

/** A security buffer of a type 3 message. */
function field(message: Buffer, slot: number): Buffer {
  const at = 12 + slot * 8;
  const length = message.readUInt16LE(at);
  const offset = message.readUInt32LE(at + 4);
  return message.subarray(offset, offset + length);
}
const [LM, NT, DOMAIN, USER] = [0, 1, 2, 3];

const UNICODE_NTLM_TARGETINFO = 0x1 | 0x200 | 0x80000 | 0x800000 | 0x8000;

describe('NTLMv2 messages (MS-NLMP)', () => {
  it("MS-NLMP 4.2.4's example: the NTLMv2 proof and the LMv2 response match the published bytes", () => {
    // User "User", domain "Domain", password "Password"; the server's target info names domain "Domain" and server "Server".
    const challenge = parseChallenge(
      type2(UNICODE_NTLM_TARGETINFO, hex('0123456789abcdef'), [avPair(2, utf16('Domain')), avPair(1, utf16('Server'))]),
    );
    assert.ok(!('error' in challenge));
    assert.equal(ntHash('Password').toString('hex'), 'a4f49c406510bdcab6824ee7c30fd852');
    const message = authenticateMessage(
      challenge,
      negotiateMessage(),
      { domain: 'Domain', username: 'User', ntHash: ntHash('Password') },
      { clientChallenge: hex('aaaaaaaaaaaaaaaa'), time: Buffer.alloc(8) },
    );
    assert.ok(Buffer.isBuffer(message));
    assert.equal(field(message, LM).toString('hex'), '86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa');
    assert.equal(field(message, NT).subarray(0, 16).toString('hex'), '68cd0ab851e51c96aabc927bebef6a1c');
    assert.deepEqual(field(message, DOMAIN), utf16('Domain'));
    assert.deepEqual(field(message, USER), utf16('User'));
    // No MsvAvTimestamp from the server: no MIC is claimed (the MIC field stays zero).
    assert.deepEqual(message.subarray(72, 88), Buffer.alloc(16));
  });

  it("with the server's MsvAvTimestamp: its time in the blob, zeros as the LM response, MsvAvFlags announcing a MIC that verifies", () => {
    const time = hex('0090d336b734c301');
    const raw = type2(UNICODE_NTLM_TARGETINFO, hex('0123456789abcdef'), [avPair(2, utf16('CORP')), avPair(7, time)]);
    const challenge = parseChallenge(raw) as Challenge;
    const key = ntHash('pässword');
    const message = authenticateMessage(challenge, negotiateMessage(), { domain: 'CORP', username: 'jürgen', ntHash: key }) as Buffer;
    const nt = field(message, NT);
    assert.deepEqual(nt.subarray(24, 32), time, 'the blob carries the server time');
    assert.deepEqual(field(message, LM), Buffer.alloc(24));
    // MsvAvFlags (6) with bit 0x2 follows the server's pairs inside the blob.
    const blobPairs = nt.subarray(16 + 28);
    assert.ok(blobPairs.includes(avPair(6, Buffer.from([2, 0, 0, 0]))));
    // The MIC: HMAC-MD5 under the session base key over type 1 + type 2 + type 3 with the MIC zeroed.
    const responseKey = createHmac('md5', key).update(utf16('JÜRGENCORP')).digest();
    const sessionKey = createHmac('md5', responseKey).update(nt.subarray(0, 16)).digest();
    const zeroed = Buffer.from(message);
    Buffer.alloc(16).copy(zeroed, 72);
    const mic = createHmac('md5', sessionKey)
      .update(Buffer.concat([negotiateMessage(), raw, zeroed]))
      .digest();
    assert.deepEqual(message.subarray(72, 88), mic);
  });

  it('the user name is upper-cased one character for one, as Windows and Samba do: "ß" and "ﬁ" stay, they do not become "SS" and "FI"', () => {
    const serverChallenge = hex('0123456789abcdef');
    const challenge = parseChallenge(type2(UNICODE_NTLM_TARGETINFO, serverChallenge, [avPair(2, utf16('CORP'))])) as Challenge;
    const key = ntHash('pw');
    const message = authenticateMessage(challenge, negotiateMessage(), { domain: 'CORP', username: 'straße.ﬁx', ntHash: key }) as Buffer;
    const nt = field(message, NT);
    // NTOWFv2 as a domain controller computes it, then the NTProofStr over the server challenge and the blob.
    const responseKey = createHmac('md5', key).update(utf16('STRAßE.ﬁXCORP')).digest();
    const proof = createHmac('md5', responseKey)
      .update(Buffer.concat([serverChallenge, nt.subarray(16)]))
      .digest();
    assert.deepEqual(nt.subarray(0, 16), proof);
    // The name itself goes as typed.
    assert.deepEqual(field(message, USER), utf16('straße.ﬁx'));
  });

  it('client challenges are random: two answers to one challenge differ', () => {
    const challenge = parseChallenge(type2(UNICODE_NTLM_TARGETINFO, hex('0123456789abcdef'), [])) as Challenge;
    const who = { domain: 'CORP', username: 'alice', ntHash: ntHash('pw') };
    const a = authenticateMessage(challenge, negotiateMessage(), who) as Buffer;
    const b = authenticateMessage(challenge, negotiateMessage(), who) as Buffer;
    assert.notDeepEqual(field(a, NT).subarray(32, 40), field(b, NT).subarray(32, 40));
  });

  it('a proxy without Unicode: ASCII names go as OEM, non-ASCII ones are refused with a reason', () => {
    const challenge = parseChallenge(type2(0x2 | 0x200 | 0x80000 | 0x800000, hex('0123456789abcdef'), [])) as Challenge;
    const ascii = authenticateMessage(challenge, negotiateMessage(), { domain: 'CORP', username: 'alice', ntHash: ntHash('pw') }) as Buffer;
    assert.deepEqual(field(ascii, USER), Buffer.from('alice', 'latin1'));
    assert.equal(ascii.readUInt32LE(60) & 0x3, 0x2);
    const refused = authenticateMessage(challenge, negotiateMessage(), { domain: 'CORP', username: 'jürgen', ntHash: ntHash('pw') });
    assert.match((refused as { error: string }).error, /Unicode/);
  });

  it('a name longer than the 16-bit length fields is refused with a reason, not thrown', () => {
    const challenge = parseChallenge(type2(UNICODE_NTLM_TARGETINFO, hex('0123456789abcdef'), [])) as Challenge;
    const answer = authenticateMessage(challenge, negotiateMessage(), {
      domain: 'CORP',
      username: 'a'.repeat(40_000),
      ntHash: ntHash('pw'),
    });
    assert.deepEqual(answer, { error: 'the user or domain name is too long for NTLM' });
  });

  it('type 2 messages that lie about their size are refused, not read past their end', () => {
    assert.deepEqual(parseChallenge(Buffer.from('NTLMSSP\0', 'latin1')), { error: 'not an NTLM challenge' });
    const type1Shaped = negotiateMessage();
    assert.deepEqual(parseChallenge(type1Shaped), { error: 'not an NTLM challenge' });
    const outside = type2(UNICODE_NTLM_TARGETINFO, hex('0123456789abcdef'), [avPair(2, utf16('CORP'))]);
    outside.writeUInt32LE(0xfff0, 44);
    assert.match((parseChallenge(outside) as { error: string }).error, /outside/);
    const truncated = type2(UNICODE_NTLM_TARGETINFO, hex('0123456789abcdef'), [avPair(2, utf16('CORP'))]);
    truncated.writeUInt16LE(0x4000, 48 + 2); // the first pair claims 16 KB
    assert.match((parseChallenge(truncated) as { error: string }).error, /truncated/);
  });
});
