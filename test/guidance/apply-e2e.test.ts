import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { quote } from '../../shared/guidance/quote.js';
import { NODE_SCRIPT, PYTHON_URLLIB_SCRIPT } from '../../electron/core/verify/tool-scripts.js';
import { startLab, type Lab } from '../lab/lab.js';
import { mitmproxyMissing, startMitmproxyInLab, type Mitmproxy } from '../lab/mitmproxy.js';
import { cli } from '../helpers/cli.js';
import { labProbeArgs } from '../lab/probe-args.js';

let lab: Lab;
let mitm: Mitmproxy | null = null;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await mitm?.close();
  await lab.close();
});

/** Asynchronous on purpose: the lab proxy lives in this process and must keep answering. */
const exitStatus = (command: string, home: string, proxyUrl: string) =>
  new Promise<number>((resolve) => {
    const child = spawn('bash', ['-lc', command], {
      stdio: 'ignore',
      env: { HOME: home, PATH: process.env.PATH, https_proxy: proxyUrl, CA_BRIDGE_PROXY: proxyUrl },
    });
    child.once('exit', (code) => resolve(code ?? -1));
  });

/** A brand-new login shell, as a user opening a terminal would get, making requests through the proxy. */
async function requestsFromNewLoginShell(home: string, proxyUrl: string): Promise<Record<string, number>> {
  const url = 'https://github.com/';
  const checks = {
    node: `node -e ${quote('bash', NODE_SCRIPT)} ${url}`,
    curl: `curl -sS -o /dev/null --max-time 5 ${url}`,
    python3: `python3 -c ${quote('bash', PYTHON_URLLIB_SCRIPT)} ${url} 5`,
  };
  return Object.fromEntries(
    await Promise.all(Object.entries(checks).map(async ([name, command]) => [name, await exitStatus(command, home, proxyUrl)])),
  );
}

async function roundTrip(name: string, proxyUrl: string, caPem: string) {
  const home = path.join(lab.dir, `home of José ${name}`);
  const exportDir = path.join(lab.dir, `ca export 山田's ${name}`);
  await mkdir(home);
  const store = await lab.writePem(`store-${name}.pem`, [caPem, ...Object.values(lab.families).map((f) => f.root.pem)]);
  const exported = await cli(['export', '--out', exportDir, ...labProbeArgs(lab, proxyUrl, store, lab.hosts.slice(0, 3))], {
    PATH: process.env.PATH,
  });
  assert.equal(exported.code, 0, exported.stderr);

  const before = await requestsFromNewLoginShell(home, proxyUrl);
  assert.ok(
    Object.values(before).every((status) => status !== 0),
    `before apply: ${JSON.stringify(before)}`,
  );
  const applied = await cli(['apply', '--dir', exportDir, '--shell', 'bash'], { HOME: home });
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /Applied to .*\.profile/);
  assert.deepEqual(await requestsFromNewLoginShell(home, proxyUrl), { node: 0, curl: 0, python3: 0 });
  assert.equal((await cli(['revert', '--shell', 'bash'], { HOME: home })).code, 0);
  const after = await requestsFromNewLoginShell(home, proxyUrl);
  assert.ok(
    Object.values(after).every((status) => status !== 0),
    `after revert: ${JSON.stringify(after)}`,
  );
}

describe('apply and revert, as a user would live them', () => {
  it('lab proxy: after apply a new bash -l makes node, curl and python3 requests; after revert they fail again', async () => {
    const proxy = await lab.startProxy({ shape: 'leaf+intermediate' });
    await roundTrip('lab', proxy.url, proxy.root.pem);
  });

  const missing = mitmproxyMissing();
  it('real mitmproxy: the same', { skip: missing ?? false }, async () => {
    mitm = await startMitmproxyInLab(lab);
    await roundTrip('mitmproxy', mitm.url, mitm.caPem);
  });
});
