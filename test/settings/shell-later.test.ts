import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { decidingAssignments, laterInShells } from '../../electron/core/verify/shell-later.js';
import type { Shell } from '../../shared/guidance/quote.js';

/**
 * What a user's shell sets after CA Bridge's block (verify --prove applied), read from the files, against
 * what the real bash, zsh and fish of this machine give a new terminal from the same HOME: every value the
 * reader takes is the shell's own, every removal is real, and everything else is named unevaluable with why.
 */
const NAMES = [
  'NODE_EXTRA_CA_CERTS',
  'CURL_CA_BUNDLE',
  'GIT_SSL_CAINFO',
  'SSL_CERT_FILE',
  'REQUESTS_CA_BUNDLE',
  'AWS_CA_BUNDLE',
  'PIP_CERT',
];
let root: string;
before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ca-bridge-shell-later-'));
});
after(() => rm(root, { recursive: true, force: true }));

async function tree(name: string, files: Record<string, string>): Promise<string> {
  const home = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(home, file)), { recursive: true });
    await writeFile(path.join(home, file), text);
  }
  return home;
}

/** The variables a new terminal of `shell` has, from the real shell (a login session, then the terminal's own shell). */
async function realShell(shell: Shell, home: string): Promise<Record<string, string | null>> {
  const print = NAMES.map((n) => `printf '%s=%s\\n' ${n} "\${${n}-UNSET}"`).join('; ');
  const fishPrint = NAMES.map((n) => `if set -q ${n}; printf '%s=%s\\n' ${n} "$${n}"; else; printf '%s=UNSET\\n' ${n}; end`).join('; ');
  const env = {
    HOME: home,
    PATH: '/usr/bin:/bin',
    ZDOTDIR: path.join(home, 'zdot'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    TERM: 'dumb',
    // Handed through the environment: the login shell must not expand it before the terminal's shell runs it.
    PRINT: print,
  };
  const [command, args] =
    shell === 'bash'
      ? ['/bin/bash', ['-lc', 'exec /bin/bash -ic "$PRINT"']]
      : shell === 'zsh'
        ? ['zsh', ['-lic', print]]
        : ['fish', ['-lic', fishPrint]];
  const { stdout } = await promisify(execFile)(command, args as string[], { env, timeout: 30_000 });
  return Object.fromEntries(
    stdout
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => {
        const [k, ...v] = l.split('=');
        return [k!, v.join('=') === 'UNSET' ? null : v.join('=')];
      }),
  );
}

const BLOCK_SH = NAMES.map((n) => `export ${n}='/block/${n}.pem'`).join('\n') + '\n';

async function check(shell: Shell, home: string, blockFile: string, afterLine: number, expected: Record<string, string | null>) {
  const env = { HOME: home, ZDOTDIR: path.join(home, 'zdot'), XDG_CONFIG_HOME: path.join(home, '.config') };
  const found = await laterInShells([{ file: path.join(home, blockFile), shell, afterLine }], env, home, NAMES);
  const deciding = decidingAssignments(found.later);
  const said = Object.fromEntries(
    deciding.map((a) => [
      a.name,
      a.unevaluable ? `unevaluable:${a.unevaluable}@${path.basename(a.source.file)}:${a.source.line}` : a.value,
    ]),
  );
  assert.deepEqual(said, expected);
  // Every value the reader took, and every removal, is what the real shell gives a new terminal.
  const real = await realShell(shell, home);
  for (const a of deciding) if (!a.unevaluable) assert.equal(real[a.name], a.value, `${shell} ${a.name}`);
  // What no later line touches keeps the block's value in the real shell too.
  for (const name of NAMES) if (!(name in expected)) assert.equal(real[name], `/block/${name}.pem`, `${shell} ${name}`);
  return real;
}

describe('what the shells set after CA Bridge’s block, against the real shells', () => {
  it('bash: the login file, then ~/.bashrc; plain, bare, $HOME, unset read; a condition, a chain, a function, a command substitution named', async () => {
    const home = await tree('bash', {
      '.profile': `# mine\n${BLOCK_SH}export PIP_CERT=/after-block-same-file.pem\n`,
      '.bashrc': [
        'export NODE_EXTRA_CA_CERTS="$HOME/old.pem"',
        'GIT_SSL_CAINFO=/bare.pem',
        'unset CURL_CA_BUNDLE',
        'if true; then export SSL_CERT_FILE=/nested.pem; fi',
        '[ -n "$HOME" ] && export REQUESTS_CA_BUNDLE=/chained.pem',
        'f() {',
        '  export AWS_CA_BUNDLE=/in-function.pem',
        '}',
        '',
      ].join('\n'),
    });
    const real = await check('bash', home, '.profile', 2 + NAMES.length, {
      PIP_CERT: '/after-block-same-file.pem',
      NODE_EXTRA_CA_CERTS: path.join(home, 'old.pem'),
      GIT_SSL_CAINFO: '/bare.pem',
      CURL_CA_BUNDLE: null,
      SSL_CERT_FILE: 'unevaluable:nested@.bashrc:4',
      REQUESTS_CA_BUNDLE: 'unevaluable:nested@.bashrc:5',
      AWS_CA_BUNDLE: 'unevaluable:nested@.bashrc:7',
    });
    // Those named unevaluable do change what the shell has (or would, once the function runs): never the block's value taken.
    assert.deepEqual([real.SSL_CERT_FILE, real.REQUESTS_CA_BUNDLE], ['/nested.pem', '/chained.pem']);
  });

  it('bash: a block in ~/.profile while ~/.bash_profile exists (login bash reads that instead): its lines count as after', async () => {
    const home = await tree('bash-profile', {
      '.profile': BLOCK_SH,
      '.bash_profile': 'export CURL_CA_BUNDLE=/from-bash-profile.pem\nexport NODE_EXTRA_CA_CERTS="$(cat ~/where)"\n',
    });
    const env = { HOME: home };
    const found = await laterInShells(
      [{ file: path.join(home, '.profile'), shell: 'bash', afterLine: 1 + NAMES.length }],
      env,
      home,
      NAMES,
    );
    assert.deepEqual(
      found.later.map((a) => [a.name, a.value, a.unevaluable, a.source.line]),
      [
        ['CURL_CA_BUNDLE', '/from-bash-profile.pem', null, 1],
        ['NODE_EXTRA_CA_CERTS', null, 'substitution', 2],
      ],
    );
  });

  it('zsh: .zshenv (the block), then .zprofile, .zshrc from ZDOTDIR; fish: conf.d by name, then config.fish', async () => {
    const zhome = await tree('zsh', {
      'zdot/.zshenv': BLOCK_SH,
      'zdot/.zprofile': 'export CURL_CA_BUNDLE=`cat ~/x`\n',
      'zdot/.zshrc': 'export NODE_EXTRA_CA_CERTS=/zshrc.pem\ntypeset -x GIT_SSL_CAINFO=/typeset.pem\n',
    });
    await check('zsh', zhome, 'zdot/.zshenv', 1 + NAMES.length, {
      CURL_CA_BUNDLE: 'unevaluable:substitution@.zprofile:1',
      NODE_EXTRA_CA_CERTS: '/zshrc.pem',
      GIT_SSL_CAINFO: '/typeset.pem',
    });
    const fhome = await tree('fish', {
      '.config/fish/conf.d/aa-early.fish': 'set -gx CURL_CA_BUNDLE /early.pem\n',
      '.config/fish/conf.d/ca-bridge.fish': NAMES.map((n) => `set -gx ${n} '/block/${n}.pem'`).join('\n') + '\n',
      '.config/fish/conf.d/zz-late.fish': 'set -gx NODE_EXTRA_CA_CERTS /fish-late.pem\n',
      '.config/fish/config.fish': 'set -e GIT_SSL_CAINFO\nif true\n  set -gx SSL_CERT_FILE /nested.pem\nend\n',
    });
    await check('fish', fhome, '.config/fish/conf.d/ca-bridge.fish', 1 + NAMES.length, {
      NODE_EXTRA_CA_CERTS: '/fish-late.pem',
      GIT_SSL_CAINFO: null,
      SSL_CERT_FILE: 'unevaluable:nested@config.fish:3',
    });
  });
});

describe('bounded', () => {
  it('a half-MiB line of "unset " words naming no variable, and one naming one, in ~/.bashrc: read at once, the second unevaluable', async () => {
    const home = await tree('hostile', {
      '.profile': BLOCK_SH,
      '.bashrc': `${'unset x '.repeat(65_536)}\n${'unset y '.repeat(60_000)}SSL_CERT_FILE\n`,
    });
    const found = await laterInShells(
      [{ file: path.join(home, '.profile'), shell: 'bash', afterLine: 1 + NAMES.length }],
      { HOME: home },
      home,
      NAMES,
    );
    assert.deepEqual(
      found.later.map((a) => [a.name, a.unevaluable, a.source.line]),
      [['SSL_CERT_FILE', 'form', 2]],
    );
  });
});
