import { fail, ok, type Result } from './result.js';
import { isValidHostName, parsePort, type Target } from './targets.js';

/**
 * curl's `--connect-to HOST:PORT:ADDR:ADDRPORT`: open the TCP connection to ADDR:ADDRPORT while
 * SNI, the CONNECT target and name checks keep using HOST:PORT. An empty HOST or PORT matches any.
 */
export interface ConnectTo {
  host: string | null;
  port: number | null;
  addr: string;
  addrPort: number;
}

/** Splits on colons outside square brackets, so IPv6 literals can be written as `[::1]`. */
function splitFields(text: string): string[] | null {
  const fields: string[] = [];
  let current = '';
  let inBrackets = false;
  for (const ch of text) {
    if (ch === '[') inBrackets = true;
    else if (ch === ']') inBrackets = false;
    if (ch === ':' && !inBrackets) {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  if (inBrackets) return null;
  fields.push(current);
  return fields;
}

const unbracket = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

export function parseConnectTo(text: string): Result<ConnectTo> {
  const fields = splitFields(text);
  const bad = (why: string) => fail<ConnectTo>('bad-connect-to', `--connect-to "${text}": ${why} (expected HOST:PORT:ADDR:ADDRPORT)`);
  if (!fields || fields.length !== 4) return bad('needs exactly four colon-separated fields');
  const [hostText, portText, addrText, addrPortText] = fields as [string, string, string, string];
  const host = hostText === '' ? null : unbracket(hostText).toLowerCase();
  if (host !== null && !isValidHostName(host)) return bad(`"${hostText}" is not a valid host name`);
  const port = portText === '' ? null : parsePort(portText);
  if (portText !== '' && port === null) return bad(`"${portText}" is not a port`);
  const addr = unbracket(addrText);
  if (!addr || !isValidHostName(addr)) return bad(`"${addrText}" is not a valid address`);
  const addrPort = parsePort(addrPortText);
  if (addrPort === null) return bad(`"${addrPortText}" is not a port`);
  return ok({ host, port, addr, addrPort });
}

/** The address to dial for a host:port: the first matching mapping, as curl does. */
export function resolveConnectTo(target: Target, mappings: readonly ConnectTo[]): Target {
  const hit = mappings.find((m) => (m.host === null || m.host === target.host) && (m.port === null || m.port === target.port));
  return hit ? { host: hit.addr, port: hit.addrPort } : target;
}
