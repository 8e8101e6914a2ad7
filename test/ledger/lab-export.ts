/** The lab's inspecting proxy and an export folder for its CA, as `export` writes it; shared by the ledger's real-tool tests. */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';

export interface LabExport {
  lab: Lab;
  proxy: LabProxy;
  root: string;
  exportDir: string;
  close: () => Promise<void>;
}

/** A lab with its inspecting proxy, and in a temp folder an export (with a space in its name) of the proxy's root. */
export async function labWithExport(prefix: string): Promise<LabExport> {
  const lab = await startLab();
  const proxy = await lab.startProxy({});
  const root = mkdtempSync(path.join(tmpdir(), `ca-bridge-${prefix}-`));
  const exportDir = path.join(root, 'export dir');
  mkdirSync(exportDir);
  writeFileSync(path.join(exportDir, 'corporate-ca.pem'), proxy.root.pem);
  // The bundle as export writes it: the public roots (here the lab's) plus the corporate CA.
  writeFileSync(
    path.join(exportDir, 'ca-bundle.pem'),
    Object.values(lab.families)
      .map((f) => f.root.pem)
      .join('') + proxy.root.pem,
  );
  writeFileSync(path.join(exportDir, 'corporate-ca.crt'), new X509Certificate(proxy.root.pem).raw);
  return {
    lab,
    proxy,
    root,
    exportDir,
    close: async () => {
      await lab.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A self-signed CA valid for two days, written as PEM to `out` (its key next to it). */
export function makeTestCa(out: string, commonName: string): void {
  execFileSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${out}.key`,
    '-out',
    out,
    '-subj',
    `/CN=${commonName}`,
    '-days',
    '2',
  ]);
}

/** An export folder as `export` writes it, for a test CA of its own: corporate-ca.pem, its DER, and a bundle of just that CA. */
export function makeTestExport(exportDir: string, commonName: string): void {
  const pem = path.join(exportDir, 'corporate-ca.pem');
  makeTestCa(pem, commonName);
  copyFileSync(pem, path.join(exportDir, 'ca-bundle.pem'));
  execFileSync('openssl', ['x509', '-in', pem, '-outform', 'der', '-out', path.join(exportDir, 'corporate-ca.crt')]);
}
