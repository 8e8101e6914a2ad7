/**
 * The fleet roll-out scripts in docs/fleet/ (docs/fleet.md), read from the files an administrator copies:
 * - the Intune PowerShell scripts parsed by the real PowerShell grammar (tree-sitter-powershell; no
 *   PowerShell runs on these machines), each ca-bridge call's flags checked against the real CLI;
 * - the Jamf and Linux shell scripts run for real under dash and bash: against the real built CLI, and,
 *   to drive every exit-code branch, against a test double of the CLI (named so below);
 * - the systemd user units checked by `systemd-analyze verify`.
 * Nothing here runs cmd: the Windows side of the roll-out is PowerShell only.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser, Node } from 'web-tree-sitter';
import { powershellParser } from '../helpers/powershell-grammar.js';
import { cli } from '../helpers/cli.js';
import { startLab, type Lab } from '../lab/lab.js';
import { machineConfigOff } from '../helpers/isolated-env.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FLEET = path.join(ROOT, 'docs', 'fleet');
const CLI = path.join(ROOT, 'dist', 'electron', 'cli', 'bin.js');
const REMEDIATE = path.join(FLEET, 'unix', 'remediate.sh');
const ATTRIBUTE = path.join(FLEET, 'jamf', 'extension-attribute.sh');
/** The exit codes of `ca-bridge status` (README): every script must give each its own branch. */
const STATUS_CODES = [0, 10, 11, 12, 13, 14, 1, 2];
const onPath = (command: string) => {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`])
      .toString()
      .trim();
  } catch {
    return null;
  }
};
const SHELLS = ['dash', 'bash'].map(onPath).filter((s): s is string => s !== null);

let root: string;
before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ca-bridge-fleet-'));
});
after(() => root && rm(root, { recursive: true, force: true }));

/** Runs a script to its end: exit code and output (a script never waits for input: stdin is closed). */
function runScript(shell: string, script: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(shell, [script, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

/**
 * Each `ca-bridge SUBCOMMAND --flag …` a script runs, as [subcommand, flags]. The flags must be ones the
 * real CLI documents for that subcommand (status, export --refresh and --expect-fingerprint included).
 */
async function assertCliKnows(calls: [string, string[]][]) {
  assert.ok(calls.length > 0);
  for (const [command, flags] of calls) {
    const help = await cli([command, '--help']);
    assert.equal(help.code, 0, `ca-bridge ${command}: ${help.stderr}`);
    for (const flag of flags) {
      assert.ok(help.stdout.includes(flag), `ca-bridge ${command} --help does not document ${flag}`);
    }
  }
}

describe('Intune: detection and remediation scripts (PowerShell)', () => {
  let parser: Parser;
  before(async () => {
    parser = await powershellParser();
  });
  const descendants = (node: Node, type: string): Node[] => [
    ...(node.type === type ? [node] : []),
    ...node.children.flatMap((child) => (child ? descendants(child, type) : [])),
  ];
  async function parse(file: string) {
    const source = await readFile(path.join(FLEET, 'intune', file), 'utf8');
    const tree = parser.parse(source)!;
    assert.equal(tree.rootNode.hasError, false, `${file} does not parse as PowerShell:\n${tree.rootNode.toString().slice(0, 600)}`);
    assert.deepEqual(descendants(tree.rootNode, 'ERROR'), []);
    // `& $CaBridge SUB --flag …`: the calls of the CLI, as the parser sees the command elements.
    const calls = descendants(tree.rootNode, 'command')
      .filter((c) => c.children[0]?.type === 'command_invokation_operator' && c.children[1]?.text === '$CaBridge')
      .map((c) => c.children[2]!.text.trim().split(/\s+/));
    return { source, calls: calls.map((words): [string, string[]] => [words[0]!, words.filter((w) => w.startsWith('--'))]) };
  }

  it('detect.ps1 parses, runs status, and exits 1 for every status but healthy, naming each code', async () => {
    const { source, calls } = await parse('detect.ps1');
    assert.deepEqual(calls, [['status', ['--json']]]);
    for (const code of STATUS_CODES.filter((c) => c !== 1))
      assert.match(source, new RegExp(`^ {2}${code} += '`, 'm'), `no words for ${code}`);
    assert.match(source, /if \(\$code -eq 0\) \{ exit 0 \}\nexit 1\n$/);
    await assertCliKnows(calls);
  });

  it('remediate.ps1 parses; it repairs 10, 13 (refresh) and 14 (first export) with --expect-fingerprint, then applies unattended', async () => {
    const { source, calls } = await parse('remediate.ps1');
    assert.deepEqual(calls, [
      ['status', ['--json']],
      ['export', ['--out', '--force', '--json']],
      ['export', ['--refresh', '--json']],
      ['apply', ['--dir', '--tools', '--yes', '--json']],
    ]);
    assert.match(source, /\$Expect \+= @\('--expect-fingerprint', \$fingerprint\)/);
    assert.match(source, /& \$CaBridge export --out \$ExportDir --force @Expect /);
    assert.match(source, /& \$CaBridge export --refresh @Expect /);
    assert.match(source, /& \$CaBridge apply --dir \$ExportDir --tools installed --yes @Expect --json/);
    assert.match(source, /if \(@\(10, 13, 14\) -notcontains \$code\)/);
    assert.match(source, /if \(\$Expect\.Count -eq 0\) \{[^}]*exit 1/);
    await assertCliKnows([...calls, ['export', ['--expect-fingerprint']], ['apply', ['--expect-fingerprint']]]);
  });
});

/** The shell scripts' CLI calls (`$CA_BRIDGE SUB … --flag`), as [subcommand, flags]. */
async function shellCalls(file: string): Promise<[string, string[]][]> {
  const source = await readFile(file, 'utf8');
  return [...source.matchAll(/\$CA_BRIDGE (\w+)([^\n&|]*)/g)].map((m) => [m[1]!, m[2]!.match(/--[a-z-]+/g) ?? []]);
}

describe('Jamf and Linux: shell scripts', () => {
  it('parse under sh -n in every shell here, and call only what the CLI documents', async () => {
    assert.ok(SHELLS.length > 0);
    for (const shell of SHELLS)
      for (const file of [REMEDIATE, ATTRIBUTE]) execFileSync(shell, ['-n', file], { stdio: ['ignore', 'ignore', 'inherit'] });
    await assertCliKnows([...(await shellCalls(REMEDIATE)), ...(await shellCalls(ATTRIBUTE))]);
  });

  it('no ca-bridge on PATH: the extension attribute says not-installed', async () => {
    const home = await mkdtemp(path.join(root, 'absent-'));
    const missing = await runScript(SHELLS[0]!, ATTRIBUTE, [], { HOME: home, PATH: '/usr/bin:/bin', CA_BRIDGE: 'ca-bridge-absent' });
    assert.deepEqual([missing.code, missing.stdout], [0, '<result>not-installed</result>\n']);
  });
});

/** A `ca-bridge` on PATH that is the real built CLI (what `npm install -g` puts there). */
async function realCliOnPath(home: string, cliFile = CLI): Promise<string> {
  const bin = path.join(home, 'bin');
  await mkdir(bin, { recursive: true });
  await writeFile(path.join(bin, 'ca-bridge'), `#!/bin/sh\nexec '${process.execPath}' '${cliFile}' "$@"\n`);
  await chmod(path.join(bin, 'ca-bridge'), 0o755);
  return bin;
}

/**
 * The whole round against the real built CLI with `status` (issue 21's status work), on the lab's
 * inspecting proxy: a fresh HOME is inspected and not configured (14); remediate.sh exports with the
 * expected fingerprint and applies; status is then healthy and the extension attribute says so. Another
 * CA than the expected one is refused and nothing is written. CA_BRIDGE_FLEET_CLI names another build
 * of the CLI (a branch's dist) to run this against; by default this checkout's.
 */
describe('Jamf and Linux: remediate.sh against the real CLI with status, on the lab', () => {
  const cliFile = process.env.CA_BRIDGE_FLEET_CLI ?? CLI;
  let lab: Lab;
  let probe: string;
  let fingerprint: string;
  before(async () => {
    // This build has status (the status work of issue 21): the round runs, never skips.
    assert.ok(
      execFileSync(process.execPath, [cliFile, 'help'], { encoding: 'utf8' }).includes('\n  status '),
      `${cliFile} has no status command`,
    );
    lab = await startLab();
    const proxy = await lab.startProxy({ shape: 'leaf' });
    const store = await lab.writePem('store.pem', [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
    probe = [
      '--targets',
      lab.hosts.slice(0, 2).join(','),
      '--proxy',
      proxy.url,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      store,
    ].join(' ');
    fingerprint = new X509Certificate(proxy.root.pem).fingerprint256;
  });
  after(() => lab?.close());

  it('not configured (14) → export and apply with the expected fingerprint → healthy (0); another CA is refused', async () => {
    const home = await mkdtemp(path.join(root, 'round-'));
    const bin = await realCliOnPath(home, cliFile);
    const env = {
      HOME: home,
      PATH: `${bin}:/usr/bin:/bin`,
      LANG: 'C',
      CA_BRIDGE_PROBE_OPTIONS: probe,
      // Not /etc/pip.conf either: a PIP_CONFIG_FILE naming an absent file still lets pip read it (only os.devnull stops that).
      ...machineConfigOff(home),
    };
    const refused = await runScript(SHELLS[0]!, REMEDIATE, [], { ...env, CA_BRIDGE_EXPECT_FINGERPRINTS: 'AA:'.repeat(31) + 'AA' });
    assert.equal(refused.code, 14, refused.stdout + refused.stderr);
    assert.match(refused.stdout, /the repair failed/);
    assert.ok(!existsSync(path.join(home, 'ca-bridge')), 'nothing exported for another CA');
    const ran = await runScript(SHELLS[0]!, REMEDIATE, [], { ...env, CA_BRIDGE_EXPECT_FINGERPRINTS: fingerprint });
    assert.equal(ran.code, 0, ran.stdout + ran.stderr);
    assert.match(ran.stdout, /the network is inspected but nothing is configured[\s\S]*after the repair: healthy/);
    assert.ok(existsSync(path.join(home, 'ca-bridge', 'corporate-ca.pem')));
    const attribute = await runScript(SHELLS[0]!, ATTRIBUTE, [], env);
    assert.deepEqual([attribute.code, attribute.stdout], [0, '<result>healthy</result>\n']);
  });
});

/**
 * TEST DOUBLE of the ca-bridge CLI, used only to drive each exit-code branch of the shell scripts: it
 * records every call in calls.log and answers `status` with the next code of its list (status-codes), and
 * export/apply with DOUBLE_EXPORT_CODE/DOUBLE_APPLY_CODE (default 0). It proves what the scripts call
 * and how they read the answers, not what the CLI does (the test above and the status tests do that).
 */
async function statusDouble(label: string, codes: number[]) {
  const dir = await mkdtemp(path.join(root, `double-${label}-`));
  await writeFile(path.join(dir, 'status-codes'), codes.join('\n') + '\n');
  const double = path.join(dir, 'ca-bridge-test-double');
  await writeFile(
    double,
    `#!/bin/sh
# TEST DOUBLE of the ca-bridge CLI (test/fleet/fleet-scripts.test.ts): drives the scripts' exit-code branches.
echo "$*" >> '${dir}/calls.log'
case "$1" in
  status)
    code=$(head -n 1 '${dir}/status-codes')
    tail -n +2 '${dir}/status-codes' > '${dir}/rest' && mv '${dir}/rest' '${dir}/status-codes'
    echo '{}'
    exit "\${code:-99}" ;;
  export) exit "\${DOUBLE_EXPORT_CODE:-0}" ;;
  apply) exit "\${DOUBLE_APPLY_CODE:-0}" ;;
  *) exit 97 ;;
esac
`,
  );
  await chmod(double, 0o755);
  const calls = async () =>
    (await readFile(path.join(dir, 'calls.log'), 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/\S*\/export dir\b/, 'DIR'));
  return { double, calls, home: dir };
}

describe('Jamf and Linux: remediate.sh and the extension attribute, every exit-code branch (test double of the CLI)', () => {
  const FP = 'AA:BB:CC DD:EE:FF';
  const PROBE = '--proxy pac+https://pac.example/proxy.pac';
  const EXPECT = '--expect-fingerprint AA:BB:CC --expect-fingerprint DD:EE:FF';
  const status = `status --json ${PROBE}`;
  const refresh = `export --refresh ${EXPECT} ${PROBE} --json`;
  const first = `export --out DIR --force ${EXPECT} ${PROBE} --json`;
  const apply = `apply --dir DIR --tools installed --yes ${EXPECT} --json`;

  const cases: { name: string; codes: number[]; env?: NodeJS.ProcessEnv; exit: number; calls: string[]; said: RegExp }[] = [
    { name: 'healthy: nothing to do', codes: [0], exit: 0, calls: [status], said: /: healthy$/m },
    {
      name: '10 CA changed: refresh, apply, healthy',
      codes: [10, 0],
      exit: 0,
      calls: [status, refresh, apply, status],
      said: /after the repair: healthy/,
    },
    {
      name: '13 broken: refresh, apply, healthy',
      codes: [13, 0],
      exit: 0,
      calls: [status, refresh, apply, status],
      said: /after the repair: healthy/,
    },
    {
      name: '14 nothing configured: first export, apply',
      codes: [14, 0],
      exit: 0,
      calls: [status, first, apply, status],
      said: /after the repair: healthy/,
    },
    { name: '11 expiring: reported, nothing changed', codes: [11], exit: 11, calls: [status], said: /IT must roll out the new CA/ },
    { name: '12 verification off: reported, nothing changed', codes: [12], exit: 12, calls: [status], said: /run "ca-bridge doctor"/ },
    {
      name: '1 could not check: reported, nothing changed',
      codes: [1],
      exit: 1,
      calls: [status],
      said: /status could not check \(exit 1\)/,
    },
    { name: '2 usage: reported, nothing changed', codes: [2], exit: 2, calls: [status], said: /install a current version/ },
    {
      name: 'after the repair still expiring: exit 11',
      codes: [10, 11],
      exit: 11,
      calls: [status, refresh, apply, status],
      said: /after the repair: the exported CA expires/,
    },
    {
      name: 'no expected fingerprint: nothing changed',
      codes: [10],
      env: { CA_BRIDGE_EXPECT_FINGERPRINTS: '' },
      exit: 10,
      calls: [status],
      said: /not repaired: set CA_BRIDGE_EXPECT_FINGERPRINTS/,
    },
    {
      name: 'the export refused (another CA): nothing applied',
      codes: [10],
      env: { DOUBLE_EXPORT_CODE: '1' },
      exit: 10,
      calls: [status, refresh],
      said: /the repair failed/,
    },
  ];

  for (const shell of SHELLS)
    for (const c of cases)
      it(`${path.basename(shell)}: ${c.name}`, async () => {
        const { double, calls, home } = await statusDouble(`${path.basename(shell)}-${c.codes.join('-')}`, c.codes);
        const env = {
          HOME: home,
          PATH: '/usr/bin:/bin',
          CA_BRIDGE: double,
          CA_BRIDGE_EXPECT_FINGERPRINTS: FP,
          CA_BRIDGE_EXPORT_DIR: path.join(home, 'export dir'),
          CA_BRIDGE_PROBE_OPTIONS: PROBE,
          ...c.env,
        };
        const ran = await runScript(shell, REMEDIATE, [], env);
        assert.equal(ran.code, c.exit, ran.stdout + ran.stderr);
        assert.deepEqual(await calls(), c.calls);
        assert.match(ran.stdout, c.said);
      });

  it("a Jamf policy's parameters 4-7 (fingerprints, folder, probe options, command) take the place of the variables", async () => {
    const { double, calls, home } = await statusDouble('jamf-parameters', [14, 0]);
    const ran = await runScript(SHELLS[0]!, REMEDIATE, ['/', 'mac-42', 'someone', FP, path.join(home, 'export dir'), PROBE, double], {
      HOME: home,
      PATH: '/usr/bin:/bin',
    });
    assert.equal(ran.code, 0, ran.stdout + ran.stderr);
    assert.deepEqual(await calls(), [status, first, apply, status]);
  });

  it('the extension attribute prints one <result> word per status code and always exits 0', async () => {
    const words: Record<number, string> = {
      0: 'healthy',
      10: 'ca-changed',
      11: 'ca-expiring',
      12: 'verification-off',
      13: 'broken',
      14: 'not-configured',
      1: 'unknown-1',
      2: 'unknown-2',
    };
    for (const shell of SHELLS)
      for (const code of STATUS_CODES) {
        const { double, calls, home } = await statusDouble(`ea-${code}`, [code]);
        const ran = await runScript(shell, ATTRIBUTE, [], {
          HOME: home,
          PATH: '/usr/bin:/bin',
          CA_BRIDGE: double,
          CA_BRIDGE_PROBE_OPTIONS: PROBE,
        });
        assert.deepEqual([ran.code, ran.stdout], [0, `<result>${words[code]}</result>\n`], `${shell}, status ${code}`);
        assert.deepEqual(await calls(), [status]);
      }
  });
});

describe('Linux: the systemd user units', () => {
  it('pass systemd-analyze verify (no warning), and the service runs remediate.sh from where docs/fleet.md installs it', async (t) => {
    const analyze = onPath('systemd-analyze');
    if (!analyze) return t.skip('systemd-analyze is missing (.ci/install.d/75-fleet.sh installs Debian systemd)');
    const home = await mkdtemp(path.join(root, 'systemd-'));
    const runtime = path.join(home, 'run');
    const units = path.join(home, '.config', 'systemd', 'user');
    await mkdir(runtime, { mode: 0o700 });
    await mkdir(units, { recursive: true });
    await mkdir(path.join(home, '.local', 'share', 'ca-bridge'), { recursive: true });
    for (const unit of ['ca-bridge-fleet.service', 'ca-bridge-fleet.timer'])
      await writeFile(path.join(units, unit), await readFile(path.join(FLEET, 'linux', unit)));
    await writeFile(path.join(home, '.local', 'share', 'ca-bridge', 'remediate.sh'), await readFile(REMEDIATE));
    const verified = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile(
        analyze,
        ['--user', 'verify', path.join(units, 'ca-bridge-fleet.service'), path.join(units, 'ca-bridge-fleet.timer')],
        { env: { HOME: home, XDG_RUNTIME_DIR: runtime, PATH: process.env.PATH }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, out: `${stdout}${stderr}` }),
      ),
    );
    assert.deepEqual(verified, { code: 0, out: '' });
    const service = await readFile(path.join(units, 'ca-bridge-fleet.service'), 'utf8');
    assert.match(service, /^ExecStart=\/bin\/sh %h\/\.local\/share\/ca-bridge\/remediate\.sh$/m);
    assert.match(await readFile(path.join(units, 'ca-bridge-fleet.timer'), 'utf8'), /^WantedBy=timers\.target$/m);
  });
});

describe('docs/fleet.md', () => {
  it('links every script in docs/fleet/ and states the exit-code table', async () => {
    const doc = await readFile(path.join(ROOT, 'docs', 'fleet.md'), 'utf8');
    const files: string[] = [];
    for (const dir of await readdir(FLEET)) for (const file of await readdir(path.join(FLEET, dir))) files.push(`fleet/${dir}/${file}`);
    for (const file of files) assert.ok(doc.includes(`(${file})`), `docs/fleet.md does not link ${file}`);
    for (const code of STATUS_CODES) assert.match(doc, new RegExp(`^\\| ${code} \\|`, 'm'), `exit code ${code} not in the table`);
  });
});
