import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanSettings } from '../../electron/core/settings/index.js';
import { settingPlace, type SettingFinding } from '../../shared/settings.js';
import { advicePath } from '../advice/real-tools/advice-path.js';

/**
 * Each setting is written the way a user writes it: the tool's own config command where it has one
 * (npm, pnpm, yarn, git, pip, go), else the file the tool's documentation describes. The machine's own
 * settings (/usr/etc/npmrc, /etc/pip.conf, its *_CA_* variables) are kept out: a fresh HOME, npm's and
 * pip's global levels pointed into the test's folder, and no inherited variables.
 */
let root: string;
let home: string;
let project: string;
let globalDir: string;
let env: NodeJS.ProcessEnv;

const run = (command: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
  execFileSync(command, args, { env: { ...env, ...extra }, cwd: project, encoding: 'utf8', timeout: 120_000 });

const scan = (extra: NodeJS.ProcessEnv = {}) => scanSettings({ env: { ...env, ...extra }, cwd: project, platform: process.platform });
/**
 * Only what the test wrote: pip and git also read the machine's own system files (/etc/pip.conf), which
 * the scanner rightly reports but the test does not own.
 */
const ours = (findings: SettingFinding[]) => findings.filter((f) => f.source.kind === 'env' || f.source.file.startsWith(root));
const named = (findings: SettingFinding[]) =>
  ours(findings)
    .map((f) => `${f.effect} ${f.setting}=${f.value} @ ${settingPlace(f.source)}`)
    .sort();

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ca-bridge-scan-'));
  home = path.join(root, 'home');
  project = path.join(root, 'project');
  globalDir = path.join(root, 'global');
  await Promise.all([mkdir(home), mkdir(project), mkdir(globalDir)]);
  env = {
    PATH: advicePath(),
    HOME: home,
    NPM_CONFIG_GLOBALCONFIG: path.join(globalDir, 'npmrc'),
    XDG_CONFIG_DIRS: globalDir,
    GIT_CONFIG_NOSYSTEM: '1',
  };
});
after(() => rm(root, { recursive: true, force: true }));

describe('settings scanner', () => {
  it('finds nothing in a clean HOME', async () => {
    const found = await scan();
    assert.deepEqual(named(found.findings), []);
    assert.deepEqual(found.unread, []);
  });

  it('names each insecure setting written by the tool’s own config command, with file and line', async () => {
    run('npm', ['config', 'set', 'strict-ssl', 'false', '--location=user']);
    run('npm', ['config', 'set', 'cafile', '/corp/ca.pem', '--location=global']);
    run('git', ['config', '--global', 'http.sslVerify', 'false']);
    run('git', ['config', '--global', 'http.https://git.corp.example/.sslVerify', 'false']);
    run('pip', ['config', '--user', 'set', 'global.trusted-host', 'pypi.org files.pythonhosted.org']);
    // Never "pip config --global" (it writes /etc/pip.conf whatever XDG_CONFIG_DIRS says) nor "yarn config set"
    // (as root Yarn 1 writes /usr/local/share/.yarnrc): the machine's files stay untouched.
    await mkdir(path.join(globalDir, 'pip'));
    await writeFile(path.join(globalDir, 'pip', 'pip.conf'), '[global]\ncert = /corp/pip.pem\n');
    await writeFile(path.join(project, '.yarnrc'), '# yarn lockfile v1\n\n\nstrict-ssl false\n');
    run('go', ['env', '-w', 'GOINSECURE=*.corp.example', 'GOFLAGS=-insecure'], { GOPATH: path.join(root, 'go') });
    // No config command: the files as the tools' documentation shows them.
    await writeFile(path.join(home, '.curlrc'), '# corporate proxy\n-k\nconnect-timeout = 5\n');
    await writeFile(path.join(home, '.wgetrc'), 'tries = 2\ncheck_certificate = off\n');
    await mkdir(path.join(home, '.config', 'uv'), { recursive: true });
    await writeFile(path.join(home, '.config', 'uv', 'uv.toml'), 'native-tls = false\nallow-insecure-host = ["pypi.org"]\n');
    await writeFile(path.join(home, '.condarc'), 'channels:\n  - defaults\nssl_verify: false\n');
    await writeFile(path.join(home, '.gemrc'), '---\n:ssl_verify_mode: 0\n');
    await mkdir(path.join(home, '.config', 'composer'), { recursive: true });
    await writeFile(
      path.join(home, '.config', 'composer', 'config.json'),
      '{\n    "config": {\n        "disable-tls": true,\n        "secure-http": false\n    }\n}\n',
    );
    await writeFile(path.join(project, '.yarnrc.yml'), 'nodeLinker: node-modules\nenableStrictSsl: false\n');
    const found = await scan();
    const goEnv = path.join(home, '.config', 'go', 'env');
    const gitconfig = path.join(home, '.gitconfig');
    assert.deepEqual(
      named(found.findings),
      [
        `trust-file cafile=/corp/ca.pem @ ${path.join(globalDir, 'npmrc')}:1`,
        `trust-file cert=/corp/pip.pem @ ${path.join(globalDir, 'pip', 'pip.conf')}:2`,
        `verification-off :ssl_verify_mode=0 @ ${path.join(home, '.gemrc')}:2`,
        `verification-off GOINSECURE=*.corp.example @ ${goEnv}:${run('grep', ['-n', 'GOINSECURE', goEnv]).split(':')[0]}`,
        `verification-off allow-insecure-host=["pypi.org"] @ ${path.join(home, '.config', 'uv', 'uv.toml')}:2`,
        `verification-off check_certificate=off @ ${path.join(home, '.wgetrc')}:2`,
        `verification-off disable-tls=true @ ${path.join(home, '.config', 'composer', 'config.json')}:3`,
        `verification-off enableStrictSsl=false @ ${path.join(project, '.yarnrc.yml')}:2`,
        `verification-off http.sslVerify=false @ ${gitconfig}:2`,
        `verification-off http.sslVerify=false @ ${gitconfig}:4`,
        `verification-off insecure= @ ${path.join(home, '.curlrc')}:2`,
        `verification-off secure-http=false @ ${path.join(home, '.config', 'composer', 'config.json')}:4`,
        `verification-off ssl_verify=false @ ${path.join(home, '.condarc')}:3`,
        `verification-off strict-ssl=false @ ${path.join(home, '.npmrc')}:1`,
        `verification-off strict-ssl=false @ ${path.join(project, '.yarnrc')}:4`,
        `verification-off trusted-host=pypi.org files.pythonhosted.org @ ${path.join(home, '.config', 'pip', 'pip.conf')}:2`,
      ].sort(),
    );
    // npm's cafile outranks NODE_EXTRA_CA_CERTS, the snippet's variable; pip's cert yields to PIP_CERT.
    assert.equal(found.findings.find((f) => f.setting === 'cafile')?.outranksAdvice, true);
    assert.equal(found.findings.find((f) => f.setting === 'cert')?.outranksAdvice, false);
  });

  it('names insecure variables, npm’s in any case, and git’s GIT_CONFIG_* pairs', async () => {
    const found = await scan({
      NODE_TLS_REJECT_UNAUTHORIZED: '0',
      NPM_CONFIG_STRICT_SSL: 'false',
      GIT_SSL_NO_VERIFY: '1',
      PYTHONHTTPSVERIFY: '0',
      PIP_TRUSTED_HOST: 'pypi.org',
      UV_INSECURE_HOST: 'pypi.org',
      GOINSECURE: 'example.test',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.sslVerify',
      GIT_CONFIG_VALUE_0: 'false',
    });
    const vars = found.findings.filter((f) => f.source.kind === 'env').map((f) => settingPlace(f.source));
    assert.deepEqual(vars.sort(), [
      'GIT_CONFIG_KEY_0',
      'GIT_SSL_NO_VERIFY',
      'GOINSECURE',
      'NODE_TLS_REJECT_UNAUTHORIZED',
      'NPM_CONFIG_STRICT_SSL',
      'PIP_TRUSTED_HOST',
      'PYTHONHTTPSVERIFY',
      'UV_INSECURE_HOST',
    ]);
    // Values that keep verification on are no finding.
    const on = await scan({ NODE_TLS_REJECT_UNAUTHORIZED: '1', NPM_CONFIG_STRICT_SSL: 'true', PYTHONHTTPSVERIFY: '1' });
    assert.equal(on.findings.filter((f) => f.source.kind === 'env').length, 0);
  });

  it('PIP_CONFIG_FILE=os.devnull hides every pip file, as it does for pip', async () => {
    const found = await scan({ PIP_CONFIG_FILE: os.devNull });
    assert.equal(found.findings.filter((f) => f.tools.includes('pip')).length, 0);
  });

  it('names a settings file it cannot read within its limits instead of skipping it', async () => {
    const big = path.join(root, 'big-curlrc');
    await writeFile(big, `${'#'.repeat(2 * 1024 * 1024)}\ninsecure\n`);
    const found = await scan({ CURL_HOME: root });
    await rm(big);
    assert.deepEqual(found.unread, []);
    await mkdir(path.join(root, 'c'));
    await writeFile(path.join(root, 'c', '.curlrc'), `${'#'.repeat(2 * 1024 * 1024)}\ninsecure\n`);
    const again = await scan({ CURL_HOME: path.join(root, 'c') });
    assert.deepEqual(again.unread, [{ file: path.join(root, 'c', '.curlrc'), problem: 'too-large' }]);
  });
});
