import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { userCertificates } from '../../electron/core/export/run-export.js';
import { EXPORT_FILES } from '../../electron/core/export/write.js';
import { issue } from '../lab/pki.js';
import { machineConfigOff } from '../helpers/isolated-env.js';

/**
 * After apply, PIP_CERT names the export's own merged bundle. When IT renews the CA and the export is
 * refreshed, the roots read back from that file must be the user's (the internal root), never the CA this
 * folder exported before: the renewed export must stop trusting the old CA.
 */
describe('a refresh reads the user roots back from the export folder, not the CA it exported', () => {
  let dir: string;
  let oldCa: string;
  let internal: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-refresh-merged-'));
    const old = await issue({ subject: 'CN=Old Inspection Root', ca: true });
    const root = await issue({ subject: 'CN=Internal PKI Root', ca: true });
    oldCa = new X509Certificate(old.pem).fingerprint256;
    internal = new X509Certificate(root.pem).fingerprint256;
    await writeFile(path.join(dir, EXPORT_FILES.caPem), old.pem);
    await writeFile(path.join(dir, EXPORT_FILES.merged), root.pem + old.pem);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('keeps the internal root and leaves the old CA out', async () => {
    const env = {
      HOME: dir,
      PIP_CERT: path.join(dir, EXPORT_FILES.merged),
      ...machineConfigOff(dir),
    };
    const user = await userCertificates(dir, { env, cwd: dir, platform: 'linux' });
    const prints = user.certs.map((c) => c.fingerprint256);
    assert.ok(prints.includes(internal), 'the internal root is kept');
    assert.ok(!prints.includes(oldCa), 'the old inspection CA is not carried over');
  });
});
