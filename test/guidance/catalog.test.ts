import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ENV_VARS } from '../../shared/guidance/env-vars.js';
import { renderTool } from '../../shared/guidance/render.js';
import { SHELLS } from '../../shared/guidance/quote.js';
import { TOOL_GUIDES } from '../../shared/guidance/tools.js';
import { SYSTEM_STORE_GUIDES } from '../../shared/guidance/system-store.js';
import { cli } from '../helpers/cli.js';

const paths = { ca: '/x/corporate-ca.pem', bundle: '/x/ca-bundle.pem', der: '/x/corporate-ca.crt' };

describe('the tool catalogue', () => {
  it('ADD settings point at the CA, REPLACE settings at the bundle — always', () => {
    for (const item of [...TOOL_GUIDES, ...ENV_VARS]) {
      const file = 'file' in item ? item.file : null;
      if (item.semantics === 'replace') assert.equal(file, 'bundle', `${'id' in item ? item.id : item.name} replaces: it needs the bundle`);
      else assert.ok(file === null || file === 'ca' || file === 'der', `${'id' in item ? item.id : item.name}`);
    }
  });
  it('covers every row of the field guide, with a reference and a caveat where the guide has one', () => {
    const ids = TOOL_GUIDES.map((t) => t.id);
    for (const id of [
      'node',
      'node-system-ca',
      'npm',
      'pnpm',
      'yarn',
      'yarn-berry',
      'openssl',
      'python-requests',
      'pip',
      'conda',
      'curl',
      'git',
      'aws',
      'gcloud',
      'cargo',
      'go',
      'java',
      'deno',
      'docker',
      'wsl',
      'uv',
      'vscode',
    ])
      assert.ok(ids.includes(id), id);
    for (const tool of TOOL_GUIDES) assert.match(tool.reference, /^https:\/\//);
    assert.match(TOOL_GUIDES.find((t) => t.id === 'go')!.caveats[0]!.en, /macOS and Windows/);
    assert.match(TOOL_GUIDES.find((t) => t.id === 'aws')!.caveats[0]!.en, /sso/);
    assert.match(TOOL_GUIDES.find((t) => t.id === 'node')!.caveats[0]!.en, /starts/);
    assert.match(TOOL_GUIDES.find((t) => t.id === 'python-requests')!.caveats[0]!.en, /3\.13/);
  });
  it('every tool renders in every shell and in both languages, without leftover placeholders', () => {
    for (const tool of TOOL_GUIDES) {
      for (const shell of SHELLS) {
        for (const lang of ['en', 'ja'] as const) {
          const rendered = renderTool(tool, shell, paths, lang);
          assert.ok(rendered.commands.length > 0);
          assert.doesNotMatch(rendered.commands.join('\n'), /\{\w+\}/, `${tool.id} ${shell}`);
          assert.ok(rendered.caveats.every((c) => c.length > 0));
        }
      }
    }
    const java = renderTool(
      TOOL_GUIDES.find((t) => t.id === 'java')!,
      'powershell',
      paths,
      'en',
      [{ home: 'C:\\jdk 21', keytool: 'C:\\jdk 21\\bin\\keytool.exe', cacerts: 'C:\\jdk 21\\lib\\security\\cacerts' }],
    );
    assert.match(
      java.commands[0]!,
      /^# C:\\jdk 21\n& 'C:\\jdk 21\\bin\\keytool.exe' -importcert .* -keystore 'C:\\jdk 21\\lib\\security\\cacerts'/,
    );
  });
  it('system-store commands say whether administrator rights are needed', () => {
    const admin = Object.fromEntries(SYSTEM_STORE_GUIDES.map((g) => [g.id, g.admin]));
    assert.deepEqual(admin, {
      debian: true,
      rhel: true,
      arch: true,
      alpine: true,
      suse: true,
      'macos-system': true,
      'macos-login': false,
      'windows-user-certutil': false,
      'windows-user': false,
      'windows-machine': true,
      'windows-machine-certutil': true,
      'windows-java': false,
    });
  });
});

describe('ca-bridge snippets', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-snip-'));
    await mkdir(path.join(dir, 'My Export'));
    for (const f of ['corporate-ca.pem', 'ca-bundle.pem', 'corporate-ca.crt']) await writeFile(path.join(dir, 'My Export', f), 'x');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('--json gives absolute paths per variable, the text, and per-tool entries', async () => {
    const run = await cli(
      ['snippets', '--json', '--dir', path.join(dir, 'My Export'), '--shell', 'fish', '--tool', 'npm', '--tool', 'java'],
      { PATH: process.env.PATH },
    );
    assert.equal(run.code, 0, run.stderr);
    const out = run.json();
    assert.equal(out.vars.NODE_EXTRA_CA_CERTS, path.join(dir, 'My Export', 'corporate-ca.pem'));
    assert.equal(out.vars.SSL_CERT_FILE, path.join(dir, 'My Export', 'ca-bundle.pem'));
    assert.deepEqual(Object.keys(out.vars), [
      'NODE_EXTRA_CA_CERTS',
      'SSL_CERT_FILE',
      'REQUESTS_CA_BUNDLE',
      'PIP_CERT',
      'CURL_CA_BUNDLE',
      'AWS_CA_BUNDLE',
      'GIT_SSL_CAINFO',
    ]);
    assert.match(out.text, /^# Never turn verification off/);
    assert.match(out.text, /set -gx NODE_EXTRA_CA_CERTS '.*My Export\/corporate-ca.pem'/);
    assert.deepEqual(
      out.tools.map((t: any) => t.id),
      ['npm', 'java'],
    );
    assert.equal(out.tools[0].semantics, 'replace');
    assert.match(out.tools[0].commands[0], /^npm config set cafile '.*ca-bundle.pem'$/);
    assert.ok(out.systemStores.length >= 9);
  });
  it('Japanese comments with --lang ja', async () => {
    const run = await cli(['snippets', '--dir', path.join(dir, 'My Export'), '--shell', 'bash', '--lang', 'ja', '--tool', 'node']);
    assert.match(run.stdout, /検証を無効にしないでください/);
    assert.match(run.stdout, /# NODE_EXTRA_CA_CERTS: 追加 — /);
  });
  it('the default shell comes from SHELL', async () => {
    const run = await cli(['snippets', '--json', '--dir', path.join(dir, 'My Export'), '--tool', 'node'], { SHELL: '/usr/bin/zsh' });
    assert.equal(run.json().shell, 'zsh');
  });
  it('bad usage: unknown tool or shell, missing export', async () => {
    assert.match(
      (await cli(['snippets', '--dir', path.join(dir, 'My Export'), '--tool', 'cobol'])).stderr,
      /--tool: unknown cobol \(known: node,/,
    );
    assert.match((await cli(['snippets', '--dir', path.join(dir, 'My Export'), '--shell', 'csh'])).stderr, /--shell "csh"/);
    assert.equal((await cli(['snippets', '--dir', dir])).code, 2);
  });
});
