/** Which startup files each shell reads (its manual's order), and a profile line's value rewritten in place. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { shellReadOrder } from '../../electron/core/settings/shell-read-order.js';
import { withProfileValue } from '../../electron/core/doctor/profile-value.js';

it('each shell reads only its own files, in order; bash takes the first login file that exists', async () => {
  const home = mkdtempSync(path.join(tmpdir(), 'ca-bridge-read-order-'));
  try {
    const names = async (shell: Parameters<typeof shellReadOrder>[0], env: NodeJS.ProcessEnv = {}) =>
      (await shellReadOrder(shell, home, env, 'linux')).map((f) => path.relative(home, f.file));
    assert.deepEqual(await names('bash'), ['.profile', '.bashrc']);
    writeFileSync(path.join(home, '.bash_login'), '');
    assert.deepEqual(await names('bash'), ['.bash_login', '.bashrc']);
    writeFileSync(path.join(home, '.bash_profile'), '');
    assert.deepEqual(await names('bash'), ['.bash_profile', '.bashrc']);
    assert.deepEqual(await names('zsh'), ['.zshenv', '.zprofile', '.zshrc', '.zlogin'], 'zsh never reads ~/.profile');
    assert.deepEqual(await names('zsh', { ZDOTDIR: path.join(home, 'z') }), ['z/.zshenv', 'z/.zprofile', 'z/.zshrc', 'z/.zlogin']);
    assert.deepEqual(await names('sh'), ['.profile']);
    mkdirSync(path.join(home, '.config', 'fish', 'conf.d'), { recursive: true });
    for (const n of ['b.fish', 'a.fish', 'notes.txt']) writeFileSync(path.join(home, '.config', 'fish', 'conf.d', n), '');
    assert.deepEqual(await names('fish'), ['.config/fish/conf.d/a.fish', '.config/fish/conf.d/b.fish', '.config/fish/config.fish']);
    assert.deepEqual(await names('powershell'), ['.config/powershell/profile.ps1', '.config/powershell/Microsoft.PowerShell_profile.ps1']);
    assert.deepEqual(await names('windows-powershell'), []);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

it("a profile line's value is replaced in the shell's own quoting, prefix and comment kept; anything more is refused", () => {
  const to = "/x/it's/ca.pem";
  assert.equal(withProfileValue('sh-profile', 'export A=$HOME/a.pem # IT', 'A', to), `export A='/x/it'\\''s/ca.pem' # IT`);
  assert.equal(withProfileValue('sh-profile', '  declare -x A="/old path"', 'A', '/n'), "  declare -x A='/n'");
  assert.equal(withProfileValue('fish', 'set -gx A /old', 'A', to), "set -gx A '/x/it\\'s/ca.pem'");
  assert.equal(withProfileValue('powershell', "$env:A = 'C:\\old'  # x", 'A', to), "$env:A = '/x/it''s/ca.pem'  # x");
  assert.equal(withProfileValue('sh-profile', 'export A=/a; export B=1', 'A', to), null);
  assert.equal(withProfileValue('sh-profile', 'export A="$(cat /f)"', 'A', to), null);
  assert.equal(withProfileValue('sh-profile', 'export B=/a', 'A', to), null);
});
