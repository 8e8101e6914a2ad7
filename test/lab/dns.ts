/**
 * A DNS server on 127.0.0.1 (UDP) for the WPAD tests: answers A records from a table, NXDOMAIN for every
 * other name, and nothing at all for the names it is told to ignore (a resolver that hangs). Every
 * question it receives is recorded, so a test can prove which names were (never) asked.
 */
import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import { LOOPBACK } from './servers.js';

export interface LabDns {
  /** For Resolver.setServers: "127.0.0.1:port". */
  server: string;
  /** "A wpad.corp.example.test", in arrival order. */
  queries: string[];
  close(): Promise<void>;
}

export async function startLabDns(records: Record<string, string>, silent: string[] = []): Promise<LabDns> {
  const queries: string[] = [];
  const socket = dgram.createSocket('udp4');
  socket.on('message', (message, remote) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase();
    queries.push(`${question.type} ${name}`);
    if (silent.includes(name)) return;
    const address = records[name];
    const answers: dnsPacket.Answer[] = address && question.type === 'A' ? [{ type: 'A', name: question.name, ttl: 5, data: address }] : [];
    // rcode 3 (NXDOMAIN) in the low bits of the flags for unknown names; NOERROR without answers for AAAA of a known one.
    const flags = dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (address ? 0 : 3);
    const response = dnsPacket.encode({ type: 'response', id: query.id, flags, questions: [question], answers });
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, LOOPBACK, () => resolve());
  });
  return {
    server: `${LOOPBACK}:${socket.address().port}`,
    queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
