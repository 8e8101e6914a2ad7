import type { ProbeError, ProbeErrorCode } from '../../../shared/detection.js';
import { escapeNetworkText } from '../../../shared/network-text.js';

/**
 * A failure with a stable code, thrown inside a probe and turned into a value at its edge. Its message
 * quotes what the peer sent (a proxy's status line and Proxy-Authenticate scheme, a TLS alert text), so
 * it is escaped here, once, for every front door.
 */
export class ProbeFailure extends Error {
  constructor(
    readonly code: ProbeErrorCode,
    message: string,
    readonly params?: ProbeError['params'],
  ) {
    super(escapeNetworkText(message));
  }

  toValue(): ProbeError {
    return { code: this.code, message: this.message, ...(this.params ? { params: this.params } : {}) };
  }
}

const SYSCALL_CODES: Record<string, ProbeErrorCode> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  ETIMEDOUT: 'timeout',
};

/** Maps a Node socket/TLS error raised while talking to `peer` (the site, or the proxy). */
export function classifyError(error: unknown, peer: 'site' | 'proxy', where: string): ProbeFailure {
  if (error instanceof ProbeFailure) return error;
  const err = error as NodeJS.ErrnoException & { library?: string; reason?: string };
  const code = err.code ?? '';
  const mapped = SYSCALL_CODES[code];
  if (mapped && peer === 'proxy') {
    if (mapped === 'dns') return new ProbeFailure('proxy-dns', `proxy host ${where} could not be resolved (${code})`);
    if (mapped === 'refused') return new ProbeFailure('proxy-refused', `proxy ${where} refused the connection`);
    if (mapped === 'reset') return new ProbeFailure('proxy-error', `proxy ${where} closed the connection (${code})`);
  }
  if (mapped === 'dns') return new ProbeFailure('dns', `${where} could not be resolved (${code})`);
  if (mapped === 'refused') return new ProbeFailure('refused', `${where} refused the connection`);
  if (mapped === 'reset') return new ProbeFailure('reset', `${where} reset the connection (${code})`);
  if (mapped) return new ProbeFailure(mapped, `${where}: ${err.message}`);
  if (/alert/i.test(code) || /alert/i.test(err.message ?? '')) {
    return new ProbeFailure('tls-alert', `${where} ended the TLS handshake with an alert: ${err.reason ?? err.message}`);
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || err.library === 'SSL routines') {
    return new ProbeFailure('tls-error', `TLS handshake with ${where} failed: ${err.reason ?? err.message}`);
  }
  return new ProbeFailure('internal', `${where}: ${err.message ?? String(error)}`);
}
