import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { installedTools } from '../../electron/core/guidance/installed-tools.js';
import { TOOL_IDS } from '../../shared/guidance/tool-types.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-installed-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('which catalogue tools are installed', () => {
  it('finds programs on PATH, and only files', async () => {
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'git'), '');
    writeFileSync(path.join(bin, 'keytool'), '');
    mkdirSync(path.join(bin, 'curl')); // a folder named like a program is not the program
    const found = await installedTools(['git', 'curl', 'java', 'go', 'jetbrains'], { PATH: `/nonexistent:${bin}` }, 'linux');
    assert.deepEqual(found, ['git', 'java']);
  });

  it('with an empty or missing PATH no tool of the catalogue is installed', async () => {
    assert.ok(TOOL_IDS.length > 0);
    assert.deepEqual(await installedTools(TOOL_IDS, { PATH: '' }, 'linux'), []);
    assert.deepEqual(await installedTools(TOOL_IDS, {}, 'linux'), []);
    assert.deepEqual(await installedTools(TOOL_IDS, { Path: '', PATHEXT: '.EXE' }, 'win32'), []);
  });

  it('each row is found by its own program', async () => {
    const bin = path.join(dir, 'one-each');
    mkdirSync(bin);
    for (const program of ['claude', 'az', 'pycharm', 'podman']) writeFileSync(path.join(bin, program), '');
    const found = await installedTools(TOOL_IDS, { PATH: bin }, 'linux');
    assert.deepEqual(found, ['azure', 'docker', 'jetbrains', 'claude-code']);
  });

  it('uses ; and PATHEXT on Windows', async () => {
    const bin = path.join(dir, 'win');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'aws.CMD'), '');
    const found = await installedTools(['aws', 'git'], { Path: `C:\\nowhere;${bin}`, PATHEXT: '.EXE;.CMD' }, 'win32');
    assert.deepEqual(found, ['aws']);
  });
});
