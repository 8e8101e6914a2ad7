import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import { mitmproxyMissing, startMitmproxyInLab, type Mitmproxy } from '../lab/mitmproxy.js';
import { cli } from '../helpers/cli.js';
import { fingerprint } from '../helpers/certs.js';

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
    const exported = await cli(['export', '--json', '--out', out, ...args], { PATH: process.env.PATH });
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(exported.json().ca.fingerprint256, fingerprint(mitm.caPem));
    const verified = await cli(['verify', '--json', '--dir', out, ...args], { PATH: process.env.PATH });
    const result = verified.json();
    assert.equal(verified.code, 0, JSON.stringify(result, null, 1));
    const ran = result.tools.filter((t: any) => t.result !== 'not-found');
    assert.ok(ran.length >= 5, `tools that ran: ${ran.map((t: any) => t.name)}`);
    assert.ok(ran.every((t: any) => t.result === 'pass'));
  });
});

if (missing) it(`mitmproxy round trip skipped: ${missing}`, { skip: missing }, () => {});
