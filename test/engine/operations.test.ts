import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createService } from '../../electron/core/service/service.js';
import { fingerprint } from '../helpers/certs.js';
import { startLab, type Lab } from '../lab/lab.js';

let lab: Lab;
before(async () => (lab = await startLab()));
after(() => lab.close());

const service = () => createService({ env: { HOME: lab.dir }, platform: 'linux', locale: 'en-US', emit: () => {}, nativeDialogs: false });

describe('operations keep no hidden state', () => {
  it('exportCa exports the CA of the detection it names, not of the last one run', async () => {
    const [first, second] = [
      await lab.startProxy({ caSubject: 'CN=First Corp Root' }),
      await lab.startProxy({ caSubject: 'CN=Second Corp Root' }),
    ];
    const store = await lab.writePem('two-corp-roots.pem', [
      first.root.pem,
      second.root.pem,
      ...Object.values(lab.families).map((f) => f.root.pem),
    ]);
    const api = service();
    const detect = async (proxy: string) => {
      const result = await api.call('detect', {
        targets: lab.hosts.slice(0, 2).join(','),
        proxy,
        publicRootsFile: lab.publicRootsFile,
        trustStorePath: store,
        timeoutMs: 30_000,
      });
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.value.verdict, 'inspected');
      return result.value;
    };
    const one = await detect(first.url);
    const two = await detect(second.url);
    assert.notEqual(one.id, two.id);

    const outDir = path.join(lab.dir, 'export-of-the-first');
    const exported = await api.call('exportCa', { outDir, detectionId: one.id });
    assert.ok(exported.ok, JSON.stringify(exported));
    assert.equal(exported.value.ca.fingerprint256, fingerprint(first.root.pem));
    assert.match(await readFile(path.join(outDir, 'corporate-ca.pem'), 'utf8'), /First Corp Root/);

    const unknown = await api.call('exportCa', { outDir, detectionId: 'not-a-detection-of-this-window' });
    assert.deepEqual(unknown.ok ? null : [unknown.error.code, unknown.error.field], ['no-detection', 'detectionId']);
    const none = await api.call('exportCa', { outDir });
    assert.equal(none.ok ? null : none.error.code, 'no-detection');
  });

  it('another front door does not see this one’s detections', async () => {
    const proxy = await lab.startProxy();
    const store = await lab.writePem('one-root.pem', [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
    const window = service();
    const detected = await window.call('detect', {
      targets: lab.hosts.slice(0, 2).join(','),
      proxy: proxy.url,
      publicRootsFile: lab.publicRootsFile,
      trustStorePath: store,
      timeoutMs: 30_000,
    });
    assert.ok(detected.ok);
    const elsewhere = await service().call('exportCa', { outDir: path.join(lab.dir, 'x'), detectionId: detected.value.id });
    assert.equal(elsewhere.ok ? null : elsewhere.error.code, 'no-detection');
  });
});
