import type { X509Certificate } from 'node:crypto';

export interface TrustedCert {
  cert: X509Certificate;
  /** Store name or file the certificate came from, shown to the user as "where it was found". */
  source: string;
}

/**
 * A set of anchor certificates indexed by subject name, so that finding the issuer of a
 * certificate is a map lookup followed by an AKI/SKI and signature check (in chain.ts), not a scan.
 */
export class TrustSet {
  private readonly bySubject = new Map<string, TrustedCert[]>();
  private readonly byFingerprint = new Map<string, TrustedCert>();

  constructor(
    readonly label: string,
    entries: Iterable<TrustedCert> = [],
  ) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: TrustedCert): void {
    const fp = entry.cert.fingerprint256;
    if (this.byFingerprint.has(fp)) return;
    this.byFingerprint.set(fp, entry);
    const list = this.bySubject.get(entry.cert.subject) ?? [];
    list.push(entry);
    this.bySubject.set(entry.cert.subject, list);
  }

  get size(): number {
    return this.byFingerprint.size;
  }

  has(cert: X509Certificate): TrustedCert | undefined {
    return this.byFingerprint.get(cert.fingerprint256);
  }

  get(fingerprint256: string): TrustedCert | undefined {
    return this.byFingerprint.get(fingerprint256);
  }

  /** Certificates of this set named `subject`: issuer candidates, still to be confirmed by key identifiers and signature. */
  withSubject(subject: string): readonly TrustedCert[] {
    return this.bySubject.get(subject) ?? [];
  }

  entries(): IterableIterator<TrustedCert> {
    return this.byFingerprint.values();
  }

  pems(): string[] {
    return [...this.byFingerprint.values()].map((e) => e.cert.toString());
  }
}
