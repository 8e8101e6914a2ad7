/**
 * Certificate factory for the offline lab: RSA and ECDSA roots, intermediates and leaves, with the
 * odd shapes real networks show (SHA-1, non-critical Basic Constraints, no SKI, expired).
 * @peculiar/x509 is used because node-forge cannot sign with ECDSA keys.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export type KeyAlg = 'rsa' | 'ecdsa';

export interface Issued {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  alg: KeyAlg;
  pem: string;
  keyPem: string;
}

const GEN_PARAMS: Record<KeyAlg, webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams> = {
  rsa: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
  ecdsa: { name: 'ECDSA', namedCurve: 'P-256' },
};

/** WebCrypto binds an RSA key to one hash, so a SHA-1 signer needs a key made for SHA-1. */
export async function makeKeys(alg: KeyAlg, rsaBits = 2048, hash = 'SHA-256'): Promise<CryptoKeyPair> {
  const params = alg === 'rsa' ? { ...GEN_PARAMS.rsa, modulusLength: rsaBits, hash } : GEN_PARAMS.ecdsa;
  return (await webcrypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privateKeyPem(keys: CryptoKeyPair): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
}

export interface CertSpec {
  subject: string;
  alg?: KeyAlg;
  keys?: CryptoKeyPair;
  rsaBits?: number;
  /** Absent: self-signed. */
  issuer?: Issued;
  ca?: boolean;
  hosts?: string[];
  notBefore?: Date;
  notAfter?: Date;
  hash?: 'SHA-1' | 'SHA-256';
  basicConstraintsCritical?: boolean;
  withSubjectKeyId?: boolean;
  withAuthorityKeyId?: boolean;
  caIssuersUrl?: string;
}

const DAY = 86_400_000;

function signingAlgorithm(issuerAlg: KeyAlg, hash: string): webcrypto.Algorithm | webcrypto.EcdsaParams {
  return issuerAlg === 'rsa' ? ({ name: 'RSASSA-PKCS1-v1_5', hash } as webcrypto.Algorithm) : { name: 'ECDSA', hash };
}

export async function issue(spec: CertSpec): Promise<Issued> {
  const alg = spec.alg ?? 'ecdsa';
  const keys = spec.keys ?? (await makeKeys(alg, spec.rsaBits, spec.hash));
  const isCa = spec.ca ?? false;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(isCa, undefined, spec.basicConstraintsCritical ?? true),
    new x509.KeyUsagesExtension(
      isCa
        ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
        : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
      true,
    ),
  ];
  if (spec.withSubjectKeyId ?? true) extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey));
  if (spec.issuer && (spec.withAuthorityKeyId ?? true))
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(spec.issuer.keys.publicKey));
  if (spec.hosts?.length) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(
        spec.hosts.map((h) => (/^[\d.]+$|:/.test(h) ? { type: 'ip', value: h } : { type: 'dns', value: h })),
      ),
    );
    extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]));
  }
  if (spec.caIssuersUrl) {
    extensions.push(new x509.AuthorityInfoAccessExtension({ caIssuers: [new x509.GeneralName('url', spec.caIssuersUrl)] }));
  }
  const issuerAlg = spec.issuer?.alg ?? alg;
  const common = {
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(12)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    notBefore: spec.notBefore ?? new Date(Date.now() - DAY),
    notAfter: spec.notAfter ?? new Date(Date.now() + 365 * DAY),
    extensions,
    signingAlgorithm: signingAlgorithm(issuerAlg, spec.hash ?? 'SHA-256'),
  };
  const cert = spec.issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: spec.subject,
        issuer: spec.issuer.cert.subject,
        publicKey: keys.publicKey,
        signingKey: spec.issuer.keys.privateKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: spec.subject, keys });
  return { cert, keys, alg, pem: cert.toString('pem') + '\n', keyPem: await privateKeyPem(keys) };
}

/** An ECDSA CA written by `issue` (its certificate and PKCS#8 key, PEM), read back to issue more certificates. */
export async function loadIssued(pem: string, keyPem: string): Promise<Issued> {
  const cert = new x509.X509Certificate(pem);
  const der = Buffer.from(keyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const params = GEN_PARAMS.ecdsa;
  const privateKey = await webcrypto.subtle.importKey('pkcs8', der, params, true, ['sign']);
  const publicKey = await cert.publicKey.export(params, ['verify'], webcrypto as unknown as Parameters<typeof cert.publicKey.export>[2]);
  return { cert, keys: { privateKey, publicKey } as CryptoKeyPair, alg: 'ecdsa', pem, keyPem };
}
