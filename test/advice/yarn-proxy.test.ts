/**
 * Why the Yarn 2/3/4 rows say YARN_HTTPS_PROXY: the real Yarn berry CLIs, given only HTTPS_PROXY, connect
 * directly (the lab proxy sees no CONNECT and the name does not resolve); given YARN_HTTPS_PROXY they go
 * through the proxy and reach the certificate check the rows are about.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { TOOLS } from './real-tools/cases.js';

const berry = (major: 3 | 4) => path.join(TOOLS, `yarn${major}`, 'node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js');

let lab: Lab;
let root: string;
before(async () => {
  lab = await startLab();
  root = mkdtempSync(path.join(tmpdir(), 'ca-bridge-yarn-proxy-'));
});
after(async () => {
  await lab?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

function yarnInfo(major: 3 | 4, proxyVariable: string, proxy: LabProxy): Promise<string> {
  const home = mkdtempSync(path.join(root, `yarn${major}-`));
  writeFileSync(path.join(home, 'package.json'), '{"name":"lab-project","version":"1.0.0"}\n');
  const env = {
    HOME: home,
    PATH: process.env.PATH,
    YARN_ENABLE_TELEMETRY: '0',
    YARN_NPM_REGISTRY_SERVER: 'https://www.google.com',
    [proxyVariable]: proxy.url,
  };
  return new Promise((resolve) =>
    execFile('node', [berry(major), 'npm', 'info', 'left-pad'], { env, cwd: home, timeout: 120_000 }, (_e, stdout, stderr) =>
      resolve(`${stdout}${stderr}`),
    ),
  );
}

describe('Yarn berry and the proxy variables', { timeout: 600_000 }, () => {
  for (const major of [3, 4] as const) {
    const missing = existsSync(berry(major)) ? false : `${berry(major)} is missing (bash .ci/install.d/50-advice.sh installs it)`;
    it(`Yarn ${major}: HTTPS_PROXY is ignored, YARN_HTTPS_PROXY is used`, { skip: missing }, async () => {
      const viaStandard = await lab.startProxy({});
      const standard = await yarnInfo(major, 'HTTPS_PROXY', viaStandard);
      assert.equal(viaStandard.connectRequests.length, 0, 'no CONNECT through HTTPS_PROXY');
      assert.match(standard, /ENOTFOUND www\.google\.com/, standard);

      const viaYarn = await lab.startProxy({});
      const yarnOwn = await yarnInfo(major, 'YARN_HTTPS_PROXY', viaYarn);
      assert.ok(viaYarn.connectRequests.length > 0, 'CONNECT through YARN_HTTPS_PROXY');
      assert.match(yarnOwn, /YN0001: RequestError: unable to verify the first certificate/, yarnOwn);
    });
  }
});
