import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { advicePath } from '../advice/real-tools/advice-path.js';
import { isolatedEnv } from '../helpers/isolated-env.js';

/**
 * The shared "isolated from this machine's config" environment, proven with the real tools: a machine of
 * the test's own (a global pip.conf (its [install] section: this machine's /etc/pip.conf, read after it, sets [global]), an npm prefix with etc/npmrc, a system gitconfig, each naming a CA file)
 * is read by pip, npm and Git as the user has them, and by none of them inside isolatedEnv.
 */
const run = promisify(execFile);
let root: string;
let home: string;
let machine: NodeJS.ProcessEnv;
const CA = '/machine/corporate-ca.pem';

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ca-bridge-isolated-'));
  home = path.join(root, 'home');
  await mkdir(home);
  const etc = path.join(root, 'etc');
  await mkdir(path.join(etc, 'pip'), { recursive: true });
  await writeFile(path.join(etc, 'pip', 'pip.conf'), `[install]\ncert = ${CA}\n`);
  await writeFile(path.join(etc, 'npmrc'), `cafile=${CA}\n`);
  await writeFile(path.join(etc, 'gitconfig'), `[http]\n\tsslCAInfo = ${CA}\n`);
  // Where each tool looks for the machine's level: pip's XDG_CONFIG_DIRS, npm's PREFIX/etc/npmrc, Git's system file.
  machine = { XDG_CONFIG_DIRS: etc, NPM_CONFIG_PREFIX: root, GIT_CONFIG_SYSTEM: path.join(etc, 'gitconfig') };
});
after(() => rm(root, { recursive: true, force: true }));

async function seen(env: NodeJS.ProcessEnv) {
  const opts = { env: { ...env, PATH: advicePath() }, cwd: home, timeout: 120_000 };
  const [pip, npm, git] = await Promise.all([
    run('pip', ['config', 'list'], opts),
    run('npm', ['config', 'get', 'cafile'], opts),
    run('git', ['config', '--get', 'http.sslCAInfo'], opts).catch(() => ({ stdout: '' })),
  ]);
  return { pip: pip.stdout.includes(CA), npm: npm.stdout.trim() === CA, git: git.stdout.trim() === CA };
}

describe('isolatedEnv keeps the machine’s own config out', () => {
  it('pip, npm and Git read the machine’s files as a user has them', async () => {
    assert.deepEqual(await seen({ HOME: home, ...machine }), { pip: true, npm: true, git: true });
  });

  it('and none of them inside isolatedEnv', async () => {
    assert.deepEqual(await seen(isolatedEnv(home, machine)), { pip: false, npm: false, git: false });
  });
});
