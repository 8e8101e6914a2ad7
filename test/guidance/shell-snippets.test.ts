import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { quote, type Shell } from '../../shared/guidance/quote.js';
import { envAssignment, envVarValues, renderEnvBlock, wslPath } from '../../shared/guidance/render.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ca-bridge-shells-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Paths users really have, and the characters that break naive quoting. */
const NASTY = [
  '/home/José/exports/corporate-ca.pem',
  '/Users/山田 太郎/CA Bridge/corporate-ca.pem',
  '/tmp/it\'s "quoted"/ca.pem',
  '/tmp/$HOME and `date` and $(id)/ca.pem',
  '/tmp/100% sure!/ca.pem',
  '/tmp/back\\slash\\\\double/ca.pem',
  '/tmp/tab\there/ca.pem',
  '/tmp/typographic ‘quote’/ca.pem',
];

const available = (cmd: string) => spawnSync(cmd, ['-c', 'exit 0'], { encoding: 'utf8' }).status === 0;

/** Sources `script` in the real shell and returns what the variables hold afterwards. */
function runIn(shell: string, script: string, names: string[]): Record<string, string> {
  const file = path.join(dir, `snippet-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, script);
  const dump = names.map((n) => `printf '%s\\0' "$${n}"`).join('; ');
  const command = shell === 'fish' ? `source ${file}; ${names.map((n) => `printf '%s\\0' "$${n}"`).join('; ')}` : `. ${file}; ${dump}`;
  const out = spawnSync(shell, ['-c', command], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  assert.equal(out.status, 0, `${shell}: ${out.stderr}`);
  const values = out.stdout.split('\0');
  return Object.fromEntries(names.map((n, i) => [n, values[i]!]));
}

const posixShells: [string, Shell][] = [
  ['bash', 'bash'],
  ['sh', 'bash'],
  ['dash', 'bash'],
  ['zsh', 'zsh'],
  ['fish', 'fish'],
];

describe('environment snippets, executed by the real shells', () => {
  for (const [binary, syntax] of posixShells) {
    const missing = available(binary) ? false : `${binary} is not installed (.ci/run installs zsh and fish)`;
    it(`${binary}: every variable holds exactly the path`, { skip: missing }, () => {
      for (const base of NASTY) {
        const paths = { ca: base, bundle: base.replace(/ca\.pem$/, 'ca-bundle.pem'), der: base.replace(/\.pem$/, '.crt') };
        const expected = envVarValues(paths);
        const got = runIn(binary, renderEnvBlock(syntax, paths, 'ja'), Object.keys(expected));
        assert.deepEqual(got, expected, base);
      }
    });
  }

  const pwsh = ['pwsh', 'powershell'].find((p) => spawnSync(p, ['-NoProfile', '-Command', 'exit 0']).status === 0);
  it(
    'PowerShell: every variable holds exactly the path',
    { skip: pwsh ? false : 'PowerShell is not installed (Debian has no package for it)' },
    () => {
      for (const base of NASTY) {
        const script = envAssignment('powershell', 'CA_TEST', base);
        const out = spawnSync(pwsh!, ['-NoProfile', '-Command', `${script}; [Console]::Out.Write($env:CA_TEST)`], { encoding: 'utf8' });
        assert.equal(out.stdout, base);
      }
    },
  );
});

describe('quoting rules that no shell here can execute', () => {
  it('PowerShell doubles plain and typographic single quotes', () => {
    assert.equal(quote('powershell', "C:\\Users\\O'Brien\\ca.pem"), "'C:\\Users\\O''Brien\\ca.pem'");
    assert.equal(quote('powershell', 'C:\\a‘b’c'), "'C:\\a‘‘b’’c'");
    assert.equal(
      envAssignment('powershell', 'X', 'C:\\Users\\山田 太郎\\ca.pem', true),
      "[Environment]::SetEnvironmentVariable('X', 'C:\\Users\\山田 太郎\\ca.pem', 'User'); $env:X = 'C:\\Users\\山田 太郎\\ca.pem'",
    );
  });
  it('cmd quotes with set "NAME=value" and refuses what it cannot quote', () => {
    assert.equal(envAssignment('cmd', 'X', 'C:\\Users\\山田 太郎\\ca.pem'), 'set "X=C:\\Users\\山田 太郎\\ca.pem"');
    assert.equal(envAssignment('cmd', 'X', 'C:\\Users\\a & b\\ca.pem', true), 'setx X "C:\\Users\\a & b\\ca.pem"');
    assert.match(envAssignment('cmd', 'X', 'C:\\100%\\ca.pem'), /^REM X: the path contains %.*PowerShell/);
  });
  it('Windows paths become /mnt paths inside WSL', () => {
    assert.equal(wslPath('C:\\Users\\山田 太郎\\CA Bridge\\corporate-ca.pem'), '/mnt/c/Users/山田 太郎/CA Bridge/corporate-ca.pem');
    assert.equal(wslPath('/home/josé/ca.pem'), '/home/josé/ca.pem');
  });
  it('every variable line carries an ADD or REPLACE comment', () => {
    const block = renderEnvBlock('bash', { ca: '/a/corporate-ca.pem', bundle: '/a/ca-bundle.pem', der: '/a/corporate-ca.crt' });
    const lines = block.trim().split('\n');
    for (let i = 0; i < lines.length; i += 2) {
      // GODEBUG carries a fixed item, added to the user's list: its comment names the item instead.
      if (lines[i]!.startsWith('# GODEBUG: ')) {
        assert.match(lines[i]!, /^# GODEBUG: x509sslcertoverrideplatform=0 — Go programs/);
        assert.equal(lines[i + 1], 'export GODEBUG="${GODEBUG:+$GODEBUG,}x509sslcertoverrideplatform=0"');
        continue;
      }
      assert.match(lines[i]!, /^# [A-Z_]+: (ADD|REPLACE) — /);
      const isAdd = lines[i]!.includes('ADD');
      assert.ok(lines[i + 1]!.endsWith(isAdd ? "corporate-ca.pem'" : "ca-bundle.pem'"), lines[i + 1]);
    }
  });
  it("GODEBUG: the user's own settings are kept, ours is added after them (bash, zsh, fish)", () => {
    const paths = { ca: '/a/corporate-ca.pem', bundle: '/a/ca-bundle.pem', der: '/a/corporate-ca.crt' };
    for (const [binary, syntax] of posixShells) {
      if (!available(binary) || binary === 'sh' || binary === 'dash') continue;
      const file = path.join(dir, `godebug-${binary}`);
      writeFileSync(file, renderEnvBlock(syntax, paths));
      const source = binary === 'fish' ? `source ${file}` : `. ${file}`;
      const out = spawnSync(binary, ['-c', `${source}; printf '%s' "$GODEBUG"`], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, GODEBUG: 'http2client=0' },
      });
      assert.equal(out.stdout, 'http2client=0,x509sslcertoverrideplatform=0', `${binary}: ${out.stderr}`);
      assert.equal(envVarValues(paths, { GODEBUG: 'http2client=0' }).GODEBUG, out.stdout);
    }
  });
});
