import forge from 'node-forge';

/**
 * Reads what `X509Certificate` does not expose (key identifiers, the criticality of Basic
 * Constraints, the signature algorithm) straight from the DER with node-forge's ASN.1 reader.
 * Only ASN.1 is parsed here, never the key, so ECDSA and Ed25519 certificates work too.
 */
export interface CertExtensions {
  signatureAlgorithmOid: string | null;
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  basicConstraints: { critical: boolean; ca: boolean; pathLen: number | null } | null;
}

const OID_SKI = '2.5.29.14';
const OID_AKI = '2.5.29.35';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';

type Asn1 = forge.asn1.Asn1;

const children = (node: Asn1 | undefined): Asn1[] => (node && Array.isArray(node.value) ? node.value : []);
const bytesOf = (node: Asn1 | undefined): string => (node && typeof node.value === 'string' ? node.value : '');
const hex = (bytes: string) =>
  forge.util
    .bytesToHex(bytes)
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');

function parseDer(bytes: string): Asn1 {
  return forge.asn1.fromDer(forge.util.createBuffer(bytes), false);
}

function readExtension(ext: Asn1, out: CertExtensions): void {
  const fields = children(ext);
  const oid = forge.asn1.derToOid(bytesOf(fields[0]));
  const hasCritical = fields.length === 3;
  const critical = hasCritical && bytesOf(fields[1]) === '\xff';
  const value = bytesOf(fields[hasCritical ? 2 : 1]);
  if (oid === OID_SKI) {
    out.subjectKeyId = hex(bytesOf(parseDer(value)));
  } else if (oid === OID_AKI) {
    const keyId = children(parseDer(value)).find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
    if (keyId) out.authorityKeyId = hex(bytesOf(keyId));
  } else if (oid === OID_BASIC_CONSTRAINTS) {
    const parts = children(parseDer(value));
    const caNode = parts.find((n) => n.type === forge.asn1.Type.BOOLEAN);
    const lenNode = parts.find((n) => n.type === forge.asn1.Type.INTEGER);
    out.basicConstraints = {
      critical,
      ca: caNode ? bytesOf(caNode) !== '\x00' : false,
      pathLen: lenNode ? forge.util.createBuffer(bytesOf(lenNode)).getInt(bytesOf(lenNode).length * 8) : null,
    };
  }
}

export function readExtensions(der: Buffer): CertExtensions {
  const out: CertExtensions = { signatureAlgorithmOid: null, subjectKeyId: null, authorityKeyId: null, basicConstraints: null };
  try {
    const [tbs, sigAlg] = children(parseDer(der.toString('binary')));
    out.signatureAlgorithmOid = forge.asn1.derToOid(bytesOf(children(sigAlg)[0]));
    const extBlock = children(tbs).find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 3);
    for (const ext of children(children(extBlock)[0])) {
      try {
        readExtension(ext, out);
      } catch {
        // One malformed extension must not hide the others.
      }
    }
  } catch {
    // Callers already hold a certificate that OpenSSL parsed; missing extras are reported as null.
  }
  return out;
}

const SIGNATURE_NAMES: Record<string, string> = {
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

export function signatureAlgorithmName(oid: string | null): string {
  if (!oid) return 'unknown';
  const forgeName = (forge.pki.oids as Record<string, string | undefined>)[oid];
  return SIGNATURE_NAMES[oid] ?? forgeName ?? oid;
}
