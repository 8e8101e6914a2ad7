/**
 * Folders apply creates for a new profile (fish's ~/.config/fish/conf.d) are recorded in the opening
 * marker (`folders-N`) and removed by revert while empty, so apply then revert leaves the home exactly
 * as it was. Before, the folders stayed behind. A folder the user has put something in since is kept.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { profileLab } from './profile-setup.js';

const { lab, file, apply, revert } = profileLab('folders');

/** Every path below `dir`, relative, sorted: the whole tree, to compare before and after. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

describe('folders apply created', () => {
  it('fish in a fresh home: apply records the folders it made, revert leaves the home as it was but for the ledger', async () => {
    const home = file('fresh-home');
    await mkdir(home);
    const before = await tree(home);
    const run = (args: string[]) => cli([...args, '--shell', 'fish'], { HOME: home });
    const applied = await run(['apply', '--dir', lab.exportDir]);
    assert.equal(applied.code, 0, applied.stderr);
    const profile = path.join(home, '.config', 'fish', 'conf.d', 'ca-bridge.fish');
    // The ledger (~/.config/ca-bridge/ledger.json) is written first, so ~/.config is CA Bridge's state folder's
    // parent, not the profile's: the profile made fish and conf.d.
    assert.match(await readFile(profile, 'utf8'), /^# >>> ca-bridge >>> \[created folders-2\]\n/);
    const reverted = await run(['revert']);
    assert.equal(reverted.code, 0, reverted.stderr);
    // Everything apply made for the profile is gone; CA Bridge's own state (the ledger, its history) stays.
    const left = (await tree(home)).filter((p) => p !== '.config' && !p.startsWith(path.join('.config', 'ca-bridge')));
    assert.deepEqual(left, before);
  });

  it('only the folders apply made go: an existing parent stays', async () => {
    await mkdir(file('has-config/.config'), { recursive: true });
    await writeFile(file('has-config/.config/other.conf'), 'mine\n');
    const profile = file('has-config/.config/fish/conf.d/ca-bridge.fish');
    assert.equal((await apply(profile, 'fish')).code, 0);
    assert.match(await readFile(profile, 'utf8'), /\[created folders-2\]/);
    assert.equal((await revert(profile, 'fish')).code, 0);
    assert.deepEqual(await tree(file('has-config')), ['.config', '.config/other.conf']);
  });

  it('a folder the user put something in since is kept, with what they put there', async () => {
    const profile = file('used/conf.d/ca-bridge.fish');
    assert.equal((await apply(profile, 'fish')).code, 0);
    await writeFile(file('used/conf.d/mine.fish'), 'set -x EDITOR vim\n');
    const reverted = await revert(profile, 'fish');
    assert.equal(reverted.code, 0, reverted.stderr);
    assert.equal(await exists(profile), false);
    assert.equal(await readFile(file('used/conf.d/mine.fish'), 'utf8'), 'set -x EDITOR vim\n');
  });

  it('a dry run creates no folder', async () => {
    const profile = file('dry/conf.d/ca-bridge.fish');
    const run = await cli(['apply', '--dir', lab.exportDir, '--shell', 'fish', '--profile', profile, '--dry-run'], { HOME: lab.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\[created folders-2\]/);
    assert.equal(await exists(file('dry')), false);
  });

  it('a hand-edited count beyond the limit is not trusted: no folder is removed', async () => {
    await mkdir(file('edited/a/b'), { recursive: true });
    const profile = file('edited/a/b/ca-bridge.fish');
    await writeFile(profile, '# >>> ca-bridge >>> [created folders-99]\nset -gx X 1\n# <<< ca-bridge <<<\n');
    assert.equal((await revert(profile, 'fish')).code, 0);
    assert.equal(await exists(profile), false);
    assert.equal(await exists(file('edited/a/b')), true);
  });
});
