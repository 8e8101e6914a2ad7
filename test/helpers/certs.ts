import { X509Certificate } from 'node:crypto';

export const fingerprint = (pem: string): string => new X509Certificate(pem).fingerprint256;
