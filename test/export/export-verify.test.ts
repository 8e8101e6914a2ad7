import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import { issue } from '../lab/pki.js';
import type { LabProxy } from '../lab/proxy.js';
import { advicePath, cargoRunsProbe, installedTools, RUSTUP_HOME } from '../advice/real-tools/advice-path.js';
import { cli } from '../helpers/cli.js';
import { writeWrongExport } from '../helpers/wrong-export.js';
import { fingerprint } from '../helpers/certs.js';
import { machineConfigOff } from '../helpers/isolated-env.js';

let lab: Lab;
let proxy: LabProxy;
let store: string;
// The tools verify runs: the machine's and the registry ones in .tools/advice (.ci/install.d/50-advice.sh).
const env: NodeJS.ProcessEnv = { PATH: advicePath(), RUSTUP_HOME };
let n = 0;

const CARGO = cargoRunsProbe();

/** Every tool the catalogue proves with one request that runs on these machines, and its own words for a wrong CA. */
const ALL_TOOL_ERRORS: Record<string, RegExp> = {
  node: /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/,
  npm: /unable to verify the first certificate|unable to get local issuer certificate/,
  bun: /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|certificate/i,
  deno: /invalid peer certificate: UnknownIssuer/,
  python3: /CERTIFICATE_VERIFY_FAILED/,
  'python3 requests': /CERTIFICATE_VERIFY_FAILED/,
  pip: /CERTIFICATE_VERIFY_FAILED/,
  uv: /invalid peer certificate: UnknownIssuer/,
  aws: /SSL validation failed.*CERTIFICATE_VERIFY_FAILED/,
  openssl: /verify error|unable to get local issuer certificate|certificate verify failed/i,
  ruby: /certificate verify failed/,
  php: /certificate verify failed/,
  git: /certificate/i,
  curl: /SSL certificate problem/,
  wget: /not trusted|doesn.t have a known issuer/,
  java: /PKIX path building failed/,
  ...(CARGO ? { cargo: /SSL certificate problem/ } : {}),
};
const INSTALLED = installedTools(Object.keys(ALL_TOOL_ERRORS), console.log);
const TOOL_ERRORS = Object.fromEntries(Object.entries(ALL_TOOL_ERRORS).filter(([name]) => INSTALLED.includes(name)));
/** Tools whose result the tests judge (a cargo too old for the probe's sparse registry proves nothing). */
const judged = (tools: any[]) => Object.fromEntries(tools.filter((t) => t.name in TOOL_ERRORS).map((t) => [t.name, t]));
/**
 * The session snippet sets no variable of their own for deno (DENO_CERT), cargo (CARGO_HTTP_CAINFO), wget
 * (a flag) or Java (a trust store to build): verify runs them in the user's configuration plus the snippet.
 * deno and cargo then pass through the snippet's SSL_CERT_FILE (their control fails); wget and Java do not
 * trust the CA. Any of them failing is "not configured", its own setting named as the next step.
 */
const NOT_IN_SNIPPET = new Set(['deno', 'cargo', 'wget', 'java']);
const PASS_THROUGH_SNIPPET = new Set(['deno', 'cargo']);
const expectedWith = (name: string, result: 'pass' | 'fail') =>
  !NOT_IN_SNIPPET.has(name) || (result === 'pass' && PASS_THROUGH_SNIPPET.has(name)) ? result : 'not-configured';
const outDir = () => path.join(lab.dir, `out-${++n}`);

before(async () => {
  lab = await startLab();
  proxy = await lab.startProxy({ shape: 'leaf', bypass: ['pypi.org'] });
  store = await lab.writePem('store.pem', [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
  env.HOME = path.join(lab.dir, 'home');
  await mkdir(env.HOME, { recursive: true });
  // verify proves the user's own configuration: the machine's global npmrc (cafile) and system gitconfig
  // are replaced by empty ones of the test's, through the tools' own variables.
  // No pip config files either: this machine's /etc/pip.conf names a CA file of its own (export would keep it in a
  // merged bundle).
  Object.assign(env, machineConfigOff(env.HOME));
});
after(() => lab.close());

const probeArgs = (p: { url: string }, trustStore = store) => [
  '--targets',
  lab.hosts.join(','),
  '--proxy',
  p.url,
  '--public-roots',
  lab.publicRootsFile,
  '--trust-store',
  trustStore,
  // Generous: each tool runs twice (its request, then its control) on a shared machine.
  '--timeout',
  '30000',
];

describe('export', () => {
  it('writes the CA from the trust store as annotated PEM, DER and a bundle that keeps public sites working', async () => {
    const out = outDir();
    const run = await cli(['export', '--json', '--out', out, ...probeArgs(proxy)], env);
    assert.equal(run.code, 0, run.stderr);
    const report = run.json();
    assert.equal(report.ca.source, 'trust-store');
    assert.equal(report.ca.fingerprint256, fingerprint(proxy.root.pem));
    assert.equal(report.verdict, 'partial');
    const pem = await readFile(path.join(out, 'corporate-ca.pem'), 'utf8');
    assert.match(pem, /^# Subject: CN=Lab Inspection Root CA, O=Example Corp\n# Issuer: .*\n# SHA-256: [0-9A-F:]{95}\n# Expires: \d{4}-/);
    assert.equal(new X509Certificate(await readFile(path.join(out, 'corporate-ca.crt'))).fingerprint256, fingerprint(proxy.root.pem));
    const bundle = await readFile(path.join(out, 'ca-bundle.pem'), 'utf8');
    assert.equal(bundle.match(/BEGIN CERTIFICATE/g)!.length, 4, '3 public roots + the corporate CA, no duplicates');
    assert.equal(report.bundleCertificates, 4);

    const verify = await cli(['verify', '--json', '--dir', out, ...probeArgs(proxy)], env);
    assert.equal(verify.code, 0, verify.stdout);
    const result = verify.json();
    const bypassed = result.targets.find((t: any) => t.host === 'pypi.org');
    assert.deepEqual([bypassed.extraCa, bypassed.bundle], ['pass', 'pass'], 'a bypassed site still verifies with ca-bundle.pem');
    assert.ok(result.targets.every((t: any) => t.extraCa === 'pass' && t.bundle === 'pass'));
    const tools = judged(result.tools);
    assert.deepEqual(Object.keys(tools).sort(), Object.keys(TOOL_ERRORS).sort(), "verify runs the catalogue's tools");
    for (const name of Object.keys(TOOL_ERRORS))
      assert.equal(tools[name].result, expectedWith(name, 'pass'), `${name}: ${tools[name].error}`);
    assert.equal(tools.curl.setting, 'CURL_CA_BUNDLE');
    assert.equal(tools.node.setting, 'NODE_EXTRA_CA_CERTS');
  });

  it("verify fails, with each tool's own error, when the export holds the wrong CA", async () => {
    const out = outDir();
    await writeWrongExport(lab, out);
    const run = await cli(['verify', '--json', '--dir', out, ...probeArgs(proxy)], env);
    assert.equal(run.code, 1);
    const result = run.json();
    const inspected = result.targets.filter((t: any) => t.host !== 'pypi.org');
    assert.ok(inspected.every((t: any) => t.extraCa === 'fail' && t.bundle === 'fail' && /Lab Inspection/.test(t.error)));
    const tools = judged(result.tools);
    // Each tool failed, and says so in its own words (the result alone would pass on any error text).
    for (const [name, said] of Object.entries(TOOL_ERRORS)) {
      assert.equal(tools[name]?.result, expectedWith(name, 'fail'), `${name}: ${JSON.stringify(tools[name])}`);
      assert.match(tools[name].error, said, name);
    }
    // The text report says the same in its own words, one line per site and per tool.
    const text = await cli(['verify', '--dir', out, ...probeArgs(proxy)], env);
    assert.equal(text.code, 1);
    assert.match(
      text.stdout,
      /^ {2}github\.com:443 +extra FAIL {2}bundle FAIL {2}with corporate-ca\.pem: the chain does not lead to a root it holds/m,
    );
    assert.match(text.stdout, /^ {2}node +NODE_EXTRA_CA_CERTS +FAIL {2}/m);
    assert.match(text.stdout, /Some checks FAILED: see above\.\n$/);
  });

  it('never overwrites without --force; with it, keeps a backup of each file', async () => {
    const out = outDir();
    assert.equal((await cli(['export', '--out', out, ...probeArgs(proxy)], env)).code, 0);
    await writeFile(path.join(out, 'corporate-ca.pem'), 'my edits\n');
    const refused = await cli(['export', '--out', out, ...probeArgs(proxy)], env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /already exist.*--force/);
    assert.equal(await readFile(path.join(out, 'corporate-ca.pem'), 'utf8'), 'my edits\n');
    const forced = await cli(['export', '--json', '--force', '--out', out, ...probeArgs(proxy)], env);
    assert.equal(forced.code, 0);
    assert.equal(forced.json().backups.length, 3);
    const backup = (await readdir(out)).find((f) => f.startsWith('corporate-ca.pem.bak-'))!;
    assert.equal(await readFile(path.join(out, backup), 'utf8'), 'my edits\n');
    assert.equal((await readdir(out)).filter((f) => f.endsWith('.tmp')).length, 0, 'no temporary files left');
  });

  it('a root only the proxy vouches for needs --accept-untrusted, and the warning shows its fingerprint', async () => {
    const rogue = await lab.startProxy({ shape: 'leaf+root' });
    const publicOnly = await lab.writePem(
      'public-only.pem',
      Object.values(lab.families).map((f) => f.root.pem),
    );
    const out = outDir();
    const refused = await cli(['export', '--out', out, ...probeArgs(rogue, publicOnly)], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /does NOT trust it/);
    assert.ok(refused.stderr.includes(fingerprint(rogue.root.pem)));
    await assert.rejects(readdir(out), 'nothing written');
    const accepted = await cli(['export', '--out', out, '--accept-untrusted', ...probeArgs(rogue, publicOnly)], env);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.match(accepted.stdout, /WARNING: exported on your confirmation/);
  });

  it('not-found: the chain names a CA that nobody has; the message says to ask IT', async () => {
    const hidden = await lab.startProxy({ shape: 'leaf', caSubject: 'CN=Hidden Corp Root' });
    const run = await cli(['export', '--out', outDir(), ...probeArgs(hidden, lab.publicRootsFile)], env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Hidden Corp Root.*ask IT for this CA certificate/);
  });

  it('no inspection: nothing to export', async () => {
    const clean = await lab.startProxy({ mode: 'passthrough' });
    const run = await cli(['export', '--out', outDir(), ...probeArgs(clean)], env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no site was inspected \(verdict: CLEAN\)/);
  });
});

describe('export --from FILE', () => {
  it('imports the CA IT handed out and confirms it signs the inspected chains', async () => {
    const caFile = await lab.writePem('from-it.crt', []);
    await writeFile(caFile, new X509Certificate(proxy.root.pem).raw);
    const run = await cli(['export', '--json', '--out', outDir(), '--from', caFile, ...probeArgs(proxy, lab.publicRootsFile)], env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json().ca.source, 'imported');
    assert.equal(run.json().signsInspectedChains, true);
  });
  it('says so when the imported CA does not sign what is being inspected', async () => {
    const other = await lab.writePem('other.pem', [(await issue({ subject: 'CN=Wrong Root', ca: true })).pem]);
    const run = await cli(['export', '--out', outDir(), '--from', other, ...probeArgs(proxy, lab.publicRootsFile)], env);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /does NOT sign the chains that were inspected/);
  });
  it('rejects a server certificate, an empty file and a missing file with exit 2', async () => {
    const leaf = await lab.writePem('leaf.pem', [(await issue({ subject: 'CN=www.example.com', hosts: ['www.example.com'] })).pem]);
    const empty = await lab.writePem('empty.pem', []);
    const cases: [string, RegExp][] = [
      [leaf, /is not a CA certificate/],
      [empty, /no certificate found/],
      [path.join(lab.dir, 'nope.pem'), /no such file/],
    ];
    for (const [file, message] of cases) {
      const run = await cli(['export', '--no-detect', '--out', outDir(), '--from', file], env);
      assert.equal(run.code, 2, file);
      assert.match(run.stderr, message);
    }
  });
});

describe('export and verify usage', () => {
  it('--out and --dir are required; a missing export says to run export first', async () => {
    assert.match((await cli(['export'])).stderr, /--out DIR is required/);
    assert.match((await cli(['verify'])).stderr, /--dir DIR is required/);
    const run = await cli(['verify', '--dir', path.join(lab.dir, 'never')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /run "ca-bridge export --out/);
  });
});
