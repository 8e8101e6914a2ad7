import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import { mitmproxyMissing, startMitmproxyInLab, type Mitmproxy } from '../lab/mitmproxy.js';
import { RUSTUP_HOME } from '../advice/real-tools/advice-path.js';
import { cli } from '../helpers/cli.js';
import { fingerprint } from '../helpers/certs.js';
import { machineConfigOff } from '../helpers/isolated-env.js';

const missing = mitmproxyMissing();

describe('export and verify through real mitmproxy', { skip: missing ?? false }, () => {
  let lab: Lab;
  let mitm: Mitmproxy;
  before(async () => {
    lab = await startLab();
    mitm = await startMitmproxyInLab(lab);
  });
  after(async () => {
    await mitm?.close();
    await lab?.close();
  });

  it("exports mitmproxy's CA from the trust store and every installed tool then succeeds", async () => {
    const store = await lab.writePem('store.pem', [mitm.caPem, ...Object.values(lab.families).map((f) => f.root.pem)]);
    const args = [
      '--targets',
      lab.hosts.slice(0, 4).join(','),
      '--proxy',
      mitm.url,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      store,
    ];
    const out = path.join(lab.dir, 'export');
    // verify proves the user's own configuration: this test's user has a HOME of its own, and the machine's
    // global npmrc (cafile) and system gitconfig are swapped for absent ones through the tools' own variables.
    const env = {
      PATH: process.env.PATH,
      HOME: path.join(lab.dir, 'home'),
      ...machineConfigOff(lab.dir),
      // A rustup-installed cargo finds its toolchains under the real user's RUSTUP_HOME, as it would for a user.
      RUSTUP_HOME,
    };
    await mkdir(env.HOME, { recursive: true });
    const exported = await cli(['export', '--json', '--out', out, ...args], env);
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(exported.json().ca.fingerprint256, fingerprint(mitm.caPem));
    const verified = await cli(['verify', '--json', '--dir', out, ...args], env);
    const result = verified.json();
    assert.equal(verified.code, 0, JSON.stringify(result, null, 1));
    // A tool the session snippet sets nothing for (java, wget) is honestly "not configured", not run.
    const ran = result.tools.filter((t: any) => t.result !== 'not-found' && t.result !== 'not-configured');
    assert.ok(ran.length >= 5, `tools that ran: ${ran.map((t: any) => t.name)}`);
    assert.deepEqual(
      ran.filter((t: any) => t.result !== 'pass').map((t: any) => [t.name, t.result, t.error]),
      [],
    );
  });
});

if (missing) it(`mitmproxy round trip skipped: ${missing}`, { skip: missing }, () => {});
