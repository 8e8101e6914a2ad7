/**
 * The Go row and the shared block under Go 1.27 semantics, with a real Go 1.27 toolchain (fetched as a Go
 * module into .tools/advice/go127 by .ci/install.d/50-advice.sh) and a program whose go.mod says go 1.27.
 *
 * Linux: through the lab's inspecting proxy it fails without the block, passes with exactly the values the
 * shared block sets (SSL_CERT_FILE = the bundle, GODEBUG with x509sslcertoverrideplatform=0: no effect on
 * Linux), for the inspected site and one the proxy does not inspect, and fails with the CA alone there
 * (REPLACE). A user's own GODEBUG item stays in force next to ours.
 *
 * Windows: the same program built with GOOS=windows runs under Wine, whose crypt32 verifies against the Root
 * store the test fills (test/windows/wine.ts), through both lab proxy shapes. What it shows decides the row's
 * Windows advice: with SSL_CERT_FILE set, a go 1.27 program trusts that file alone (the Root store is not
 * asked); GODEBUG=x509sslcertoverrideplatform=0 sends it back to the Root store (the file is not read); a
 * go 1.26 program ignores SSL_CERT_FILE on Windows.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explainErrors } from '../../shared/explain.js';
import { envVarValues, type ExportPaths } from '../../shared/guidance/render.js';
import { startLab, type Lab } from '../lab/lab.js';
import { makeProxyCa, type LabProxy } from '../lab/proxy.js';
import { startWineLane, wineSkipReason, winPath, type WineCommand, type WineLane } from '../windows/wine.js';
import { writeGoFetch } from './real-tools/cases.js';
import { bcryptPrimitivesStandIn, GO127, goBuildInfo, goWindowsFetch, goWindowsSkipReason } from './real-tools/go-windows.js';
import { labBundle } from './real-tools/harness.js';

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

const wineSkip = goWindowsSkipReason() ?? wineSkipReason({ programsOnly: true });

describe('Go 1.27 on Windows (its GOOS=windows build under Wine, the lab CA in the Root store)', { timeout: 1_500_000 }, () => {
  let lane: WineLane;
  let exe127: string;
  let exe126: string;
  const proxies: { shape: string; proxy: LabProxy; current: ExportPaths; stale: ExportPaths }[] = [];
  const publicRoots = () => Object.values(lab.families).map((f) => f.root.pem);

  before(async () => {
    if (wineSkip) return;
    const scratch = mkdtempSync(path.join(tmpdir(), 'ca-bridge-go127-windows-'));
    // The builds, the prefix copy and the proxies do not depend on one another. The two builds run one after the
    // other: the second reuses the Windows standard library the first compiled (~30 s of CPU) from Go's cache,
    // where side by side both would compile it.
    let dll: string;
    const builds = async () => [await goWindowsFetch(scratch, '1.27'), await goWindowsFetch(scratch, '1.26')] as const;
    [lane, [exe127, exe126], dll] = await Promise.all([startWineLane(), builds(), bcryptPrimitivesStandIn(scratch)]);
    copyFileSync(dll, path.join(lane.prefix, 'drive_c', 'windows', 'system32', 'bcryptprimitives.dll'));
    for (const shape of ['leaf', 'leaf+intermediate'] as const) {
      const p = await lab.startProxy({ bypass: [NOT_INSPECTED], shape });
      // The CA IT had before it rotated it: an export made then holds this one.
      const old = await makeProxyCa('rsa', `CN=Lab Retired Inspection CA ${shape}, O=Example Corp`);
      const exportOf = (name: string, caPem: string): ExportPaths => {
        const dir = path.join(lane.dir, `${name} ${shape.replace('+', ' ')}`);
        mkdirSync(dir);
        const files = {
          ca: path.join(dir, 'corporate-ca.pem'),
          bundle: path.join(dir, 'ca-bundle.pem'),
          der: path.join(dir, 'corporate-ca.crt'),
        };
        writeFileSync(files.ca, caPem);
        writeFileSync(files.bundle, labBundle(lab.families, caPem));
        writeFileSync(files.der, new X509Certificate(caPem).raw);
        // As Windows programs see them.
        return { ca: winPath(files.ca), bundle: winPath(files.bundle), der: winPath(files.der) };
      };
      proxies.push({
        shape,
        proxy: p,
        current: exportOf('export', p.root.pem),
        stale: exportOf('export before the rotation', old.root.pem),
      });
    }
    rmSync(scratch, { recursive: true, force: true });
  });
  after(async () => lane?.close());

  type Expect = 'HTTP 200' | 'x509: certificate signed by unknown authority';
  interface Case {
    what: string;
    exe: () => string;
    host: string;
    env: (p: (typeof proxies)[number]) => Record<string, string>;
    expect: Expect;
  }
  const OK: Expect = 'HTTP 200';
  const UNKNOWN: Expect = 'x509: certificate signed by unknown authority';

  /** Runs every case for both proxies in one Wine session whose Root store holds exactly `roots`. */
  const runCases = async (roots: string[], cases: Case[]) => {
    const commands: WineCommand[] = [];
    const labels: string[] = [];
    for (const p of proxies)
      for (const c of cases) {
        commands.push({ argv: [c.exe(), `https://${c.host}/`], env: { HTTPS_PROXY: p.proxy.url, ...c.env(p) } });
        labels.push(`${p.shape}: ${c.what}`);
      }
    const runs = await lane.runAll(commands, { rootsPem: roots.join('') });
    const lines: string[] = [];
    for (const [i, ran] of runs.entries()) {
      const c = cases[i % cases.length]!;
      const said = `${ran.stdout}${ran.stderr}`;
      assert.ok(said.includes(c.expect), `${labels[i]}: expected "${c.expect}", got:\n${said}`);
      assert.equal(ran.code, c.expect === OK ? 0 : 1, `${labels[i]}: exit status\n${said}`);
      if (c.expect === UNKNOWN)
        assert.deepEqual(
          explainErrors(said).map((m) => m.guideTool),
          ['go'],
          said,
        );
      lines.push(`${labels[i]} → ${c.expect === OK ? 'passes' : 'fails'} (${said.trim().split('\n')[0]})`);
    }
    assert.equal(runs.length, proxies.length * cases.length);
    return lines;
  };

  it(
    'the programs are Windows builds of go1.27.4; the go 1.26 one defaults to x509sslcertoverrideplatform=0',
    { skip: wineSkip ?? false },
    async () => {
      const [info127, info126] = await Promise.all([goBuildInfo(exe127), goBuildInfo(exe126)]);
      for (const info of [info127, info126]) {
        assert.match(info, /: go1\.27\.4\n/);
        assert.match(info, /GOOS=windows/);
      }
      assert.doesNotMatch(info127, /x509sslcertoverrideplatform/);
      assert.match(info126, /DefaultGODEBUG=.*x509sslcertoverrideplatform=0/);
    },
  );

  it(
    'IT installed the CA in the Root store: the block keeps Go on it, even with an export from before IT rotated the CA',
    { skip: wineSkip ?? false },
    async (t) => {
      const lines = await runCases(
        [...publicRoots(), ...proxies.map((p) => p.proxy.root.pem)],
        [
          { what: 'go 1.27, no variable', exe: () => exe127, host: INSPECTED, env: () => ({}), expect: OK },
          {
            what: 'go 1.27, the block (current export)',
            exe: () => exe127,
            host: INSPECTED,
            env: (p) => envVarValues(p.current),
            expect: OK,
          },
          {
            what: 'go 1.27, the block (current export), site not inspected',
            exe: () => exe127,
            host: NOT_INSPECTED,
            env: (p) => envVarValues(p.current),
            expect: OK,
          },
          {
            what: 'go 1.27, the block (export older than the CA)',
            exe: () => exe127,
            host: INSPECTED,
            env: (p) => envVarValues(p.stale),
            expect: OK,
          },
          {
            what: "go 1.27, the block next to the user's own GODEBUG (export older than the CA)",
            exe: () => exe127,
            host: INSPECTED,
            env: (p) => envVarValues(p.stale, { GODEBUG: 'http2client=0' }),
            expect: OK,
          },
          {
            what: 'go 1.27, SSL_CERT_FILE alone (export older than the CA): the file replaces the Root store',
            exe: () => exe127,
            host: INSPECTED,
            env: (p) => ({ SSL_CERT_FILE: p.stale.bundle }),
            expect: UNKNOWN,
          },
          {
            what: 'go 1.26, SSL_CERT_FILE alone (export older than the CA): ignored',
            exe: () => exe126,
            host: INSPECTED,
            env: (p) => ({ SSL_CERT_FILE: p.stale.bundle }),
            expect: OK,
          },
        ],
      );
      for (const line of lines) t.diagnostic(line);
    },
  );

  it(
    'the CA is not in the Root store: Go fails without SSL_CERT_FILE and with the block; SSL_CERT_FILE alone replaces the store',
    { skip: wineSkip ?? false },
    async (t) => {
      const lines = await runCases(publicRoots(), [
        { what: 'go 1.27, no variable', exe: () => exe127, host: INSPECTED, env: () => ({}), expect: UNKNOWN },
        {
          what: 'go 1.27, the block (the file is not read)',
          exe: () => exe127,
          host: INSPECTED,
          env: (p) => envVarValues(p.current),
          expect: UNKNOWN,
        },
        {
          what: 'go 1.27, SSL_CERT_FILE alone (current export)',
          exe: () => exe127,
          host: INSPECTED,
          env: (p) => ({ SSL_CERT_FILE: p.current.bundle }),
          expect: OK,
        },
        {
          what: 'go 1.27, SSL_CERT_FILE alone (the CA alone), site not inspected',
          exe: () => exe127,
          host: NOT_INSPECTED,
          env: (p) => ({ SSL_CERT_FILE: p.current.ca }),
          expect: UNKNOWN,
        },
        {
          what: 'go 1.26, SSL_CERT_FILE alone (current export): ignored',
          exe: () => exe126,
          host: INSPECTED,
          env: (p) => ({ SSL_CERT_FILE: p.current.bundle }),
          expect: UNKNOWN,
        },
      ]);
      for (const line of lines) t.diagnostic(line);
    },
  );
});
