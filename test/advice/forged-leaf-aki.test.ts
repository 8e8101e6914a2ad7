/**
 * The leaf-side Python 3.13 problem: a proxy-forged leaf without an Authority Key Identifier is rejected by
 * Python 3.13 even with exactly the right CA, and the export lint says so, naming the proxy configuration
 * as the fix. Proven with the real Python 3.13 when pyenv has it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { after, describe, it } from 'node:test';
import type { DetectionResult } from '../../shared/detection.js';
import { explainErrors } from '../../shared/explain.js';
import { lintForgedLeaves } from '../../electron/core/export/lint.js';
import { issue, type Issued } from '../lab/pki.js';
import { closeServer, listen } from '../lab/servers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ca-bridge-aki-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PYTHON_313 = ['/root/.pyenv/versions/3.13.0/bin/python3', '/usr/bin/python3.13'].find((p) => existsSync(p));

/** Just enough of a detection report: one inspected target whose presented chain is `chain`. */
function detectionWith(host: string, chain: Issued[]): DetectionResult {
  const target = { host, port: 443, status: 'inspected', chain: chain.map((c) => ({ pem: c.pem })) };
  return { targets: [target] } as unknown as DetectionResult;
}

async function serve(leaf: Issued, ca: Issued, run: (port: number) => Promise<void>) {
  const server = tls.createServer({ cert: leaf.pem + ca.pem, key: leaf.keyPem }, (socket) => socket.end('HTTP/1.0 200 OK\r\n\r\nok'));
  const port = await listen(server);
  try {
    await run(port);
  } finally {
    await closeServer(server);
  }
}

const PY = `
import socket, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[1])
try:
    with socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=20) as raw:
        with ctx.wrap_socket(raw, server_hostname="pypi.org") as s:
            print("TLS OK")
except ssl.SSLError as e:
    print(e)
    sys.exit(1)
`;

describe('forged leaf without an Authority Key Identifier', () => {
  it('the lint flags it, as the proxy configuration, and only when the leaf lacks the AKI', async () => {
    const ca = await issue({ subject: 'CN=Proxy Root', ca: true });
    const bare = await issue({ subject: 'CN=pypi.org', hosts: ['pypi.org'], issuer: ca, withAuthorityKeyId: false });
    const good = await issue({ subject: 'CN=pypi.org', hosts: ['pypi.org'], issuer: ca });
    const [finding, ...rest] = lintForgedLeaves(detectionWith('pypi.org', [bare, ca]));
    assert.equal(rest.length, 0);
    assert.equal(finding!.code, 'forged-leaf-no-authority-key-id');
    assert.equal(finding!.fixedBy, 'proxy-configuration');
    assert.match(finding!.message, /pypi\.org/);
    assert.match(finding!.affects, /proxy's configuration, not the CA file/);
    assert.deepEqual(lintForgedLeaves(detectionWith('pypi.org', [good, ca])), []);
    assert.deepEqual(lintForgedLeaves(null), []);
    assert.ok(new X509Certificate(bare.pem).issuer.includes('Proxy Root'));
  });

  it(
    'real Python 3.13 rejects it with the right CA, accepts the same chain with an AKI; explain names it',
    {
      skip: PYTHON_313 ? false : 'Python 3.13 is not installed here (pyenv 3.13.0 or Debian python3.13)',
    },
    async () => {
      const ca = await issue({ subject: 'CN=Proxy Root', ca: true });
      const caFile = path.join(dir, 'proxy-ca.pem');
      writeFileSync(caFile, ca.pem);
      const bare = await issue({ subject: 'CN=pypi.org', hosts: ['pypi.org'], issuer: ca, withAuthorityKeyId: false });
      const good = await issue({ subject: 'CN=pypi.org', hosts: ['pypi.org'], issuer: ca });
      // Asynchronous: the TLS server runs in this process and must keep answering while Python connects.
      const py = (port: number) =>
        new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
          execFile(
            PYTHON_313!,
            ['-c', PY, caFile, String(port)],
            { timeout: 60_000, env: { PATH: '/usr/bin:/bin' } },
            (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
          );
        });
      await serve(bare, ca, async (port) => {
        const run = await py(port);
        assert.equal(run.status, 1, run.stdout + run.stderr);
        assert.match(run.stdout, /Missing Authority Key Identifier/);
        const [match] = explainErrors(run.stdout);
        assert.equal(match!.id, 'python-missing-aki');
        assert.match(match!.fix, /the proxy configuration, not your CA file/);
      });
      await serve(good, ca, async (port) => {
        const run = await py(port);
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.match(run.stdout, /TLS OK/);
      });
    },
  );
});
