/**
 * The Go row and the shared block under Go 1.27 semantics, with a real Go 1.27 toolchain (fetched as a Go
 * module into .tools/advice/go127 by .ci/install.d/50-advice.sh) and a program whose go.mod says go 1.27:
 * through the lab's inspecting proxy it fails without the block, passes with exactly the values the shared
 * block sets (SSL_CERT_FILE = the bundle, GODEBUG with x509sslcertoverrideplatform=0: no effect on Linux), for
 * the inspected site and one the proxy does not inspect, and fails with the CA alone there (REPLACE).
 * A user's own GODEBUG item stays in force next to ours.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explainErrors } from '../../shared/explain.js';
import { envVarValues, type ExportPaths } from '../../shared/guidance/render.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { TOOLS, writeGoFetch } from './real-tools/cases.js';
import { labBundle } from './real-tools/harness.js';

const GO127 = path.join(TOOLS, 'go127');
const INSPECTED = 'www.google.com';
const NOT_INSPECTED = 'letsencrypt.org';

let lab: Lab;
let proxy: LabProxy;
let root: string;
let fetch: string;
let paths: ExportPaths;

const missing = existsSync(path.join(GO127, '.done')) ? false : `${GO127} is missing (bash .ci/install.d/50-advice.sh fetches Go 1.27)`;

before(async () => {
  if (missing) return;
  lab = await startLab();
  proxy = await lab.startProxy({ bypass: [NOT_INSPECTED] });
  root = mkdtempSync(path.join(tmpdir(), 'ca-bridge-go127-'));
  const src = path.join(root, 'src');
  mkdirSync(src);
  writeGoFetch(src, '1.27');
  fetch = path.join(root, 'fetch');
  const built = spawnSync('go', ['build', '-o', fetch, '.'], {
    cwd: src,
    encoding: 'utf8',
    timeout: 600_000,
    env: {
      PATH: process.env.PATH,
      HOME: root,
      GOPATH: path.join(GO127, 'gopath'),
      GOMODCACHE: path.join(GO127, 'gopath', 'pkg', 'mod'),
      GOCACHE: path.join(GO127, 'cache'),
      GOTOOLCHAIN: 'go1.27.4',
      GOPROXY: 'off',
    },
  });
  assert.equal(built.status, 0, built.stderr);
  const version = spawnSync('go', ['version', fetch], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: root, GOTOOLCHAIN: 'local' },
  });
  assert.match(version.stdout, /go1\.27\./, 'built by Go 1.27');
  const dir = path.join(root, 'export dir');
  mkdirSync(dir);
  paths = { ca: path.join(dir, 'corporate-ca.pem'), bundle: path.join(dir, 'ca-bundle.pem'), der: path.join(dir, 'corporate-ca.crt') };
  writeFileSync(paths.ca, proxy.root.pem);
  writeFileSync(paths.bundle, labBundle(lab.families, proxy.root.pem));
});
after(async () => {
  await lab?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const get = (host: string, env: NodeJS.ProcessEnv) =>
  new Promise<string>((resolve) =>
    execFile(fetch, [`https://${host}/`], { env: { HOME: root, HTTPS_PROXY: proxy.url, ...env }, timeout: 120_000 }, (_e, out, err) =>
      resolve(`${out}${err}`),
    ),
  );

/** Exactly the Go-relevant values the shared block sets, in an environment that already has `current`. */
const block = (p: ExportPaths, current: NodeJS.ProcessEnv = {}) => {
  const all = envVarValues(p, current);
  return { SSL_CERT_FILE: all.SSL_CERT_FILE!, GODEBUG: all.GODEBUG! };
};

describe('Go 1.27 on Linux: the Go row and the shared block', { timeout: 900_000 }, () => {
  it('fails without, passes with the block (inspected and not), CA alone fails where not inspected', { skip: missing }, async (t) => {
    const without = await get(INSPECTED, {});
    assert.match(without, /x509: certificate signed by unknown authority/, without);
    assert.deepEqual(
      explainErrors(without).map((m) => m.guideTool),
      ['go'],
    );

    const settings = block(paths);
    assert.equal(settings.GODEBUG, 'x509sslcertoverrideplatform=0');
    for (const host of [INSPECTED, NOT_INSPECTED]) assert.match(await get(host, settings), /^HTTP 200$/m, host);

    // The user's own GODEBUG stays, ours is added after it, and the setting still works.
    const theirs = block(paths, { GODEBUG: 'http2client=0' });
    assert.equal(theirs.GODEBUG, 'http2client=0,x509sslcertoverrideplatform=0');
    assert.match(await get(INSPECTED, theirs), /^HTTP 200$/m);

    const caAlone = await get(NOT_INSPECTED, block({ ...paths, bundle: paths.ca }));
    assert.match(caAlone, /x509: certificate signed by unknown authority/, caAlone);
    t.diagnostic(`go1.27.4 (go.mod go 1.27), Linux: without → ${without.trim()}; with the block → HTTP 200 (both sites); CA alone → fails`);
  });
});
