/**
 * `ca-bridge doctor` on a scripted "messy laptop" HOME: each insecure workaround set with the tool's own
 * command (or file, where the tool has no command), next to unrelated lines of the user's. doctor must
 * name each one with its file and line, change nothing, and exit 3; a clean HOME exits 0.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { advicePath } from '../advice/real-tools/advice-path.js';
import { makeTestCa } from './lab-export.js';
import { cli } from '../helpers/cli.js';

const BERRY = path.resolve('.tools/advice/yarn4/node_modules/@yarnpkg/cli-dist/bin/yarn.js');

let root: string;
before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ca-bridge-doctor-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (lstatSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** 1-based line of the first line of `file` matching `pattern`. */
const lineOf = (file: string, pattern: RegExp) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => pattern.test(l)) + 1;

describe('doctor on a messy laptop', () => {
  it('names every insecure workaround and stale CA setting with its file and line, and changes nothing', { timeout: 300_000 }, async () => {
    const home = mkdtempSync(path.join(root, 'messy-'));
    const project = path.join(home, 'project');
    mkdirSync(project);
    const env: NodeJS.ProcessEnv = {
      HOME: home,
      PATH: advicePath(),
      XDG_CONFIG_HOME: path.join(home, '.config'),
      npm_config_globalconfig: path.join(home, 'no-global-npmrc'),
      GIT_CONFIG_NOSYSTEM: '1',
      PIP_CONFIG_FILE: '',
      LANG: 'C.UTF-8',
    };
    const sh = (cmd: string, args: string[], cwd = home) => execFileSync(cmd, args, { env, cwd, encoding: 'utf8', timeout: 120_000 });
    // The user's own lines first, then the workarounds with each tool's own command.
    writeFileSync(path.join(home, '.npmrc'), 'registry=https://registry.npmjs.org/\nsave-exact=true\n');
    sh('npm', ['config', 'set', 'strict-ssl', 'false']);
    sh('npm', ['config', 'set', 'cafile', path.join(home, 'old-export', 'ca-bundle.pem')]);
    sh('git', ['config', '--global', 'user.name', 'Messy User']);
    sh('git', ['config', '--global', 'http.sslVerify', 'false']);
    sh('python3', ['-m', 'pip', 'config', '--user', 'set', 'global.timeout', '30']);
    sh('python3', ['-m', 'pip', 'config', '--user', 'set', 'global.trusted-host', 'pypi.org files.pythonhosted.org']);
    writeFileSync(path.join(project, 'package.json'), '{"name":"p","version":"1.0.0"}\n');
    execFileSync('node', [BERRY, 'config', 'set', '-H', 'enableStrictSsl', 'false'], {
      env: { ...env, YARN_ENABLE_TELEMETRY: '0' },
      cwd: project,
    });
    // curl and wget have no config command: their files, as users write them.
    writeFileSync(path.join(home, '.curlrc'), '# my curl defaults\nlocation\n-k\n');
    writeFileSync(path.join(home, '.wgetrc'), 'tries = 3\ncheck_certificate = off\n');
    const before = hashes(home);

    const ran = await cli(['doctor', '--json', '--cwd', project], { ...env, NODE_TLS_REJECT_UNAUTHORIZED: '0' });
    assert.equal(ran.code, 3, ran.stderr);
    const { findings } = ran.json<{
      findings: {
        kind: string;
        tools: string[];
        setting: string;
        source: { kind: string; file?: string; line?: number; name?: string } | null;
      }[];
    }>();
    const at = (kind: string, setting: string, file: string | null) =>
      findings.find(
        (f) => f.kind === kind && f.setting === setting && (file === null ? f.source?.kind === 'env' : f.source?.file === file),
      );
    const expect = (kind: string, setting: string, file: string, pattern: RegExp) => {
      const found = at(kind, setting, file);
      assert.ok(found, `no ${kind} finding for ${setting} in ${file}:\n${JSON.stringify(findings, null, 1)}`);
      assert.equal(found.source?.line, lineOf(file, pattern), `${setting}: wrong line`);
    };
    expect('verification-off', 'strict-ssl', path.join(home, '.npmrc'), /^strict-ssl/);
    expect('ca-file-missing', 'cafile', path.join(home, '.npmrc'), /^cafile/);
    expect('verification-off', 'http.sslVerify', path.join(home, '.gitconfig'), /sslVerify|sslverify/);
    expect('verification-off', 'trusted-host', path.join(home, '.config', 'pip', 'pip.conf'), /^trusted-host/);
    // Not Yarn 1's `strict-ssl false`: run as root, Yarn 1 writes and reads /usr/local/share/.yarnrc, this machine's own file.
    expect('verification-off', 'enableStrictSsl', path.join(home, '.yarnrc.yml'), /^enableStrictSsl/);
    expect('verification-off', 'insecure', path.join(home, '.curlrc'), /^-k/);
    expect('verification-off', 'check_certificate', path.join(home, '.wgetrc'), /^check_certificate/);
    assert.ok(at('verification-off', 'NODE_TLS_REJECT_UNAUTHORIZED', null), 'the variable is named');
    assert.deepEqual(hashes(home), before, 'doctor changed nothing');

    const text = await cli(['doctor', '--cwd', project], { ...env, NODE_TLS_REJECT_UNAUTHORIZED: '0' });
    assert.equal(text.code, 3);
    assert.match(text.stdout, /\[high\] npm, pnpm: strict-ssl = false at .*\.npmrc:\d+/);
    console.log(text.stdout);
  });

  it('a clean HOME with the CA applied exits 0', { timeout: 120_000 }, async () => {
    const home = mkdtempSync(path.join(root, 'clean-'));
    const exportDir = path.join(home, 'export');
    mkdirSync(exportDir);
    makeTestCa(path.join(exportDir, 'ca-bundle.pem'), 'Doctor CA');
    writeFileSync(path.join(exportDir, 'corporate-ca.pem'), readFileSync(path.join(exportDir, 'ca-bundle.pem')));
    writeFileSync(path.join(exportDir, 'corporate-ca.crt'), 'x');
    // Only the programs of the rows applied here on PATH: the rest are not "installed".
    const bin = path.join(home, 'bin');
    mkdirSync(bin);
    for (const tool of ['npm', 'git']) writeFileSync(path.join(bin, tool), '#!/bin/sh\n', { mode: 0o755 });
    const env = {
      HOME: home,
      PATH: bin,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      GIT_CONFIG_NOSYSTEM: '1',
      npm_config_globalconfig: path.join(home, 'none'),
    };
    const first = await cli(['doctor', '--cwd', home], env);
    assert.equal(first.code, 3, 'installed tools without a CA setting are findings');
    assert.match(first.stdout, /\[info\] npm:[\s\S]*\[info\] git:/);
    assert.equal((await cli(['apply', '--dir', exportDir, '--tool', 'npm', '--tool', 'git'], env)).code, 0);
    const clean = await cli(['doctor', '--cwd', home], env);
    assert.equal(clean.code, 0, clean.stdout);
    rmSync(exportDir, { recursive: true });
    const stale = await cli(['doctor', '--json', '--cwd', home], env);
    assert.equal(stale.code, 3);
    assert.deepEqual(
      stale
        .json<{ findings: { kind: string; tools: string[] }[] }>()
        .findings.map((f) => `${f.kind} ${f.tools[0]}`)
        .sort(),
      ['ca-file-missing git', 'ca-file-missing npm'],
    );
  });
});
