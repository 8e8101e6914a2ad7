/** The CA variables each shell's proof gets (its own startup files only), and a profile line's value rewritten in place. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { shellCaEnvs, type CaVariable } from '../../electron/core/doctor/ca-variables.js';
import { withProfileValue } from '../../electron/core/doctor/profile-value.js';

it("each shell's proof gets only the CA variables of the files that shell reads, the later one winning", async () => {
  const home = mkdtempSync(path.join(tmpdir(), 'ca-bridge-read-order-'));
  try {
    const at = (name: string) => path.join(home, name);
    mkdirSync(at('.config/fish'), { recursive: true });
    for (const name of ['.profile', '.bashrc', '.zshenv', '.zshrc', '.config/fish/config.fish']) writeFileSync(at(name), '');
    const v = (name: string, value: string, file: string, line = 1): CaVariable => ({
      name,
      value,
      tools: [],
      source: { kind: 'file', file: at(file), line },
    });
    const vars = [
      v('NODE_EXTRA_CA_CERTS', '/profile.pem', '.profile'),
      v('NODE_EXTRA_CA_CERTS', '/bashrc.pem', '.bashrc'),
      v('GIT_SSL_CAINFO', '/zshenv.pem', '.zshenv'),
      v('GIT_SSL_CAINFO', '/zshrc.pem', '.zshrc'),
      v('PIP_CERT', '/fish.pem', '.config/fish/config.fish'),
    ];
    const shells = await shellCaEnvs(vars, home, { HOME: home }, 'linux');
    assert.deepEqual(shells.bash.ca, { NODE_EXTRA_CA_CERTS: '/bashrc.pem' });
    assert.deepEqual(shells.zsh.ca, { GIT_SSL_CAINFO: '/zshrc.pem' }, 'zsh never reads ~/.profile or ~/.bashrc');
    assert.deepEqual(shells.fish.ca, { PIP_CERT: '/fish.pem' });
    assert.deepEqual(shells.cmd.ca, {});
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
