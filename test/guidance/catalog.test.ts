import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ENV_VARS } from '../../shared/guidance/env-vars.js';
import { renderTool } from '../../shared/guidance/render.js';
import { SHELLS } from '../../shared/guidance/quote.js';
import { catalogueProblems, TOOL_GUIDES, TOOL_IDS, toolGuide, type ToolId } from '../../shared/guidance/tools.js';
import { explainErrors } from '../../shared/explain.js';
import { SYSTEM_STORE_GUIDES } from '../../shared/guidance/system-store.js';
import { cli } from '../helpers/cli.js';
import { machineConfigOff } from '../helpers/isolated-env.js';

const paths = { ca: '/x/corporate-ca.pem', bundle: '/x/ca-bundle.pem', der: '/x/corporate-ca.crt' };

/** The "Rows" table of docs/tools.md as the catalogue says it must read, one line per row. */
const rowsTable = () =>
  TOOL_GUIDES.map((t) =>
    ['`' + t.id + '`', t.setting, t.semantics.toUpperCase(), t.versions, t.platforms.join(', '), t.reference]
      .map((cell) => cell.replaceAll('|', '\\|'))
      .join(' | '),
  ).map((line) => `| ${line} |`);

describe('the tool catalogue', () => {
  it('has exactly one row per id; a missing row is named when asked for', () => {
    assert.deepEqual(catalogueProblems(), []);
    assert.throws(() => toolGuide('no-such-tool' as ToolId), /no row for "no-such-tool"/);
  });
  it("docs/tools.md's Rows table is the catalogue's (setting, ADD/REPLACE, versions, OS, reference)", async () => {
    const docs = await readFile(new URL('../../docs/tools.md', import.meta.url), 'utf8');
    const section = docs.split('\n## Rows\n')[1]!.split('\n## ')[0]!;
    const documented = section.split('\n').filter((l) => l.startsWith('| `'));
    assert.deepEqual(documented, rowsTable(), `docs/tools.md should list:\n${rowsTable().join('\n')}`);
  });
  it('ADD settings point at the CA, REPLACE settings at the bundle — always', () => {
    for (const item of [...TOOL_GUIDES, ...ENV_VARS]) {
      const file = 'file' in item ? item.file : null;
      // A fixed value (GODEBUG's item) names no file.
      if ('literal' in item && item.literal !== null) continue;
      if (item.semantics === 'replace') assert.equal(file, 'bundle', `${'id' in item ? item.id : item.name} replaces: it needs the bundle`);
      else assert.ok(file === null || file === 'ca' || file === 'der', `${'id' in item ? item.id : item.name}`);
    }
  });
  it('covers every row of the field guide, with a reference and a caveat where the guide has one', () => {
    const ids = TOOL_GUIDES.map((t) => t.id);
    for (const id of TOOL_IDS) assert.ok(ids.includes(id), id);
    for (const tool of TOOL_GUIDES) assert.match(tool.reference, /^https:\/\//);
    assert.match(TOOL_GUIDES.find((t) => t.id === 'go')!.caveats[0]!.en, /Windows and macOS.*Go 1\.27.*x509sslcertoverrideplatform=0/);
    assert.match(TOOL_GUIDES.find((t) => t.id === 'aws')!.caveats[1]!.en, /sso/);
    assert.match(TOOL_GUIDES.find((t) => t.id === 'node')!.caveats[0]!.en, /starts/);
    assert.match(TOOL_GUIDES.find((t) => t.id === 'python-requests')!.caveats[0]!.en, /3\.13/);
  });
  it('every tool renders in every shell and in both languages, without leftover placeholders', () => {
    for (const tool of TOOL_GUIDES) {
      for (const shell of SHELLS) {
        for (const lang of ['en', 'ja'] as const) {
          const rendered = renderTool(tool, shell, paths, lang);
          const output = rendered.session.length + rendered.persistent.length + rendered.fragments.length;
          assert.ok(output > 0 || rendered.caveats.length > 0, `${tool.id} says nothing`);
          assert.doesNotMatch(rendered.commands.join('\n'), /\{\w+\}/, `${tool.id} ${shell}`);
          assert.ok(
            rendered.caveats.every((c) => c.length > 0),
            `${tool.id}: a caveat has no ${lang} text`,
          );
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
      java.persistent[0]!.command,
      /^Remove-Item -LiteralPath '\/x\/java-truststore.p12' -ErrorAction SilentlyContinue; & 'C:\\jdk 21\\bin\\keytool.exe' -importkeystore -noprompt -srckeystore 'C:\\jdk 21\\lib\\security\\cacerts' .* -destkeystore '\/x\/java-truststore.p12'/,
    );
    // The user's own copy: never the JDK's cacerts as the target of an import.
    assert.doesNotMatch(java.persistent.map((p) => p.command).join('\n'), /-keystore '[^']*cacerts'/);
  });
  it('every row names its versions, a checked reference and how it is proven; its error texts explain to it', () => {
    for (const row of TOOL_GUIDES) {
      assert.ok(row.versions.length > 0, row.id);
      assert.ok(row.verify.how.length > 0, row.id);
      for (const text of row.errors) {
        const matches = explainErrors(text);
        assert.ok(matches.length > 0, `${row.id}: nothing recognised in ${text}`);
        for (const m of matches) if (m.guideTool) assert.equal(m.guideTool, row.id, `${row.id}: ${text} → ${m.id}`);
      }
    }
  });
  it('the rows the field reports found wrong are right now', () => {
    const render = (id: Parameters<typeof toolGuide>[0]) => renderTool(toolGuide(id), 'bash', paths);
    // npm and pnpm REPLACE: the bundle, through ~/.npmrc (pnpm 10 ignores its own config file for fetches)
    for (const id of ['npm', 'pnpm'] as const) {
      assert.deepEqual(
        render(id).persistent.map((p) => p.command),
        ["npm config set cafile '/x/ca-bundle.pem'"],
      );
    }
    // NODE_USE_SYSTEM_CA only from 22.19 / 24.6; the flag from 22.15 / 23.8, Linux 23.9
    const sys = toolGuide('node-system-ca');
    assert.match(sys.versions, /22\.15\+ and 23\.8\+.*23\.9\+ on Linux.*22\.19\+ and 24\.6\+/);
    assert.deepEqual(render('node-system-ca').session, ["export NODE_OPTIONS='--use-system-ca'"]);
    // Yarn 4 httpsCaFilePath, in the home config (-H)
    // Yarn 2/3 do not apply caFilePath through a proxy (checked with 3.8.7): NODE_EXTRA_CA_CERTS is what works there
    assert.deepEqual(render('yarn-3').session, ["export NODE_EXTRA_CA_CERTS='/x/corporate-ca.pem'"]);
    assert.equal(render('yarn-4').persistent[0]!.command, "yarn config set -H httpsCaFilePath '/x/ca-bundle.pem'");
    // aws: the variable covers every profile; the per-profile command says so
    assert.deepEqual(render('aws').session, ["export AWS_CA_BUNDLE='/x/ca-bundle.pem'"]);
    assert.match(render('aws').persistent[0]!.changes, /each named profile/);
    // uv: no deprecated --native-tls as the setting, and the fatal invalid SSL_CERT_FILE is said
    assert.doesNotMatch(JSON.stringify(toolGuide('uv').steps), /NATIVE_TLS/);
    assert.match(
      toolGuide('uv')
        .caveats.map((c) => c.en)
        .join(' '),
      /UV_SYSTEM_CERTS.*|fatal/,
    );
    // Docker: slim images and who the fragment helps
    const docker = render('docker');
    assert.equal(docker.session.length + docker.persistent.length, 0, 'a Dockerfile is a fragment, not a command');
    assert.match(docker.fragments[0]!.text, /ca-certificates/);
    assert.match(docker.caveats.join(' '), /only OpenSSL\/GnuTLS consumers/);
    // Python 3.13 leaf AKI
    assert.match(toolGuide('python-requests').caveats[0]!.en, /leaf an Authority Key Identifier/);
    // wget is GnuTLS: a file setting, not SSL_CERT_FILE
    assert.deepEqual(
      render('wget').fragments.map((f) => f.text),
      ['ca_certificate = /x/ca-bundle.pem'],
    );
  });
  it('explain fixes come from the rows: npm is told the bundle, never the CA alone', () => {
    for (const text of ['npm error code UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'npm ERR! code SELF_SIGNED_CERT_IN_CHAIN']) {
      const [m] = explainErrors(text);
      assert.equal(m!.guideTool, 'npm');
      assert.match(m!.fix, /ca-bundle\.pem/);
      assert.doesNotMatch(m!.fix, /corporate-ca\.pem/);
    }
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
      // pip's own config files stay out: this machine's /etc/pip.conf names a CA file of its own, which the
      // snippet would rightly keep (a case test/export/verify-settings.test.ts covers); this test is about paths.
      { PATH: process.env.PATH, ...machineConfigOff() },
    );
    assert.equal(run.code, 0, run.stderr);
    const out = run.json();
    assert.equal(out.vars.NODE_EXTRA_CA_CERTS, path.join(dir, 'My Export', 'corporate-ca.pem'));
    assert.equal(out.vars.SSL_CERT_FILE, path.join(dir, 'My Export', 'ca-bundle.pem'));
    assert.deepEqual(Object.keys(out.vars).sort(), [
      'AWS_CA_BUNDLE',
      'CURL_CA_BUNDLE',
      'GIT_SSL_CAINFO',
      'GODEBUG',
      'NODE_EXTRA_CA_CERTS',
      'PIP_CERT',
      'REQUESTS_CA_BUNDLE',
      'SSL_CERT_FILE',
    ]);
    assert.match(out.text, /^# Never turn verification off/);
    assert.match(out.text, /set -gx NODE_EXTRA_CA_CERTS '.*My Export\/corporate-ca.pem'/);
    assert.deepEqual(
      out.tools.map((t: any) => t.id),
      ['npm', 'java'],
    );
    assert.equal(out.tools[0].semantics, 'replace');
    assert.match(out.tools[0].persistent[0].command, /^npm config set cafile '.*ca-bundle.pem'$/);
    assert.match(out.tools[0].persistent[0].undo, /^npm config delete cafile$/);
    assert.ok(out.systemStores.length >= 9);
  });
  it('Japanese comments with --lang ja', async () => {
    const run = await cli(['snippets', '--dir', path.join(dir, 'My Export'), '--shell', 'bash', '--lang', 'ja']);
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
