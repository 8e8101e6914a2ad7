import { X509Certificate } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Lab } from '../lab/lab.js';
import { issue } from '../lab/pki.js';

/** An export folder holding a CA that signs nothing the lab presents, with the lab's public roots as its bundle. */
export async function writeWrongExport(lab: Lab, dir: string): Promise<void> {
  const stranger = await issue({ subject: 'CN=Some Other Root', ca: true });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'corporate-ca.pem'), stranger.pem);
  await writeFile(path.join(dir, 'corporate-ca.crt'), new X509Certificate(stranger.pem).raw);
  await writeFile(
    path.join(dir, 'ca-bundle.pem'),
    stranger.pem +
      Object.values(lab.families)
        .map((f) => f.root.pem)
        .join(''),
  );
}
