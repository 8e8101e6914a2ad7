import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { wildmatch } from '../../electron/core/settings/git-includes.js';
import { scanSettings } from '../../electron/core/settings/index.js';
import { lineFinder } from '../../electron/core/settings/settings-lines.js';

/**
 * Hostile settings files: the scan runs under verify, doctor, snippets and status, so a config that
 * includes itself, a pathological includeIf pattern, a FIFO where `.git` should be or a huge JSON file
 * must end in a bounded, honest answer. Outcomes are asserted, never durations.
 */
let root: string;
let n = 0;

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ca-bridge-scan-hostile-'));
});
after(() => rm(root, { recursive: true, force: true }));

/** A fresh HOME and project folder, isolated from the machine's own settings. */
async function place() {
  const dir = path.join(root, String(n++));
  const home = path.join(dir, 'home');
  const project = path.join(dir, 'project');
  await Promise.all([mkdir(home, { recursive: true }), mkdir(project, { recursive: true })]);
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    NPM_CONFIG_GLOBALCONFIG: path.join(dir, 'absent-npmrc'),
    XDG_CONFIG_DIRS: path.join(dir, 'absent'),
    GIT_CONFIG_NOSYSTEM: '1',
  };
  return { home, project, scan: () => scanSettings({ env, cwd: project, platform: process.platform }) };
}

describe('settings scanner on hostile input', () => {
  it('reads a git config that includes itself once, with one finding per setting', async () => {
    const { home, scan } = await place();
    const self = path.join(home, '.gitconfig');
    await writeFile(self, `[http]\n\tsslVerify = false\n[include]\n\tpath = ${self}\n\tpath = ~/.gitconfig\n\tpath = ./.gitconfig\n`);
    const found = await scan();
    const git = found.findings.filter((f) => f.setting === 'http.sslVerify');
    assert.equal(git.length, 1);
  });

  it('caps the number of files followed through includes', async () => {
    const { home, scan } = await place();
    // A chain fanning out: each file includes many distinct others.
    const names = Array.from({ length: 120 }, (_, i) => path.join(home, `inc${i}`));
    await Promise.all(
      names.map((f, i) =>
        writeFile(
          f,
          names
            .slice(i + 1, i + 20)
            .map((p) => `[include]\n\tpath = ${p}\n`)
            .join(''),
        ),
      ),
    );
    await writeFile(
      path.join(home, '.gitconfig'),
      names
        .slice(0, 60)
        .map((p) => `[include]\n\tpath = ${p}\n`)
        .join(''),
    );
    const found = await scan();
    assert.ok(found.unread.some((u) => u.problem === 'too-large'));
  });

  it('matches includeIf patterns as git does, without backtracking', () => {
    const yes: [string, string][] = [
      ['**/work/**', '/home/u/work/a/.git'],
      ['/home/*/work/', '/home/u/work/'],
      ['/home/u/**/.git', '/home/u/.git'],
      ['/home/u/**/.git', '/home/u/a/b/.git'],
      ['/home/[a-v]/x', '/home/u/x'],
      ['/home/[!a]/x', '/home/u/x'],
      ['/h?me/u', '/home/u'],
    ];
    const no: [string, string][] = [
      ['/home/*/x', '/home/u/v/x'],
      ['/home/[!u]/x', '/home/u/x'],
      ['/home/[z-a]/x', '/home/u/x'],
      ['/h?me/u', '/h/me/u'],
      ['/home/u/**/.git', '/home/u/a.git'],
    ];
    for (const [p, t] of yes) assert.equal(wildmatch(p, t, false), true, `${p} ~ ${t}`);
    for (const [p, t] of no) assert.equal(wildmatch(p, t, false), false, `${p} !~ ${t}`);
    assert.equal(wildmatch('/HOME/U/**', '/home/u/x', true), true);
    // Many globstars against a long path that almost matches: answered (false), not hung.
    const text = `/${'a/'.repeat(400)}b`;
    assert.equal(wildmatch(`${'**/a*'.repeat(30)}/c`, text, false), false);
  });

  it('takes a pathological or invalid includeIf gitdir pattern as a condition, never an error', async () => {
    const { home, project } = await place();
    await mkdir(path.join(project, '.git'));
    const deep = path.join(project, ...Array.from({ length: 30 }, () => 'aaaaaaaa'));
    await mkdir(deep, { recursive: true });
    await writeFile(path.join(home, 'inc'), '[http]\n\tsslVerify = false\n');
    const cond = (c: string) => `[includeIf "gitdir:${c}"]\n\tpath = ~/inc\n`;
    await writeFile(
      path.join(home, '.gitconfig'),
      cond(`${'**/'.repeat(8)}x/`) + cond('[z-a]/') + cond(`${'*a'.repeat(40)}b/`) + cond(`/${'a'.repeat(5000)}/`),
    );
    const found = await scanSettings({
      env: { HOME: home, GIT_CONFIG_NOSYSTEM: '1', NPM_CONFIG_GLOBALCONFIG: path.join(home, 'absent') },
      cwd: deep,
      platform: process.platform,
    });
    assert.equal(found.findings.filter((f) => f.setting === 'http.sslVerify').length, 0);
    assert.ok(found.unread.some((u) => u.file === path.join(home, '.gitconfig') && u.problem === 'too-large'));
  });

  it('is not held by a FIFO where git keeps .git, HEAD or commondir', { skip: process.platform === 'win32' }, async () => {
    const { home, project, scan } = await place();
    execFileSync('mkfifo', [path.join(project, '.git')]);
    await writeFile(path.join(home, '.gitconfig'), '[http]\n\tsslVerify = false\n');
    const found = await scan();
    assert.equal(found.findings.filter((f) => f.setting === 'http.sslVerify').length, 1);
    const other = await place();
    await mkdir(path.join(other.project, '.git'));
    execFileSync('mkfifo', [path.join(other.project, '.git', 'HEAD')]);
    execFileSync('mkfifo', [path.join(other.project, '.git', 'commondir')]);
    await writeFile(path.join(other.home, '.gitconfig'), '[includeIf "onbranch:main"]\n\tpath = ~/inc\n');
    await writeFile(path.join(other.home, 'inc'), '[http]\n\tsslVerify = false\n');
    const otherFound = await other.scan();
    assert.equal(otherFound.findings.filter((f) => f.setting === 'http.sslVerify').length, 0);
  });

  it('finds each line of a large JSON settings file from offsets computed once', async () => {
    const text = 'a\nbb\n\nccc';
    const lineAt = lineFinder(text);
    assert.deepEqual(
      [...text].map((_, i) => lineAt(i)),
      [...text].map((_, i) => text.slice(0, i).split('\n').length),
    );
    // A composer.json near the 1 MiB read bound with 20k properties: every property's line, right.
    const { project, scan } = await place();
    const props = Array.from({ length: 20_000 }, (_, i) => `    "k${i}": ${i}`);
    props.push('    "disable-tls": true');
    await writeFile(path.join(project, 'composer.json'), `{\n  "config": {\n${props.join(',\n')}\n  }\n}\n`);
    const found = await scan();
    const tls = found.findings.filter((f) => f.setting === 'disable-tls');
    assert.equal(tls.length, 1);
    assert.equal(tls[0]!.source.kind === 'file' && tls[0]!.source.line, 20_003);
  });
});
