import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { installedTools } from '../../electron/core/guidance/installed-tools.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-installed-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('which catalogue tools are installed', () => {
  it('finds programs on PATH; a tool the engine cannot look for counts as present', async () => {
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'git'), '');
    writeFileSync(path.join(bin, 'keytool'), '');
    mkdirSync(path.join(bin, 'curl')); // a folder named like a program is not the program
    const found = await installedTools(['git', 'curl', 'java', 'go', 'not-in-the-table'], { PATH: `/nonexistent:${bin}` }, 'linux');
    assert.deepEqual(found, ['git', 'java', 'not-in-the-table']);
  });

  it('uses ; and PATHEXT on Windows', async () => {
    const bin = path.join(dir, 'win');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'aws.CMD'), '');
    const found = await installedTools(['aws', 'git'], { Path: `C:\\nowhere;${bin}`, PATHEXT: '.EXE;.CMD' }, 'win32');
    assert.deepEqual(found, ['aws']);
  });
});
