/**
 * apply --tool writes exactly one setting line into each tool's own file and revert --all puts every file
 * back byte for byte (sha256), whatever shape the user's file has: CRLF, a byte order mark, no final
 * newline, the key already set, the section already there, a symbolic link, unrelated lines around it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { diffLines } from 'diff';
import { makeTestCa, makeTestExport } from './lab-export.js';
import { cli } from '../helpers/cli.js';
import { envVarValues } from '../../shared/guidance/render.js';

let root: string;
let exportDir: string;
let bundle: string;
before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ca-bridge-ledger-'));
  exportDir = path.join(root, 'export dir');
  await mkdir(exportDir);
  makeTestExport(exportDir, 'Ledger Test CA');
  bundle = path.join(exportDir, 'ca-bundle.pem');
});
after(() => rm(root, { recursive: true, force: true }));

const sha = (bytes: Buffer | null) => (bytes === null ? null : createHash('sha256').update(bytes).digest('hex'));
const bytesOf = (file: string) => readFile(file).catch(() => null);

async function freshHome(label: string): Promise<{ home: string; env: NodeJS.ProcessEnv }> {
  const home = await mkdtemp(path.join(root, `${label.replace(/\W+/g, '-')}-`));
  // FAKEROOTKEY: run as root, Yarn 1 (and so apply --tool yarn) would use /usr/local/share/.yarnrc, this machine's file.
  return { home, env: { HOME: home, PATH: process.env.PATH, FAKEROOTKEY: '1' } };
}

/** Every file under a folder with its sha256 (links as links), to show a HOME is exactly as it was. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      const rel = path.relative(dir, full);
      if (entry.isSymbolicLink()) out[rel] = `link -> ${readlinkSync(full)}`;
      else if (entry.isDirectory()) {
        out[`${rel}/`] = 'dir';
        await walk(full);
      } else out[rel] = sha((await bytesOf(full))!)!;
    }
  };
  await walk(dir);
  return out;
}

/** The HOME's tree without the ledger itself (it stays, empty of entries, after revert), to compare with `before`. */
async function userTree(home: string, before: Record<string, string>): Promise<Record<string, string>> {
  const now = await tree(home);
  for (const key of Object.keys(now)) if (key.startsWith('.config/ca-bridge')) delete now[key];
  if (!before['.config/']) delete now['.config/'];
  return now;
}

/** The lines apply added and removed, compared as lines (the check that only the intended line changed). */
function changedLines(before: string, after: string) {
  const added: string[] = [];
  const removed: string[] = [];
  for (const part of diffLines(before, after)) {
    const lines = part.value.split(/(?<=\n)/).filter(Boolean);
    if (part.added) added.push(...lines);
    if (part.removed) removed.push(...lines);
  }
  return { added, removed };
}

interface Shape {
  tool: string;
  file: string;
  label: string;
  original: string | Buffer | null;
  /** The setting line apply must write (without its line ending). */
  line: () => string;
}

const ROWS: Omit<Shape, 'label' | 'original'>[] = [
  { tool: 'npm', file: '.npmrc', line: () => `cafile=${bundle}` },
  { tool: 'pip', file: '.config/pip/pip.conf', line: () => `cert = ${bundle}` },
  { tool: 'git', file: '.gitconfig', line: () => `\tsslCAInfo = "${bundle}"` },
  { tool: 'curl', file: '.curlrc', line: () => `cacert = "${bundle}"` },
  { tool: 'wget', file: '.wgetrc', line: () => `ca_certificate = ${bundle}` },
  { tool: 'cargo', file: '.cargo/config.toml', line: () => `cainfo = "${bundle}"` },
  { tool: 'aws', file: '.aws/config', line: () => `ca_bundle = ${bundle}` },
  { tool: 'yarn', file: '.yarnrc', line: () => `cafile "${bundle}"` },
  { tool: 'yarn-4', file: '.yarnrc.yml', line: () => `httpsCaFilePath: "${bundle}"` },
  { tool: 'conda', file: '.condarc', line: () => `ssl_verify: "${bundle}"` },
];

const SECTION_OF: Record<string, string | null> = { pip: 'global', git: 'http', cargo: 'http', aws: 'default' };

/** The user's own files in several shapes; a section of the row's own kind, where it has one, among unrelated ones. */
function shapesFor(tool: string): { label: string; original: string | Buffer | null }[] {
  const section = SECTION_OF[tool];
  const head = section ? `[other]\nkeep = 1\n[${section}]\n` : '';
  return [
    { label: 'no file', original: null },
    { label: 'LF with unrelated lines', original: `# mine\n${head}unrelated = yes\n` },
    { label: 'CRLF', original: `# mine\r\n${head.replace(/\n/g, '\r\n')}unrelated = yes\r\n` },
    { label: 'no final newline', original: `# mine\n${head}unrelated = yes` },
    { label: 'UTF-8 byte order mark', original: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`# 設定\n${head}x = 1\n`)]) },
    { label: 'section header is the last line', original: section ? `# mine\n[${section}]` : '# mine' },
  ];
}

describe('apply --tool then revert --all: one intended line, then every byte back', () => {
  for (const row of ROWS)
    for (const shape of shapesFor(row.tool))
      it(`${row.tool}: ${shape.label}`, async () => {
        const { home, env } = await freshHome(`${row.tool}-${shape.label}`);
        const file = path.join(home, row.file);
        if (shape.original !== null) {
          await mkdir(path.dirname(file), { recursive: true });
          await writeFile(file, shape.original);
        }
        const before = await tree(home);
        const applied = await cli(['apply', '--dir', exportDir, '--tool', row.tool], env);
        assert.equal(applied.code, 0, applied.stderr);
        const after = (await bytesOf(file))!;
        const { added, removed } = changedLines(Buffer.from(shape.original ?? '').toString('latin1'), after.toString('latin1'));
        const ours = Buffer.from(row.line(), 'utf8').toString('latin1');
        // The setting line, plus (only where the file lacked it) its section header; a last line that had no newline gets one.
        // Compared without line endings and the byte order mark: a BOM stays first in the file, whichever line follows it.
        const norm = (line: string) => line.replace(/\r?\n$/, '').replace(/^\xEF\xBB\xBF/, '');
        assert.equal(added.filter((l) => norm(l) === ours).length, 1, `exactly one setting line added:\n${JSON.stringify(added)}`);
        const moved = (line: string, others: string[]) => others.some((o) => norm(o) === norm(line));
        for (const line of added)
          assert.ok(
            norm(line) === ours || /^\[[^\]]+\]$/.test(norm(line)) || moved(line, removed),
            `unexpected line added: ${JSON.stringify(line)}`,
          );
        for (const line of removed) assert.ok(moved(line, added), `a user line was removed: ${JSON.stringify(line)}`);
        if (
          Buffer.from(shape.original ?? '')
            .toString('latin1')
            .includes('\r\n')
        )
          assert.ok(!/[^\r]\n/.test(after.toString('latin1')), 'a CRLF file stays CRLF');
        const again = await cli(['apply', '--dir', exportDir, '--tool', row.tool], env);
        assert.match(again.stdout, /already set/, 'applying twice changes nothing');
        const reverted = await cli(['revert', '--all'], env);
        assert.equal(reverted.code, 0, reverted.stderr);
        assert.match(reverted.stdout, /put back byte for byte/);
        assert.deepEqual(await userTree(home, before), before);
      });
});

/**
 * conda cannot run here (no conda on PyPI or in Debian that works offline: docs/ledger.md), so its row is
 * proven on the file: read as YAML the way conda reads it (duplicate keys are an error for conda's
 * ruamel.yaml, so they are refused here too), `ssl_verify` is the bundle and every other setting is as before.
 */
const YAML_READ = [
  'import json, sys, yaml',
  'class Strict(yaml.SafeLoader): pass',
  'def mapping(loader, node):',
  '    keys = [loader.construct_object(k) for k, _ in node.value]',
  '    if len(keys) != len(set(keys)): raise ValueError("duplicate key")',
  '    return loader.construct_mapping(node)',
  'Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)',
  "print(json.dumps(yaml.load(open(sys.argv[1], encoding='utf-8-sig').read(), Loader=Strict)))",
].join('\n');
const condaShapes: [string, string | null][] = [
  ['no file', null],
  ['channels, and verification switched off', 'channels:\n  - conda-forge\n  - defaults\nssl_verify: false\nauto_activate_base: false\n'],
  ['CRLF, comments, a proxy', '# my conda\r\nproxy_servers:\r\n  https: http://proxy.corp:8080\r\nchannels: [defaults]\r\n'],
  ['an old CA path, no final newline', 'ssl_verify: /opt/old-corp-ca.pem\nchannel_priority: strict'],
];
describe('conda: .condarc read as YAML (conda itself does not run here)', () => {
  for (const [label, original] of condaShapes)
    it(label, async () => {
      const { home, env } = await freshHome(`conda-${label}`);
      const file = path.join(home, '.condarc');
      if (original !== null) await writeFile(file, original);
      const read = () => JSON.parse(execFileSync('python3', ['-c', YAML_READ, file], { encoding: 'utf8' })) ?? {};
      const before = original === null ? {} : read();
      const treeBefore = await tree(home);
      const applied = await cli(['apply', '--dir', exportDir, '--tool', 'conda'], env);
      assert.equal(applied.code, 0, applied.stderr);
      const after = read();
      assert.equal(after.ssl_verify, bundle, 'conda reads the bundle path as ssl_verify');
      assert.deepEqual({ ...after, ssl_verify: undefined }, { ...before, ssl_verify: undefined }, 'every other setting as before');
      assert.equal((await cli(['revert', '--all'], env)).code, 0);
      assert.deepEqual(await userTree(home, treeBefore), treeBefore, 'every byte back');
    });
});

describe('the ledger keeps both when the user changed a file since', () => {
  it('revert --all leaves the edited file and writes the bytes from before beside it', async () => {
    const { home, env } = await freshHome('edited');
    const file = path.join(home, '.npmrc');
    await writeFile(file, 'registry=https://r.example/\n');
    assert.equal((await cli(['apply', '--dir', exportDir, '--tool', 'npm'], env)).code, 0);
    await writeFile(file, (await readFile(file, 'utf8')) + 'save-exact=true\n');
    const edited = await readFile(file);
    const reverted = await cli(['revert', '--all'], env);
    assert.equal(reverted.code, 1, 'a change left undone is a failure');
    assert.match(reverted.stdout, /NOT undone: changed since/);
    assert.deepEqual(await readFile(file), edited, "the user's file is left exactly as they made it");
    const kept = (await readdir(home)).filter((f) => f.startsWith('.npmrc.ca-bridge-before-'));
    assert.equal(kept.length, 1);
    assert.equal(await readFile(path.join(home, kept[0]!), 'utf8'), 'registry=https://r.example/\n');
    // The user has not merged yet and tries again: the same copy is named, no second one is written.
    const again = await cli(['revert', '--all'], env);
    assert.equal(again.code, 1);
    assert.ok(again.stdout.includes(path.join(home, kept[0]!)), again.stdout);
    assert.deepEqual(
      (await readdir(home)).filter((f) => f.startsWith('.npmrc.ca-bridge-before-')),
      kept,
      'the copy from before is written once',
    );
    // A copy the user has deleted (or edited) is written again: the bytes from before are never only in the ledger.
    await rm(path.join(home, kept[0]!));
    const third = await cli(['revert', '--all'], env);
    const rewritten = (await readdir(home)).filter((f) => f.startsWith('.npmrc.ca-bridge-before-'));
    assert.equal(rewritten.length, 1);
    assert.ok(third.stdout.includes(path.join(home, rewritten[0]!)), third.stdout);
    assert.equal(await readFile(path.join(home, rewritten[0]!), 'utf8'), 'registry=https://r.example/\n');
  });

  it('an entry fully undone is compacted away: the ledger keeps only what can still be undone', async () => {
    const { home, env } = await freshHome('compact');
    const ledgerFile = path.join(home, '.config', 'ca-bridge', 'ledger.json');
    await writeFile(path.join(home, '.npmrc'), 'secret-looking=user bytes\n');
    for (let round = 0; round < 3; round++) {
      assert.equal((await cli(['apply', '--dir', exportDir, '--tool', 'npm', '--tool', 'curl'], env)).code, 0);
      assert.equal(JSON.parse(await readFile(ledgerFile, 'utf8')).entries.length, 2);
      assert.equal((await cli(['revert', '--tool', 'curl'], env)).code, 0);
      assert.deepEqual(
        JSON.parse(await readFile(ledgerFile, 'utf8')).entries.map((e: { tool: string; state: string }) => [e.tool, e.state]),
        [['npm', 'done']],
      );
      assert.equal((await cli(['revert', '--all'], env)).code, 0);
      const left = await readFile(ledgerFile, 'utf8');
      assert.deepEqual(JSON.parse(left).entries, [], 'after revert --all nothing is left to undo, so nothing is kept');
      assert.ok(!left.includes(Buffer.from('secret-looking=user bytes\n').toString('base64')), "the user's bytes are not kept");
    }
  });

  it('a symbolic link stays a link; the file it points to is changed and put back', async () => {
    const { home, env } = await freshHome('link');
    await mkdir(path.join(home, 'dotfiles'));
    await writeFile(path.join(home, 'dotfiles', 'gitconfig'), '[user]\r\n\tname = Me\r\n');
    await symlink('dotfiles/gitconfig', path.join(home, '.gitconfig'));
    const before = await tree(home);
    assert.equal((await cli(['apply', '--dir', exportDir, '--tool', 'git'], env)).code, 0);
    assert.ok(lstatSync(path.join(home, '.gitconfig')).isSymbolicLink());
    assert.match(await readFile(path.join(home, 'dotfiles', 'gitconfig'), 'utf8'), /\[http\]\r\n\tsslCAInfo = /);
    assert.equal((await cli(['revert', '--all'], env)).code, 0);
    const after = await tree(home);
    for (const key of Object.keys(after)) if (key.startsWith('.config')) delete after[key];
    assert.deepEqual(after, before);
  });

  it('a link the user replaced by a file of their own since: their file is kept, the linked file is put back', async () => {
    const { home, env } = await freshHome('link-replaced');
    await mkdir(path.join(home, 'dotfiles'));
    await writeFile(path.join(home, 'dotfiles', 'npmrc'), 'registry=https://r.example/\n');
    await symlink('dotfiles/npmrc', path.join(home, '.npmrc'));
    assert.equal((await cli(['apply', '--dir', exportDir, '--tool', 'npm'], env)).code, 0);
    // The user stops using the dotfiles link: ~/.npmrc becomes a file of their own; the old target still holds what apply wrote.
    await rm(path.join(home, '.npmrc'));
    await writeFile(path.join(home, '.npmrc'), '//r.example/:_authToken=mine\n');
    assert.equal((await cli(['revert', '--all'], env)).code, 0);
    assert.equal(await readFile(path.join(home, '.npmrc'), 'utf8'), '//r.example/:_authToken=mine\n', "the user's own file is untouched");
    assert.equal(await readFile(path.join(home, 'dotfiles', 'npmrc'), 'utf8'), 'registry=https://r.example/\n');
  });

  it('an interrupted run (entry still pending, file untouched) is recognised and not "undone"', async () => {
    const { home, env } = await freshHome('pending');
    const file = path.join(home, '.wgetrc');
    await writeFile(file, 'timeout = 5\n');
    assert.equal((await cli(['apply', '--dir', exportDir, '--tool', 'wget'], env)).code, 0);
    const ledgerFile = path.join(home, '.config', 'ca-bridge', 'ledger.json');
    const ledger = JSON.parse(await readFile(ledgerFile, 'utf8'));
    // As if the run had died between its first record and its write.
    ledger.entries[0].state = 'pending';
    await writeFile(file, 'timeout = 5\n');
    await writeFile(ledgerFile, JSON.stringify(ledger));
    const reverted = await cli(['revert', '--all'], env);
    assert.equal(reverted.code, 0, reverted.stderr);
    assert.match(reverted.stdout, /had not changed it/);
    assert.equal(await readFile(file, 'utf8'), 'timeout = 5\n');
  });

  it('runs at the same moment on the same HOME all land in the ledger, and all are undone', async () => {
    const { home, env } = await freshHome('concurrent');
    await writeFile(path.join(home, '.npmrc'), 'a=1');
    const before = await tree(home);
    const tools = ['npm', 'pip', 'git', 'curl', 'wget', 'cargo', 'aws', 'yarn'];
    const runs = await Promise.all(tools.map((t) => cli(['apply', '--dir', exportDir, '--tool', t], env)));
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    const ledger = JSON.parse(await readFile(path.join(home, '.config', 'ca-bridge', 'ledger.json'), 'utf8'));
    assert.deepEqual(ledger.entries.map((e: { tool: string }) => e.tool).sort(), [...tools].sort());
    assert.equal((await cli(['revert', '--all'], env)).code, 0);
    const after = await tree(home);
    for (const key of Object.keys(after)) if (key.startsWith('.config')) delete after[key];
    assert.deepEqual(after, before);
  });

  it('apply --tool java again with the same CA and JDK changes nothing and records nothing', { timeout: 300_000 }, async (t) => {
    if (process.platform !== 'linux') return t.skip('the java row writes environment.d, Linux only');
    const { home, env } = await freshHome('java-again');
    const first = await cli(['apply', '--dir', exportDir, '--tool', 'java', '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(
      first.json<{ tools: { changed: boolean; error: string | null }[] }>().tools.map((r) => [r.changed, r.error]),
      [[true, null]],
    );
    const store = await readFile(path.join(exportDir, 'java-truststore.p12'));
    const again = await cli(['apply', '--dir', exportDir, '--tool', 'java', '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(
      again.json<{ tools: { changed: boolean }[] }>().tools.map((r) => r.changed),
      [false],
    );
    assert.deepEqual(await readFile(path.join(exportDir, 'java-truststore.p12')), store, 'the store is not rewritten');
    const ledger = JSON.parse(await readFile(path.join(home, '.config', 'ca-bridge', 'ledger.json'), 'utf8'));
    assert.equal(ledger.entries.length, 2, 'the store and JAVA_TOOL_OPTIONS, once each');
    assert.equal((await cli(['revert', '--all'], env)).code, 0);
    assert.ok(!existsSync(path.join(exportDir, 'java-truststore.p12')));
  });

  it('revert --tool undoes one tool only', async () => {
    const { home, env } = await freshHome('one-tool');
    assert.equal((await cli(['apply', '--dir', exportDir, '--tool', 'npm', '--tool', 'curl'], env)).code, 0);
    assert.equal((await cli(['revert', '--tool', 'curl'], env)).code, 0);
    assert.ok(!existsSync(path.join(home, '.curlrc')));
    assert.match(await readFile(path.join(home, '.npmrc'), 'utf8'), /^cafile=/);
  });

  it("revert --entry undoes exactly the entries one run reported (apply --json), not the tool's other changes", async () => {
    const { home, env } = await freshHome('one-run');
    const npmrc = path.join(home, '.npmrc');
    await writeFile(npmrc, 'save-exact=true\n');
    const original = sha(await bytesOf(npmrc));
    const first = await cli(['apply', '--dir', exportDir, '--tool', 'npm', '--tool', 'curl', '--json'], env);
    const firstRun = first.json<{ tools: { tool: string; entries: string[]; runs: string | null }[] }>().tools;
    assert.deepEqual(
      firstRun.map((t) => [t.tool, t.entries.length, t.runs]),
      [
        ['npm', 1, null],
        ['curl', 1, null],
      ],
    );
    // A later change of the user's own on the same file stays: the run's entry is undone, only it.
    const second = await cli(['apply', '--dir', exportDir, '--tool', 'wget', '--json'], env);
    const secondEntries = second.json<{ tools: { entries: string[] }[] }>().tools.flatMap((t) => t.entries);
    const undo = await cli(['revert', ...firstRun.flatMap((t) => t.entries.flatMap((id) => ['--entry', id])), '--json'], env);
    assert.equal(undo.code, 0, undo.stderr);
    assert.deepEqual(
      undo.json<{ undone: { tool: string; outcome: string }[] }>().undone.map((u) => `${u.tool} ${u.outcome}`),
      ['curl restored', 'npm restored'],
    );
    assert.equal(sha(await bytesOf(npmrc)), original);
    assert.ok(!existsSync(path.join(home, '.curlrc')));
    assert.match(await readFile(path.join(home, '.wgetrc'), 'utf8'), /^ca_certificate = /, "the other run's change stays");
    const ledger = JSON.parse(await readFile(path.join(home, '.config', 'ca-bridge', 'ledger.json'), 'utf8'));
    assert.deepEqual(
      ledger.entries.map((e: { id: string }) => e.id),
      secondEntries,
    );
    assert.equal((await cli(['revert', '--entry', 'not-an-id'], env)).code, 2);
  });

  it('apply --tool nssdb with an empty HOME is refused (no folder under the working directory), and ends', async () => {
    const { home } = await freshHome('empty-home');
    const cwdBefore = await readdir(process.cwd());
    const ran = await cli(['apply', '--dir', exportDir, '--tool', 'nssdb', '--tool', 'npm'], { HOME: '', PATH: process.env.PATH });
    // Refused as a whole before any row (the ledger itself would be under the working directory): exit 2.
    assert.equal(ran.code, 2, ran.stdout + ran.stderr);
    assert.match(ran.stderr, /HOME is "", not an absolute folder/);
    assert.deepEqual(await readdir(process.cwd()), cwdBefore, 'nothing written under the working directory');
    assert.deepEqual(await readdir(home), []);
  });

  it('revert --all with an empty or relative HOME is refused (exit 2): a ledger under the working directory is never read', async () => {
    // A folder holding a ledger where an empty HOME would have pointed (.config/ca-bridge under the working
    // directory), whose entry would put other bytes into a file there if it were followed.
    const cwd = await mkdtemp(path.join(root, 'cwd-'));
    const target = path.join(cwd, 'victim.txt');
    await writeFile(target, 'written by ca-bridge\n');
    const entry = {
      id: '0123456789abcdef',
      at: new Date().toISOString(),
      tool: 'npm',
      what: 'decoy',
      state: 'done',
      change: {
        kind: 'file',
        path: target,
        target,
        before: Buffer.from('the bytes from before\n').toString('base64'),
        beforeSha256: sha(Buffer.from('the bytes from before\n')),
        afterSha256: sha(Buffer.from('written by ca-bridge\n')),
        createdFolders: 0,
        undo: 'restore-bytes',
      },
    };
    await mkdir(path.join(cwd, '.config', 'ca-bridge'), { recursive: true });
    const decoy = path.join(cwd, '.config', 'ca-bridge', 'ledger.json');
    await writeFile(decoy, JSON.stringify({ format: 'ca-bridge-ledger', version: 1, entries: [entry] }));
    const treeBefore = await tree(cwd);
    const bin = path.resolve(import.meta.dirname, '../../electron/cli/bin.ts');
    for (const home of ['', '.']) {
      const ran = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), bin, 'revert', '--all'], {
          cwd,
          env: { PATH: process.env.PATH, HOME: home },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr }));
      });
      assert.equal(ran.code, 2, `HOME=${JSON.stringify(home)}: ${ran.stderr}`);
      assert.match(ran.stderr, new RegExp(`HOME is ${JSON.stringify(home).replace('.', '\\.')}, not an absolute folder`));
      assert.deepEqual(
        await tree(cwd),
        treeBefore,
        `HOME=${JSON.stringify(home)}: nothing under the working directory was read into a change`,
      );
    }
    // In-process too (the page's door): the ledger path itself is refused for every command that reads it.
    for (const args of [['revert', '--tool', 'npm'], ['status', '--offline'], ['doctor']]) {
      const ran = await cli(args, { HOME: '', PATH: process.env.PATH });
      assert.equal(ran.code, 2, `${args.join(' ')}: ${ran.stdout}${ran.stderr}`);
      assert.match(ran.stderr, /HOME is "", not an absolute folder/);
    }
    // In Japanese, worded from the catalogue (no English sentence behind a Japanese heading).
    const ja = await cli(['revert', '--all', '--lang', 'ja'], { HOME: '', PATH: process.env.PATH });
    assert.equal(ja.code, 2);
    assert.match(ja.stderr, /HOME が「」で、絶対パスのフォルダーではありません/);
    assert.doesNotMatch(ja.stderr, /not an absolute folder/);
  });

  it('apply --tool nssdb without certutil names the package and changes nothing', async () => {
    const { home } = await freshHome('no-certutil');
    const noCertutil = path.join(root, 'bin-without-certutil');
    await mkdir(noCertutil, { recursive: true });
    const ran = await cli(['apply', '--dir', exportDir, '--tool', 'nssdb'], { HOME: home, PATH: noCertutil });
    assert.equal(ran.code, 1);
    assert.match(ran.stderr, /libnss3-tools/);
    assert.deepEqual(await readdir(home), [], 'nothing was created, not even the ledger');
  });
});

describe('the ledger file and --tools installed', () => {
  it('a ledger that is not the documented shape is refused, and nothing is changed', async () => {
    const { home, env } = await freshHome('bad-ledger');
    await mkdir(path.join(home, '.config', 'ca-bridge'), { recursive: true });
    const ledgerFile = path.join(home, '.config', 'ca-bridge', 'ledger.json');
    await writeFile(ledgerFile, JSON.stringify({ format: 'ca-bridge-ledger', version: 1, entries: [{ id: 'x' }] }));
    const before = await tree(home);
    const applied = await cli(['apply', '--dir', exportDir, '--tool', 'npm'], env);
    assert.equal(applied.code, 1);
    assert.match(applied.stderr, /ledger .* does not have the documented shape \(entries\.0\.id/);
    const reverted = await cli(['revert', '--all'], env);
    assert.equal(reverted.code, 1);
    assert.match(reverted.stderr, /documented shape/);
    assert.deepEqual(await tree(home), before);
  });

  it('--tools installed applies exactly the rows whose program is on PATH', async () => {
    const { home } = await freshHome('installed');
    const bin = path.join(home, 'bin');
    await mkdir(bin);
    for (const program of ['git', 'curl']) await writeFile(path.join(bin, program), '#!/bin/sh\n', { mode: 0o755 });
    const ran = await cli(['apply', '--dir', exportDir, '--tools', 'installed', '--json'], { HOME: home, PATH: bin });
    assert.equal(ran.code, 0, ran.stderr);
    const { tools } = ran.json<{ tools: { tool: string; changed: boolean; admin: boolean }[] }>();
    assert.deepEqual(
      tools.map((t) => [t.tool, t.changed, t.admin]),
      [
        ['git', true, false],
        ['curl', true, false],
      ],
    );
  });
});

/**
 * The fleet roll-out runs `apply --tools installed --yes --json` from an MDM tool or a systemd timer:
 * the built CLI, as such a tool starts it, must never wait for a person. A password-protected NSS
 * database is the one place a tool it runs (certutil) would ask, on the terminal.
 */
describe('apply --tools installed, unattended and at a terminal', () => {
  const CLI = path.join(import.meta.dirname, '..', '..', 'dist', 'electron', 'cli', 'bin.js');
  const RUN_LIMIT_MS = 120_000;
  const SCRIPT = execFileSync('sh', ['-c', 'command -v script']).toString().trim();

  /** A HOME whose PATH holds git, curl, chromium (the nssdb row) and the real certutil; its NSS database has a password. */
  async function fleetHome(label: string) {
    const { home } = await freshHome(label);
    const bin = path.join(home, 'bin');
    await mkdir(bin);
    for (const program of ['git', 'curl', 'chromium']) await writeFile(path.join(bin, program), '#!/bin/sh\n', { mode: 0o755 });
    await symlink(execFileSync('sh', ['-c', 'command -v certutil']).toString().trim(), path.join(bin, 'certutil'));
    const db = path.join(home, '.pki', 'nssdb');
    await mkdir(db, { recursive: true });
    await writeFile(path.join(root, `${label}.pw`), 'a password\n');
    execFileSync('certutil', ['-N', '-d', `sql:${db}`, '-f', path.join(root, `${label}.pw`)]);
    return { home, env: { HOME: home, PATH: bin, LANG: 'C' } };
  }

  /** Runs a command to its end, or kills it at the limit (a run that waits for input ends there). */
  function run(command: string, args: string[], env: NodeJS.ProcessEnv, stdin: 'closed' | string) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(command, args, { env, detached: true, stdio: [stdin === 'closed' ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      if (stdin !== 'closed') child.stdin!.end(stdin);
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), RUN_LIMIT_MS);
      child.on('error', (error) => {
        clearTimeout(timer);
        resolve({ code: null, stdout, stderr: String(error) });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }
  /** The same command inside a pseudo-terminal (util-linux script): it has a controlling terminal, as a person's shell does. */
  const inTerminal = (args: string[], env: NodeJS.ProcessEnv, typed: string) =>
    run(SCRIPT, ['-qec', [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], env, typed);

  const applied = (out: string) => {
    const { tools } = JSON.parse(out) as { tools: { tool: string; changed: boolean; error: string | null }[] };
    return tools.map((t) => [t.tool, t.changed, t.error === null ? null : /could not add the CA/.test(t.error)]);
  };
  const expected = [
    ['git', true, null],
    ['curl', true, null],
    ['nssdb', false, true],
  ];

  it('with standard input closed and no terminal: runs to the end; the protected NSS database is an error, not a question', async () => {
    const { home, env } = await fleetHome('unattended');
    const ran = await run(process.execPath, [CLI, 'apply', '--dir', exportDir, '--tools', 'installed', '--yes', '--json'], env, 'closed');
    assert.equal(ran.code, 1, `killed at the limit, or: ${ran.stderr}`);
    assert.deepEqual(applied(ran.stdout), expected);
    assert.match(await readFile(path.join(home, '.gitconfig'), 'utf8'), /sslCAInfo/);
  });

  it('--yes at a terminal asks nothing, and certutil gets no terminal to ask on', async () => {
    const { env } = await fleetHome('yes-at-terminal');
    const ran = await inTerminal(['apply', '--dir', exportDir, '--tools', 'installed', '--yes', '--json'], env, '');
    assert.equal(ran.code, 1, `killed at the limit, or: ${ran.stdout}`);
    assert.doesNotMatch(ran.stdout, /Password|\[y\/N\]/);
    assert.deepEqual(applied(ran.stdout.replace(/\r\n/g, '\n')), expected);
  });

  it('without --yes at a terminal: shows the changes and asks; "n" writes nothing', async () => {
    const { home } = await freshHome('asked');
    const bin = path.join(home, 'bin');
    await mkdir(bin);
    await writeFile(path.join(bin, 'git'), '#!/bin/sh\n', { mode: 0o755 });
    const before = await tree(home);
    const ran = await inTerminal(['apply', '--dir', exportDir, '--tools', 'installed'], { HOME: home, PATH: bin, LANG: 'C' }, 'n\n');
    assert.equal(ran.code, 1, ran.stdout);
    assert.match(ran.stdout, /git: would set http\.sslCAInfo[\s\S]*Apply these changes\? \[y\/N\][\s\S]*Nothing applied \(answered no\)/);
    assert.deepEqual(await tree(home), before);
  });
});

describe('environment.d values', () => {
  it('a path environment.d would expand ($) is refused, nothing written', async () => {
    const { home } = await freshHome('envd-dollar');
    const odd = path.join(root, 'export $HOME');
    await mkdir(odd, { recursive: true });
    for (const name of ['corporate-ca.pem', 'ca-bundle.pem', 'corporate-ca.crt'])
      await writeFile(path.join(odd, name), await readFile(path.join(exportDir, name)));
    const ran = await cli(['apply', '--dir', odd, '--tool', 'environment.d'], { HOME: home, PATH: process.env.PATH });
    assert.equal(ran.code, 1);
    assert.match(ran.stderr, /environment\.d would read differently/);
    assert.deepEqual(await readdir(home), []);
  });
});

describe('dry runs', () => {
  it('apply --tool --dry-run shows the diff and writes nothing; revert --all --dry-run says what it would undo', async () => {
    const { home, env } = await freshHome('dry');
    await writeFile(path.join(home, '.wgetrc'), 'tries = 3\r\n');
    const before = await tree(home);
    const dry = await cli(['apply', '--dir', exportDir, '--tool', 'wget', '--dry-run'], env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /would set .*\n[\s\S]*\+ca_certificate = /);
    assert.deepEqual(await tree(home), before, 'nothing written, not even the ledger');
    assert.equal((await cli(['apply', '--dir', exportDir, '--tool', 'wget'], env)).code, 0);
    const applied = await tree(home);
    const wouldUndo = await cli(['revert', '--all', '--dry-run'], env);
    assert.match(wouldUndo.stdout, /wget: .*\.wgetrc: would be undone \(dry run\)/);
    assert.deepEqual(await tree(home), applied);
  });
});

describe('undoing an NSS entry', () => {
  const certutilPath = (() => {
    try {
      return execFileSync('sh', ['-c', 'command -v certutil'], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  })();
  const skip = certutilPath === '' ? 'certutil is not installed (libnss3-tools; bash .ci/run installs it)' : false;

  /** A certutil on the run's PATH (not this process's) that logs each call and runs the real one. */
  async function loggingCertutil(home: string): Promise<{ env: NodeJS.ProcessEnv; calls: () => Promise<string[]> }> {
    const bin = path.join(home, '..', `${path.basename(home)}-bin`);
    await mkdir(bin);
    const log = path.join(bin, 'calls.log');
    await writeFile(path.join(bin, 'certutil'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${certutilPath}' "$@"\n`, { mode: 0o755 });
    return {
      env: { HOME: home, PATH: `${bin}:${process.env.PATH}` },
      calls: async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean),
    };
  }

  it("runs certutil from the run's own environment", { skip }, async () => {
    const { home } = await freshHome('nss-env');
    const { env, calls } = await loggingCertutil(home);
    assert.equal((await cli(['apply', '--dir', exportDir, '--tool', 'nssdb'], env)).code, 0);
    assert.equal((await cli(['revert', '--all'], env)).code, 0);
    assert.equal(
      (await calls()).filter((c) => c.startsWith('-D ')).length,
      1,
      `the removal ran the run's certutil:\n${(await calls()).join('\n')}`,
    );
    assert.deepEqual(await readdir(home), ['.config'], 'the database CA Bridge created is gone');
  });

  it('a database certutil cannot read is a failure: reported, nothing removed, the entry kept for a later try', { skip }, async () => {
    const { home, env } = await freshHome('nss-unreadable');
    assert.equal((await cli(['apply', '--dir', exportDir, '--tool', 'nssdb'], env)).code, 0);
    const cert9 = path.join(home, '.pki', 'nssdb', 'cert9.db');
    const good = await readFile(cert9);
    // Damaged (a disk error, another program's half-write): certutil -L fails with SEC_ERROR_BAD_DATABASE.
    await writeFile(cert9, 'not a database\n');
    const failed = await cli(['revert', '--all'], env);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /nssdb: .*nssdb: NOT undone: the database could not be read or changed/);
    assert.match(failed.stdout, /certutil said: .*SEC_ERROR_BAD_DATABASE/);
    assert.match(failed.stderr, /1 change could not be undone/);
    assert.equal(await readFile(cert9, 'utf8'), 'not a database\n', 'the database files are left as they are');
    const ledger = JSON.parse(await readFile(path.join(home, '.config', 'ca-bridge', 'ledger.json'), 'utf8'));
    assert.deepEqual(
      ledger.entries.map((e: { tool: string; state: string }) => [e.tool, e.state]),
      [['nssdb', 'done']],
    );
    // Once the database is readable again, the same revert removes the entry (and the database it created).
    await writeFile(cert9, good);
    const retried = await cli(['revert', '--all'], env);
    assert.equal(retried.code, 0, retried.stdout + retried.stderr);
    assert.match(retried.stdout, /nssdb: .*: entry removed/);
    assert.deepEqual(await readdir(home), ['.config']);
  });
});

describe('Firefox profile NSS databases (profiles.ini)', () => {
  const skip = spawnCertutil() ? false : 'certutil is not installed (libnss3-tools; bash .ci/run installs it)';
  const listed = (folder: string) =>
    execFileSync('certutil', ['-L', '-d', `sql:${folder}`], { encoding: 'utf8' })
      .split('\n')
      .slice(3)
      .filter((l) => l.trim() !== '')
      .map((l) => l.replace(/\s+/g, ' ').trim());

  it('the CA goes into every profile with a database and out again; the user own entries and other profiles stay', { skip }, async () => {
    const { home, env } = await freshHome('firefox');
    const root = path.join(home, '.mozilla', 'firefox');
    const relative = path.join(root, 'abcd1234.default-release');
    const absolute = path.join(home, 'elsewhere', 'work profile');
    const neverStarted = path.join(root, 'zzzz.never-started');
    for (const folder of [relative, absolute, neverStarted]) await mkdir(folder, { recursive: true });
    for (const folder of [relative, absolute]) execFileSync('certutil', ['-N', '-d', `sql:${folder}`, '--empty-password']);
    // A certificate of the user's own in one profile: it stays through apply and revert.
    const own = path.join(home, '..', 'firefox-own-ca.pem');
    makeTestCa(own, 'Users Own Test CA');
    execFileSync('certutil', ['-A', '-d', `sql:${relative}`, '-n', 'my own', '-t', 'CT,,', '-a', '-i', own]);
    // profiles.ini as Firefox writes it (CRLF here: read in any line ending), an [Install…] section and a [General] one.
    await writeFile(
      path.join(root, 'profiles.ini'),
      [
        '[Install4F96D1932A9F858E]',
        'Default=abcd1234.default-release',
        '',
        '[Profile1]',
        'Name=work',
        'IsRelative=0',
        `Path=${absolute}`,
        '',
        '[Profile0]',
        'Name=default-release',
        'IsRelative=1',
        'Path=abcd1234.default-release',
        'Default=1',
        '',
        '[Profile2]',
        'Name=never started',
        'IsRelative=1',
        'Path=zzzz.never-started',
        '',
        '[General]',
        'StartWithLastProfile=1',
        'Version=2',
        '',
      ].join('\r\n'),
    );
    const before = { relative: listed(relative), absolute: listed(absolute) };
    const filesBefore = await tree(home);
    const applied = await cli(['apply', '--dir', exportDir, '--tool', 'firefox', '--json'], env);
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);
    const [row] = applied.json<{ tools: { tool: string; changed: boolean; where: string }[] }>().tools;
    assert.equal(row!.changed, true);
    for (const folder of [relative, absolute]) {
      const now = listed(folder);
      assert.equal(now.filter((l) => /^CA Bridge [0-9a-f]{16} C,,$/.test(l)).length, 1, `${folder}: ${now.join(' | ')}`);
    }
    assert.deepEqual(await readdir(neverStarted), [], 'a profile without a database is left to Firefox');
    assert.match((await cli(['apply', '--dir', exportDir, '--tool', 'firefox'], env)).stdout, /already set/);
    const reverted = await cli(['revert', '--all'], env);
    assert.equal(reverted.code, 0, reverted.stdout + reverted.stderr);
    assert.equal((reverted.stdout.match(/firefox: .*: entry removed/g) ?? []).length, 2, reverted.stdout);
    assert.deepEqual({ relative: listed(relative), absolute: listed(absolute) }, before, 'each database lists exactly what it did');
    const filesAfter = await tree(home);
    for (const key of Object.keys(filesAfter)) if (key.startsWith('.config')) delete filesAfter[key];
    // Databases are compared entry by entry (SQLite pages change); every other file, and which files exist, byte for byte.
    const names = (t: Record<string, string>) => Object.keys(t).sort();
    assert.deepEqual(names(filesAfter), names(filesBefore));
    for (const [file, hash] of Object.entries(filesBefore)) if (!/(cert9|key4)\.db$/.test(file)) assert.equal(filesAfter[file], hash, file);
  });

  it('without a profile that has a database: a clear error, nothing changed', { skip }, async () => {
    const { home, env } = await freshHome('firefox-none');
    const ran = await cli(['apply', '--dir', exportDir, '--tool', 'firefox'], env);
    assert.equal(ran.code, 1);
    assert.match(ran.stderr, /no Firefox profile found \(profiles\.ini\)/);
    assert.deepEqual(await readdir(home), []);
  });
});

function spawnCertutil(): boolean {
  try {
    execFileSync('certutil', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // certutil --version exits 1 after printing its version; only a missing program is "not installed".
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

describe('macOS LaunchAgent (apply --tool launch-agent)', () => {
  /** The CLI acting for macOS (the row is macOS only), in-process. */
  const onMac = (args: string[], env: NodeJS.ProcessEnv) => cli(args, env, undefined, 'darwin');

  it('the plist parses (Python plistlib), its command sets exactly the profile block variables, revert removes it', async () => {
    const { home, env } = await freshHome('launch-agent');
    // A folder name /bin/sh and XML would both read differently if quoting were wrong.
    const odd = path.join(root, `it's & <co> $HOME`);
    await mkdir(odd, { recursive: true });
    for (const name of ['corporate-ca.pem', 'ca-bundle.pem', 'corporate-ca.crt'])
      await writeFile(path.join(odd, name), await readFile(path.join(exportDir, name)));
    const before = await tree(home);
    const applied = await onMac(['apply', '--dir', odd, '--tool', 'launch-agent'], env);
    assert.equal(applied.code, 0, applied.stderr);
    const plist = path.join(home, 'Library', 'LaunchAgents', 'com.ca-bridge.environment.plist');
    const parsed = JSON.parse(
      execFileSync('python3', ['-c', 'import json,plistlib,sys; print(json.dumps(plistlib.load(open(sys.argv[1], "rb"))))', plist], {
        encoding: 'utf8',
      }),
    );
    assert.equal(parsed.Label, 'com.ca-bridge.environment');
    assert.equal(parsed.RunAtLoad, true);
    const [shell, dashC, script] = parsed.ProgramArguments as string[];
    assert.deepEqual([shell, dashC], ['/bin/sh', '-c']);
    // Run the command with the real /bin/sh; only launchctl (macOS's) is a recorder here.
    const log = path.join(root, 'launchctl.log');
    const fake = path.join(root, 'fake launchctl');
    await writeFile(fake, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\n`, { mode: 0o755 });
    assert.ok(script!.includes('/bin/launchctl setenv '));
    execFileSync('/bin/sh', ['-c', script!.replaceAll('/bin/launchctl ', `'${fake}' `)], {
      env: { PATH: process.env.PATH, HOME: '/wrong' },
    });
    const expected = Object.entries(
      envVarValues({
        ca: path.join(odd, 'corporate-ca.pem'),
        bundle: path.join(odd, 'ca-bundle.pem'),
        der: path.join(odd, 'corporate-ca.crt'),
      }),
    );
    assert.deepEqual(
      (await readFile(log, 'utf8')).trimEnd().split('\n'),
      expected.map(([name, value]) => `setenv ${name} ${value}`),
    );
    assert.match((await onMac(['apply', '--dir', odd, '--tool', 'launch-agent'], env)).stdout, /already set/);
    assert.equal((await onMac(['revert', '--all'], env)).code, 0);
    const after = await tree(home);
    for (const key of Object.keys(after)) if (key.startsWith('.config')) delete after[key];
    assert.deepEqual(after, before, 'the LaunchAgent and the folders made for it are gone');
  });

  it('is refused outside macOS, nothing written', async () => {
    const { home, env } = await freshHome('launch-agent-linux');
    const ran = await cli(['apply', '--dir', exportDir, '--tool', 'launch-agent'], env);
    assert.equal(ran.code, 1);
    assert.match(ran.stderr, /LaunchAgent is for macOS/);
    assert.deepEqual(await readdir(home), []);
  });
});

describe('VS Code settings.json (JSON with comments)', () => {
  const KEY = '"http.systemCertificatesNode"';
  const shapes: [string, string | Buffer | null][] = [
    ['no file', null],
    [
      'comments and trailing commas',
      '// my settings\n{\n\t"editor.fontSize": 14, // big\n\t"files.exclude": { "**/.git": true, },\n\t/* block */\n}\n',
    ],
    ['CRLF, no final newline', '{\r\n  "a": [1, 2,],\r\n  "b": "x"\r\n}'],
    [
      'UTF-8 byte order mark, Japanese comment',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{\n    // 設定\n    "a": 1\n}\n')]),
    ],
    ['the key set false by the user', '{\n\t"http.systemCertificatesNode": false, // tried this\n\t"z": 2,\n}\n'],
    ['only comments', '{\n\t// nothing yet\n}'],
  ];
  for (const [label, original] of shapes)
    it(`${label}: only the one key changes, every other byte stays; revert --all gives every byte back`, async () => {
      const { home, env } = await freshHome(`vscode-${label}`);
      const file = path.join(home, '.config', 'Code', 'User', 'settings.json');
      if (original !== null) {
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, original);
      }
      const before = await tree(home);
      const applied = await cli(['apply', '--dir', exportDir, '--tool', 'vscode'], env);
      assert.equal(applied.code, 0, applied.stderr);
      const after = (await readFile(file)).toString('latin1');
      const was = Buffer.from(original ?? '').toString('latin1');
      // Read as VS Code reads it: the key is true and every other setting is what it was.
      const jsonc = createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser');
      const strip = (t: string) => t.replace(/^\xEF\xBB\xBF/, '');
      const parsedAfter = jsonc.parse(strip(after), [], { allowTrailingComma: true });
      const parsedBefore = original === null ? {} : jsonc.parse(strip(was), [], { allowTrailingComma: true });
      assert.equal(parsedAfter['http.systemCertificatesNode'], true);
      delete parsedAfter['http.systemCertificatesNode'];
      delete parsedBefore['http.systemCertificatesNode'];
      assert.deepEqual(parsedAfter, parsedBefore);
      // Byte for byte: the file is the original with one line added (or the one value replaced).
      const { added, removed } = changedLines(was, after);
      if (label.includes('key set false')) {
        assert.deepEqual(removed, ['\t"http.systemCertificatesNode": false, // tried this\n']);
        assert.deepEqual(added, ['\t"http.systemCertificatesNode": true, // tried this\n']);
      } else if (original !== null) {
        assert.deepEqual(removed, [], JSON.stringify({ added, removed }));
        assert.equal(added.length, 1, JSON.stringify(added));
        assert.ok(added[0]!.trim().startsWith(`${KEY}: true`), added[0]);
        if (was.includes('\r\n')) assert.ok(added[0]!.endsWith('\r\n'), 'a CRLF file stays CRLF');
      }
      assert.match((await cli(['apply', '--dir', exportDir, '--tool', 'vscode'], env)).stdout, /already set/);
      assert.equal((await cli(['revert', '--all'], env)).code, 0);
      const restored = await tree(home);
      for (const key of Object.keys(restored)) if (key.startsWith('.config/ca-bridge')) delete restored[key];
      if (!before['.config/']) delete restored['.config/'];
      assert.deepEqual(restored, before);
    });

  it('a settings.json VS Code could not read is refused, nothing changed', async () => {
    const { home, env } = await freshHome('vscode-broken');
    const file = path.join(home, '.config', 'Code', 'User', 'settings.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{ "a": }\n');
    const before = await tree(home);
    const ran = await cli(['apply', '--dir', exportDir, '--tool', 'vscode'], env);
    assert.equal(ran.code, 1);
    assert.match(ran.stderr, /settings\.json is not a JSON object VS Code can read \(ValueExpected/);
    assert.deepEqual(await tree(home), before);
  });
});

describe('several exported CAs: one trust-store entry per fingerprint (java, nssdb)', () => {
  const skip = spawnCertutil() ? false : 'certutil is not installed (libnss3-tools; bash .ci/run installs it)';
  /** An export as `export` writes it for two inspecting CAs: both in corporate-ca.pem, the second also in its own DER file. */
  async function twoCaExport(): Promise<{ dir: string; shorts: string[] }> {
    const dir = await mkdtemp(path.join(root, 'two-cas-'));
    makeTestExport(dir, 'Primary Inspect CA');
    const second = path.join(root, `${path.basename(dir)}-second.pem`);
    makeTestCa(second, 'Second Inspect CA');
    const secondPem = await readFile(second, 'utf8');
    await writeFile(path.join(dir, 'corporate-ca.pem'), (await readFile(path.join(dir, 'corporate-ca.pem'), 'utf8')) + secondPem);
    await writeFile(path.join(dir, 'ca-bundle.pem'), (await readFile(path.join(dir, 'ca-bundle.pem'), 'utf8')) + secondPem);
    const secondDer = execFileSync('openssl', ['x509', '-in', second, '-outform', 'der']);
    const short = (der: Buffer) => createHash('sha256').update(der).digest('hex').slice(0, 16);
    await writeFile(path.join(dir, `corporate-ca-${short(secondDer)}.crt`), secondDer);
    return { dir, shorts: [short(await readFile(path.join(dir, 'corporate-ca.crt'))), short(secondDer)] };
  }
  const javaAliases = (store: string) =>
    [
      ...execFileSync('keytool', ['-list', '-keystore', store, '-storepass', 'changeit'], { encoding: 'utf8' }).matchAll(
        /^(ca-bridge-[0-9a-f]+),/gm,
      ),
    ]
      .map((m) => m[1])
      .sort();
  const nssNames = (home: string) =>
    execFileSync('certutil', ['-L', '-d', `sql:${path.join(home, '.pki', 'nssdb')}`], { encoding: 'utf8' })
      .split('\n')
      .slice(3)
      .map((l) => l.replace(/\s+[a-zA-Z]*,[a-zA-Z]*,[a-zA-Z]*\s*$/, '').trim())
      .filter(Boolean)
      .sort();

  it(
    'two CAs: two entries named by fingerprint; again: the same entries, nothing recorded; revert: as before',
    { skip, timeout: 300_000 },
    async (t) => {
      if (process.platform !== 'linux') return t.skip('the java row writes environment.d, Linux only');
      const { dir, shorts } = await twoCaExport();
      const { home, env } = await freshHome('two-cas');
      const before = await tree(home);
      const run = () => cli(['apply', '--dir', dir, '--tool', 'java', '--tool', 'nssdb', '--json'], env);
      const first = await run();
      assert.equal(first.code, 0, first.stdout + first.stderr);
      const store = path.join(dir, 'java-truststore.p12');
      const wantedAliases = shorts.map((s) => `ca-bridge-${s}`).sort();
      const wantedNicknames = shorts.map((s) => `CA Bridge ${s}`).sort();
      assert.deepEqual(javaAliases(store), wantedAliases);
      assert.deepEqual(nssNames(home), wantedNicknames);
      const ledgerFile = path.join(home, '.config', 'ca-bridge', 'ledger.json');
      const entries = JSON.parse(await readFile(ledgerFile, 'utf8')).entries.length;
      assert.equal(entries, 4, 'the store, JAVA_TOOL_OPTIONS, and one NSS entry per CA');
      const again = await run();
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.deepEqual(
        again.json<{ tools: { changed: boolean }[] }>().tools.map((r) => r.changed),
        [false, false],
      );
      assert.deepEqual(javaAliases(store), wantedAliases);
      assert.deepEqual(nssNames(home), wantedNicknames);
      assert.equal(JSON.parse(await readFile(ledgerFile, 'utf8')).entries.length, entries, 'nothing more recorded');
      // IT rotates the second CA: the rebuilt Java store holds the new one and no longer the old one.
      const rotated = path.join(root, `${path.basename(dir)}-rotated.pem`);
      makeTestCa(rotated, 'Second Inspect CA');
      const rotatedDer = execFileSync('openssl', ['x509', '-in', rotated, '-outform', 'der']);
      const rotatedShort = createHash('sha256').update(rotatedDer).digest('hex').slice(0, 16);
      const primaryPem = (await readFile(path.join(dir, 'corporate-ca.pem'), 'utf8')).replace(/(-----END CERTIFICATE-----\n)[^]*$/, '$1');
      await writeFile(path.join(dir, 'corporate-ca.pem'), primaryPem + (await readFile(rotated, 'utf8')));
      await writeFile(path.join(dir, `corporate-ca-${rotatedShort}.crt`), rotatedDer);
      const renewed = await cli(['apply', '--dir', dir, '--tool', 'java', '--json'], env);
      assert.equal(renewed.code, 0, renewed.stdout + renewed.stderr);
      assert.deepEqual(javaAliases(store), [`ca-bridge-${shorts[0]}`, `ca-bridge-${rotatedShort}`].sort());
      const reverted = await cli(['revert', '--all'], env);
      assert.equal(reverted.code, 0, reverted.stdout + reverted.stderr);
      assert.ok(!existsSync(store), 'the store CA Bridge wrote is gone');
      assert.deepEqual(await userTree(home, before), before, 'HOME as before (the NSS database CA Bridge created is gone)');
    },
  );
});
