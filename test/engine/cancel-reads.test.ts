/**
 * The operation's AbortSignal reaches the reads and the PAC evaluator's start: a cancelled operation reads
 * no more of the user's files and keeps no thread running a script. Each case is told apart by what a
 * cancelled run must not do (read a file and judge it, wait for a script's own deadline), never by time.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { checkHost } from '../../electron/core/diagnose/check.js';
import { fetchPac } from '../../electron/core/proxy/pac/fetch-pac.js';
import { createPacEngine } from '../../electron/core/proxy/pac/pac-engine.js';
import { TrustSet } from '../../electron/core/trust/trust-set.js';
import { issue } from '../lab/pki.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-cancel-reads-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const cancelled = () => AbortSignal.abort();

describe('cancellation reaches reads and the PAC evaluator', () => {
  it(
    'a PAC script whose top level never ends: its thread is ended when the operation is cancelled, not at the script deadline',
    { timeout: 120_000 },
    async () => {
      const controller = new AbortController();
      // The script's own limit is far away: only the signal can end this load.
      const loading = createPacEngine('for (;;) {}\nfunction FindProxyForURL() { return "DIRECT"; }', 'loop.pac', {
        timeoutMs: 600_000,
        signal: controller.signal,
      });
      // Aborted once the thread is running the script (its first alert is the sign), not before it exists.
      const started = createPacEngine('alert("started"); for (;;) {}', 'alerting.pac', {
        timeoutMs: 600_000,
        signal: controller.signal,
        onAlert: () => controller.abort(),
      });
      for (const engine of await Promise.all([loading, started])) {
        assert.equal(engine.ok, false);
        if (!engine.ok) assert.match(engine.error.message, /loading the script cancelled$/);
      }
    },
  );

  it('pac+file:// is not read once the operation is cancelled', async () => {
    const file = path.join(dir, 'proxy.pac');
    await writeFile(file, 'function FindProxyForURL() { return "DIRECT"; }');
    assert.equal((await fetchPac(pathToFileURL(file).href)).ok, true, 'read when not cancelled');
    const script = await fetchPac(pathToFileURL(file).href, { signal: cancelled() });
    assert.equal(script.ok, false);
    if (!script.ok) assert.match(script.error.message, /reading was cancelled/);
  });

  it('check --ca, --client-cert and --client-key are not read once the check is cancelled', async () => {
    const root = await issue({ subject: 'CN=Cancel Root', ca: true });
    const anchors = new TrustSet('anchors', [{ cert: new X509Certificate(root.pem), source: 'test' }]);
    const trust = {
      publicRoots: anchors,
      store: { backend: 'file' as const, anchors, intermediates: new TrustSet('none'), sources: [], problems: [] },
    };
    // Read, each file would be judged: no certificate in it, or no such file.
    const notPem = path.join(dir, 'not-a-ca.txt');
    await writeFile(notPem, 'not a certificate\n');
    const base = {
      target: { host: 'cancel.example', port: 443 },
      proxy: { kind: 'direct' as const },
      connectTo: [],
      timeoutMs: 30_000,
      env: {},
    };
    const read = checkHost({ ...base, caFile: notPem }, trust);
    await assert.rejects(read, /no PEM or DER certificate found/, 'read when not cancelled');
    for (const options of [
      { caFile: notPem },
      { clientCert: { certFile: path.join(dir, 'absent-cert.pem'), keyFile: path.join(dir, 'absent-key.pem') } },
    ])
      await assert.rejects(checkHost({ ...base, ...options, signal: cancelled() }, trust), /reading was cancelled/);
  });
});
