import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { pemBody, scanPem } from './pem.js';
import { looksLikePem, parseCertificates, type ParsedCertificates } from './x509.js';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';

/**
 * Certificates inside a PKCS#7 (.p7b) bundle. forge walks the ASN.1 only; each certificate's DER
 * goes to X509Certificate, because forge's certificate parser rejects ECDSA keys.
 */
export function certificatesFromPkcs7(der: Buffer): ParsedCertificates {
  const result: ParsedCertificates = { certs: [], problems: [] };
  const content = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')), false);
  const [type, explicit] = content.value as forge.asn1.Asn1[];
  if (!type || forge.asn1.derToOid(type.value as string) !== OID_SIGNED_DATA) throw new Error('not a PKCS#7 signed-data bundle');
  const signedData = ((explicit?.value as forge.asn1.Asn1[]) ?? [])[0];
  const certSet = ((signedData?.value as forge.asn1.Asn1[]) ?? []).find(
    (n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0,
  );
  ((certSet?.value as forge.asn1.Asn1[]) ?? []).forEach((node, index) => {
    try {
      result.certs.push(new X509Certificate(Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary')));
    } catch (error) {
      result.problems.push({ index, reason: (error as Error).message });
    }
  });
  return result;
}

const isPkcs7Der = (data: Buffer) => {
  try {
    const node = forge.asn1.fromDer(forge.util.createBuffer(data.toString('binary')), false);
    const first = (node.value as forge.asn1.Asn1[])[0];
    return first?.type === forge.asn1.Type.OID && forge.asn1.derToOid(first.value as string) === OID_SIGNED_DATA;
  } catch {
    return false;
  }
};

function pkcs7OrProblem(der: Buffer, index: number): ParsedCertificates {
  try {
    return certificatesFromPkcs7(der);
  } catch (error) {
    return { certs: [], problems: [{ index, reason: `broken PKCS#7 bundle: ${(error as Error).message}` }] };
  }
}

/**
 * Reads whatever IT handed out: PEM (one or many), DER `.crt`/`.cer`, or PKCS#7 `.p7b` in PEM or DER.
 * Never throws: whatever cannot be read comes back as a problem with its reason.
 */
export function readCertificateFile(data: Buffer): ParsedCertificates {
  if (looksLikePem(data)) {
    const text = data.toString('latin1');
    const fromPem = parseCertificates(text);
    scanPem(text)
      .filter((entry) => entry.label === 'PKCS7')
      .forEach((entry, index) => {
        const inner =
          entry.kind === 'block'
            ? pkcs7OrProblem(pemBody(entry), index)
            : { certs: [], problems: [{ index, reason: `broken PKCS#7 bundle: ${entry.reason}` }] };
        fromPem.certs.push(...inner.certs);
        fromPem.problems.push(...inner.problems);
      });
    return fromPem;
  }
  return isPkcs7Der(data) ? pkcs7OrProblem(data, 0) : parseCertificates(data);
}
