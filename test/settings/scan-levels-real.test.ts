/**
 * The config levels the settings scanner follows, each checked against the real tool through the lab's
 * inspecting proxy: git's include / includeIf (gitdir, gitdir/i, onbranch), npm's `${VAR}` in an npmrc
 * (set and unset), Yarn 1's `.yarnrc` in a parent folder. For every case the scanner's conclusion
 * ("verification is switched off at FILE:LINE", or nothing) must equal what the tool does: with no CA
 * given, it gets the site's answer through the inspecting proxy only when its verification is off.
 * Settings are written the way users write them (git config, files for npm and Yarn 1).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanSettings } from '../../electron/core/settings/index.js';
import { PROOFS } from '../../electron/core/verify/proofs.js';
import { settingPlace } from '../../shared/settings.js';
import { advicePath } from '../advice/real-tools/advice-path.js';
import { baseEnv, isolatedHome, run } from '../advice/real-tools/harness.js';
import { labWithExport, type LabExport } from '../ledger/lab-export.js';

const SITE = 'https://www.google.com/';
let setup: LabExport;

before(async () => {
  setup = await labWithExport('levels');
});
after(() => setup?.close());

/** A HOME of its own, and none of this machine's config (system gitconfig, global npmrc, root's Yarn 1 home). */
function homeEnv(label: string): { home: string; env: NodeJS.ProcessEnv } {
  const home = isolatedHome(setup.root, label);
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(home, setup.proxy.url, advicePath().split(':')),
    GIT_CONFIG_NOSYSTEM: '1',
    FAKEROOTKEY: '1',
    PIP_CONFIG_FILE: '/dev/null',
    // Yarn 1's {prefix}/etc files (this machine's /usr/etc/npmrc holds a cafile) stay out.
    PREFIX: path.join(home, 'no-prefix'),
  };
  return { home, env };
}

/** What the scanner says switches the tool off in `cwd`: "setting @ file:line" for each. */
async function scannerSays(tool: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string[]> {
  const scan = await scanSettings({ env, cwd, platform: process.platform });
  return scan.findings
    .filter((f) => f.effect === 'verification-off' && (f.tools as string[]).includes(tool))
    .map((f) => `${f.setting} @ ${settingPlace(f.source)}`);
}

/** Whether real git got the site's answer through the inspecting proxy without any CA of ours. */
async function gitGetsThrough(env: NodeJS.ProcessEnv, cwd: string): Promise<boolean> {
  const ran = await run(
    'git',
    ['-c', 'credential.helper=', 'ls-remote', SITE],
    { ...env, GIT_TRACE_CURL: '1', GIT_TRACE_CURL_NO_DATA: '1', GIT_TERMINAL_PROMPT: '0' },
    cwd,
  );
  return PROOFS['git-trace']('', ran.output, ran.code);
}

const git = (env: NodeJS.ProcessEnv, cwd: string, ...args: string[]) => execFileSync('git', args, { env, cwd, encoding: 'utf8' });

describe('settings scanner levels against the real tools', () => {
  it('git include and includeIf (gitdir, gitdir/i, onbranch) as git resolves them for the folder', { timeout: 240_000 }, async () => {
    const { home, env } = homeEnv('git');
    const work = path.join(home, 'Work', 'repo');
    const other = path.join(home, 'other', 'repo');
    for (const dir of [work, other]) {
      mkdirSync(dir, { recursive: true });
      git(env, dir, 'init', '-q', '-b', 'main');
    }
    // The user's lines, and the workaround only for repositories under ~/Work/ (a common "work profile").
    git(env, home, 'config', '--global', 'user.name', 'Level User');
    git(env, home, 'config', '--global', 'includeIf.gitdir:~/Work/.path', '~/.gitconfig-work');
    git(env, home, 'config', '-f', path.join(home, '.gitconfig-work'), 'user.email', 'me@work.example');
    git(env, home, 'config', '-f', path.join(home, '.gitconfig-work'), 'http.sslVerify', 'false');
    const workFile = `http.sslVerify @ ${path.join(home, '.gitconfig-work')}:4`;

    assert.deepEqual(await scannerSays('git', env, work), [workFile]);
    assert.equal(await gitGetsThrough(env, work), true, 'git under ~/Work/ does not verify');
    assert.deepEqual(await scannerSays('git', env, other), []);
    assert.equal(await gitGetsThrough(env, other), false, 'git elsewhere verifies');

    // gitdir/i: the same pattern in another case still matches; gitdir (case-sensitive) does not.
    git(env, home, 'config', '--global', '--unset', 'includeIf.gitdir:~/Work/.path');
    git(env, home, 'config', '--global', 'includeIf.gitdir:~/work/.path', '~/.gitconfig-work');
    assert.deepEqual(await scannerSays('git', env, work), []);
    assert.equal(await gitGetsThrough(env, work), false);
    git(env, home, 'config', '--global', '--unset', 'includeIf.gitdir:~/work/.path');
    git(env, home, 'config', '--global', 'includeIf.gitdir/i:~/work/.path', '~/.gitconfig-work');
    assert.deepEqual(await scannerSays('git', env, work), [workFile]);
    assert.equal(await gitGetsThrough(env, work), true);
    git(env, home, 'config', '--global', '--unset', 'includeIf.gitdir/i:~/work/.path');

    // onbranch: only while a matching branch is checked out.
    git(env, home, 'config', '--global', 'includeIf.onbranch:hotfix/.path', '~/.gitconfig-work');
    assert.deepEqual(await scannerSays('git', env, other), []);
    assert.equal(await gitGetsThrough(env, other), false);
    git(env, other, 'checkout', '-q', '-b', 'hotfix/tls');
    assert.deepEqual(await scannerSays('git', env, other), [workFile]);
    assert.equal(await gitGetsThrough(env, other), true);
    git(env, home, 'config', '--global', '--unset', 'includeIf.onbranch:hotfix/.path');

    // A plain include, relative to the including file, in the repository's own config; also from a subfolder.
    git(env, work, 'config', 'include.path', 'insecure.inc');
    writeFileSync(path.join(work, '.git', 'insecure.inc'), '# mine\n[http]\n\tsslVerify = no\n');
    const sub = path.join(work, 'src', 'deep');
    mkdirSync(sub, { recursive: true });
    assert.deepEqual(await scannerSays('git', env, sub), [`http.sslVerify @ ${path.join(work, '.git', 'insecure.inc')}:3`]);
    assert.equal(await gitGetsThrough(env, sub), true);
  });

  it('npm ${VAR} in an npmrc: a path is replaced, set or unset; a boolean is not', { timeout: 240_000 }, async () => {
    const { home, env } = homeEnv('npm');
    const npmrc = path.join(home, '.npmrc');
    const npmGetsThrough = async (extra: NodeJS.ProcessEnv) => {
      const ran = await run(
        'npm',
        [
          'view',
          'left-pad',
          'version',
          '--registry',
          SITE,
          '--loglevel',
          'http',
          '--prefer-online',
          '--cache',
          path.join(home, '.cache', 'npm'),
          '--fetch-retries',
          '0',
        ],
        { ...env, ...extra, npm_config_https_proxy: setup.proxy.url, NODE_DEBUG: 'tls' },
        home,
      );
      return PROOFS['npm-http-log'](ran.output, ran.output, ran.code);
    };
    const trustFiles = async (extra: NodeJS.ProcessEnv) =>
      (await scanSettings({ env: { ...env, ...extra }, cwd: home, platform: process.platform })).findings
        .filter((f) => f.effect === 'trust-file' && f.setting === 'cafile' && f.tools.includes('npm'))
        .map((f) => `${f.value} @ ${settingPlace(f.source)}`);
    // A literal false switches it off (the control that the request below can tell).
    writeFileSync(npmrc, 'save-exact=true\nstrict-ssl=false\n');
    assert.deepEqual(await scannerSays('npm', env, home), [`strict-ssl @ ${npmrc}:2`]);
    assert.equal(await npmGetsThrough({}), true);
    // npm makes "false" a boolean before it replaces ${…}: the replaced text stays a string and npm verifies.
    writeFileSync(npmrc, 'save-exact=true\nstrict-ssl=${TLS_STRICT}\n');
    assert.deepEqual(await scannerSays('npm', { ...env, TLS_STRICT: 'false' }, home), []);
    assert.equal(await npmGetsThrough({ TLS_STRICT: 'false' }), false, 'npm keeps verifying with strict-ssl=${TLS_STRICT}');
    writeFileSync(npmrc, 'save-exact=true\nstrict-ssl=${TLS_STRICT?}\n');
    assert.deepEqual(await scannerSays('npm', env, home), []);
    assert.equal(await npmGetsThrough({}), false, 'npm keeps verifying with strict-ssl=${TLS_STRICT?} unset');
    // A path is replaced: cafile=${CA_DIR}/… names the export, and npm trusts it.
    writeFileSync(npmrc, 'save-exact=true\ncafile=${CA_DIR}/ca-bundle.pem\n');
    const bundle = path.join(setup.exportDir, 'ca-bundle.pem');
    assert.deepEqual(await trustFiles({ CA_DIR: setup.exportDir }), [`${bundle} @ ${npmrc}:2`]);
    assert.equal(await npmGetsThrough({ CA_DIR: setup.exportDir }), true, 'npm trusts the file ${CA_DIR} names');
    // Unset: npm keeps "${CA_DIR}" as written (a file that is not there), and so does the scanner.
    assert.deepEqual(await trustFiles({}), [`\${CA_DIR}/ca-bundle.pem @ ${npmrc}:2`]);
    assert.equal(await npmGetsThrough({}), false);
  });

  it('Yarn 1 reads .yarnrc in parent folders of the project', { timeout: 240_000 }, async () => {
    const { home, env } = homeEnv('yarn1');
    const parent = path.join(home, 'code');
    const project = path.join(parent, 'app');
    mkdirSync(project, { recursive: true });
    writeFileSync(path.join(project, 'package.json'), '{"name":"app","version":"1.0.0"}\n');
    const yarnEnv = { ...env, YARN_HTTPS_PROXY: setup.proxy.url };
    const yarnGetsThrough = async (cwd: string) => {
      const ran = await run('yarn', ['info', 'left-pad', '--registry', SITE, '--verbose', '--non-interactive'], yarnEnv, cwd);
      return /Request "[^"]+" finished with status code \d+/.test(ran.output);
    };
    const elsewhere = path.join(home, 'elsewhere', 'app');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(path.join(parent, '.yarnrc'), '# team settings\nnetwork-timeout 60000\nstrict-ssl false\n');
    assert.deepEqual(await scannerSays('yarn', yarnEnv, project), [`strict-ssl @ ${path.join(parent, '.yarnrc')}:3`]);
    assert.equal(await yarnGetsThrough(project), true, 'Yarn 1 below ~/code does not verify');
    assert.deepEqual(await scannerSays('yarn', yarnEnv, elsewhere), []);
    assert.equal(await yarnGetsThrough(elsewhere), false, 'Yarn 1 elsewhere verifies');
    // Yarn 1 reads the npmrc files in the same folders, but its own default strict-ssl wins over theirs.
    writeFileSync(path.join(home, 'elsewhere', '.npmrc'), 'strict-ssl=false\n');
    assert.deepEqual(await scannerSays('yarn', yarnEnv, elsewhere), []);
    assert.equal(await yarnGetsThrough(elsewhere), false, "Yarn 1 ignores an npmrc's strict-ssl");
    // npm itself reads only its project's .npmrc (the folder with package.json), not that one.
    writeFileSync(path.join(elsewhere, 'package.json'), '{"name":"e","version":"1.0.0"}\n');
    assert.deepEqual(await scannerSays('npm', yarnEnv, elsewhere), []);
  });
});
