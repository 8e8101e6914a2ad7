import type tls from 'node:tls';
import { isIpLiteral } from '../../../shared/targets.js';

/**
 * TLS options for looking at a chain rather than trusting it, shared by detection and `check`:
 * verification off (we judge the chain ourselves, against the sets we choose), no CA list, and
 * OpenSSL security level 0 so weak chains (SHA-1, short keys) are SEEN and reported instead of
 * failing the handshake. SNI is the name asked for, never an IP literal (which TLS forbids).
 */
export function inspectingTlsOptions(servername: string | null | undefined): tls.ConnectionOptions {
  return {
    servername: servername && !isIpLiteral(servername) ? servername : undefined,
    rejectUnauthorized: false,
    ca: [],
    ciphers: 'DEFAULT@SECLEVEL=0',
    ALPNProtocols: ['http/1.1'],
  };
}
