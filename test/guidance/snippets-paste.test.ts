/**
 * `snippets --shell SHELL` output is run whole by that shell with PATH holding only logging stubs: it must
 * set exactly the expected variables, byte for byte, and run no command at all. zsh is also run
 * interactively with default options (where `#` lines are commands, not comments).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { envVarValues } from '../../shared/guidance/render.js';
import { TOOL_GUIDES } from '../../shared/guidance/tools.js';
import { SYSTEM_STORE_GUIDES } from '../../shared/guidance/system-store.js';
import { cli } from '../helpers/cli.js';
import { makeTestExport } from '../ledger/lab-export.js';

const root = mkdtempSync(path.join(tmpdir(), 'ca-bridge-paste-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Folder names users really have, and the characters that break naive quoting. */
const NASTY_DIRS = [
  'José exports',
  '山田 太郎 CA Bridge',
  'it\'s "quoted"',
  '$HOME and `date` and $(id)',
  '100% sure!',
  'back\\slash\\\\double',
  'tab\there',
  'typographic ‘quote’',
  'semi;colon & amp | pipe',
];

/** Every command name the catalogue or a careless snippet could run, plus the usual suspects. */
function stubNames(): string[] {
  const fromCatalogue = [...TOOL_GUIDES.flatMap((t) => [...t.steps, ...(t.genericSteps ?? [])]), ...SYSTEM_STORE_GUIDES]
    .flatMap((s) => ('template' in s ? s.template.split(/\s+/) : []))
    .filter((w) => /^[a-z][a-z0-9._-]*$/.test(w));
  const usual = ['npm', 'pnpm', 'yarn', 'pip', 'pip3', 'python', 'python3', 'conda', 'git', 'gcloud', 'aws', 'az', 'keytool', 'java'];
  const more = ['sudo', 'cp', 'rm', 'mv', 'update-ca-certificates', 'security', 'certutil', 'setx', 'docker', 'curl', 'wget', 'node'];
  const shells = ['sh', 'bash', 'zsh', 'fish', 'pwsh', 'powershell', 'cmd', 'wsl', 'trust', 'env', 'cat', 'ls', 'id', 'date', 'rem'];
  return [...new Set([...fromCatalogue, ...usual, ...more, ...shells, 'RUN', 'COPY', 'FROM', 'Import-Certificate', '#', ':'])];
}

const bin = path.join(root, 'stub-bin');
const log = path.join(root, 'stub.log');
mkdirSync(bin);
for (const name of stubNames()) {
  const file = path.join(bin, name);
  // No external command inside a stub: PATH holds only stubs.
  writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' "\${0##*/} $*" >> "$STUB_LOG"\n`);
  chmodSync(file, 0o755);
}

async function exportDir(name: string) {
  const dir = path.join(root, 'exports', name);
  mkdirSync(dir, { recursive: true });
  // A real CA: the keytool command names it by its fingerprint.
  makeTestExport(dir, 'Paste Test CA');
  return {
    dir,
    paths: { ca: path.join(dir, 'corporate-ca.pem'), bundle: path.join(dir, 'ca-bundle.pem'), der: path.join(dir, 'corporate-ca.crt') },
  };
}

interface Runner {
  label: string;
  syntax: 'bash' | 'zsh' | 'fish';
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Reads the script from a file instead of standard input (fish refuses a piped spawnSync input). */
  fromFile?: boolean;
  /** Lists the exported variable names into the file, with builtins only. */
  names: (file: string) => string;
  value: (name: string, file: string) => string;
}

const posixNames = (file: string) => `export -p > '${file}'`;
const posixValue = (name: string, file: string) => `printf '%s\\0' "$${name}" >> '${file}'`;
const zdotdir = path.join(root, 'zdotdir');
mkdirSync(zdotdir);
writeFileSync(path.join(zdotdir, '.zshrc'), '');

const RUNNERS: Runner[] = [
  { label: 'bash', syntax: 'bash', command: 'bash', args: ['--norc', '--noprofile', '-s'], names: posixNames, value: posixValue },
  { label: 'dash (bash syntax is POSIX)', syntax: 'bash', command: 'dash', args: ['-s'], names: posixNames, value: posixValue },
  { label: 'zsh script', syntax: 'zsh', command: 'zsh', args: ['-f', '-s'], names: posixNames, value: posixValue },
  {
    label: 'zsh interactive, default options, empty .zshrc',
    syntax: 'zsh',
    command: 'zsh',
    args: ['-i'],
    env: { ZDOTDIR: zdotdir },
    names: posixNames,
    value: posixValue,
  },
  {
    label: 'fish',
    syntax: 'fish',
    command: 'fish',
    args: ['--no-config'],
    fromFile: true,
    names: (file) => `set --names -x > '${file}'`,
    value: (name, file) => `printf '%s\\0' "$${name}" >> '${file}'`,
  },
];

/** The shell's real path, looked up on the real PATH: the test's PATH holds only stubs (a stub bash too). */
const realPath = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
const installed = (cmd: string) => realPath(cmd) !== '';

function namesIn(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  return new Set(text.split('\n').flatMap((line) => /^(?:export |declare -x |typeset -x )?([A-Za-z_][A-Za-z0-9_]*)/.exec(line)?.[1] ?? []));
}

/** Runs `snippet` whole through the shell's standard input, between two dumps of the exported names. */
function runWhole(runner: Runner, snippet: string, expected: string[]) {
  const before = path.join(root, 'before');
  const afterFile = path.join(root, 'after');
  const values = path.join(root, 'values');
  for (const f of [before, afterFile, values, log]) rmSync(f, { force: true });
  const script = [
    runner.names(before),
    snippet,
    runner.names(afterFile),
    ...expected.map((n) => runner.value(n, values)),
    'exit 0',
    '',
  ].join('\n');
  const scriptFile = path.join(root, 'script');
  writeFileSync(scriptFile, script);
  const run = spawnSync(realPath(runner.command), runner.fromFile ? [...runner.args, scriptFile] : runner.args, {
    input: runner.fromFile ? '' : script,
    encoding: 'utf8',
    env: { PATH: bin, HOME: root, STUB_LOG: log, LANG: 'C.UTF-8', ...runner.env },
    timeout: 60_000,
  });
  assert.equal(run.status, 0, `${runner.label}: ${run.stderr}`);
  assert.doesNotMatch(run.stderr, /not found|unknown command|parse error|unmatched|Unsupported|error/i, runner.label);
  let ran = '';
  try {
    ran = readFileSync(log, 'utf8');
  } catch {
    /* nothing ran: the file was never created */
  }
  const added = [...namesIn(afterFile)].filter((n) => !namesIn(before).has(n));
  const got = expected.length ? readFileSync(values, 'utf8').split('\0').slice(0, expected.length) : [];
  return { ran, added, got };
}

describe('snippets --shell output, pasted whole into the real shell with only logging stubs on PATH', () => {
  for (const runner of RUNNERS) {
    it(runner.label, { skip: installed(runner.command) ? false : `${runner.command} is not installed` }, async () => {
      for (const name of NASTY_DIRS) {
        const { dir, paths } = await exportDir(name);
        for (const lang of ['en', 'ja']) {
          // No pip config files (this machine's /etc/pip.conf names a CA file of its own, which would change PIP_CERT).
          const out = await cli(['snippets', '--dir', dir, '--shell', runner.syntax, '--lang', lang], {
            PATH: '/nonexistent',
            PIP_CONFIG_FILE: devNull,
          });
          assert.equal(out.code, 0, out.stderr);
          const expected = envVarValues(paths);
          const names = Object.keys(expected);
          const { ran, added, got } = runWhole(runner, out.stdout, names);
          assert.equal(ran, '', `${runner.label} ran commands for ${name}:\n${ran}`);
          assert.deepEqual(added.sort(), [...names].sort(), `${runner.label} ${name}: exactly these variables`);
          assert.deepEqual(got, Object.values(expected), `${runner.label} ${name}: byte-exact values`);
        }
      }
    });
  }

  for (const runner of RUNNERS.filter((r) => r.command !== 'dash')) {
    it(
      `--tool output in ${runner.label}: exactly its persistent commands and session variables`,
      { skip: installed(runner.command) ? false : `${runner.command} is not installed` },
      async () => {
        const { dir, paths } = await exportDir("it's a $dir");
        // A JDK of our own whose keytool is a logging stub: the real JDK store is never touched.
        const jdk = path.join(root, 'fake jdk');
        mkdirSync(path.join(jdk, 'bin'), { recursive: true });
        mkdirSync(path.join(jdk, 'lib', 'security'), { recursive: true });
        writeFileSync(path.join(jdk, 'lib', 'security', 'cacerts'), 'x');
        writeFileSync(path.join(jdk, 'bin', 'keytool'), readFileSync(path.join(bin, 'keytool')));
        chmodSync(path.join(jdk, 'bin', 'keytool'), 0o755);
        const out = await cli(
          ['snippets', '--dir', dir, '--shell', runner.syntax, '--tool', 'npm', '--tool', 'git', '--tool', 'java', '--tool', 'docker'],
          { PATH: '/nonexistent', JAVA_HOME: jdk, PIP_CONFIG_FILE: devNull },
        );
        assert.equal(out.code, 0, out.stderr);
        assert.match(out.stderr, /Dockerfile fragment, not a command/, 'the Dockerfile goes to stderr, labelled');
        assert.doesNotMatch(out.stdout, /^RUN /m);
        const store = path.join(dir, 'java-truststore.p12');
        const expected = {
          npm_config_cafile: paths.bundle,
          JAVA_TOOL_OPTIONS: `-Djavax.net.ssl.trustStore="${store}" -Djavax.net.ssl.trustStorePassword=changeit`,
          GIT_SSL_CAINFO: paths.bundle,
        };
        const { ran, added, got } = runWhole(runner, out.stdout, Object.keys(expected));
        assert.deepEqual(added.sort(), Object.keys(expected).sort());
        assert.deepEqual(got, Object.values(expected));
        assert.equal(
          ran,
          [
            `npm config set cafile ${paths.bundle}`,
            // The user's store is rebuilt from the JDK's each time, so a renewed CA replaces the old one.
            `rm -f ${store}`,
            `keytool -importkeystore -noprompt -srckeystore ${jdk}/lib/security/cacerts -srcstorepass changeit -destkeystore ${store} -deststoretype PKCS12 -deststorepass changeit`,
            // One entry per exported CA, named by its fingerprint (this export has one).
            `keytool -importcert -noprompt -alias ca-bridge-${createHash('sha256').update(readFileSync(paths.der)).digest('hex').slice(0, 16)} -file ${paths.der} -keystore ${store} -storepass changeit`,
            `git config --global http.sslCAInfo ${paths.bundle}`,
            '',
          ].join('\n'),
        );
      },
    );
  }
});
