import { generateKeyPair, randomBytes, type X509Certificate } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import type { ExportFile } from '../../../shared/guidance/env-vars.js';

/**
 * The negative control's export: a CA generated for this run only (a fresh key, a random name), so no
 * network can present a chain under it. Its bundle is the export's bundle with the exported CA(s) taken
 * out and this CA put in: the same public roots, the wrong corporate CA. A tool that still gets its
 * answer with these files has verification off, or trusts the inspection CA by a setting of its own.
 */
export async function writeControlExport(
  dir: string,
  exported: readonly X509Certificate[],
  bundle: readonly X509Certificate[],
): Promise<Record<ExportFile, string>> {
  const keys = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const publicKey = forge.pki.publicKeyFromPem(keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const privateKey = forge.pki.privateKeyFromPem(keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const name = [
    { name: 'commonName', value: `CA Bridge negative control ${randomBytes(6).toString('hex')}` },
    { name: 'organizationName', value: 'CA Bridge (never trusted)' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const wrong = new Set(exported.map((c) => c.fingerprint256));
  const files = {
    ca: path.join(dir, 'control-ca.pem'),
    bundle: path.join(dir, 'control-bundle.pem'),
    der: path.join(dir, 'control-ca.crt'),
  };
  await Promise.all([
    writeFile(files.ca, pem),
    writeFile(files.der, der),
    writeFile(files.bundle, [...bundle.filter((c) => !wrong.has(c.fingerprint256)).map((c) => c.toString()), pem].join('\n')),
  ]);
  return files;
}
