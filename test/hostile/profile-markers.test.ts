import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { profileLab } from './profile-setup.js';

const { file, apply, revert, leftovers } = profileLab('markers');

/** Each shape must be refused by apply and by revert with exit 2, the lines named, and not one byte changed. */
const shapes: { label: string; text: string; lines: RegExp }[] = [
  {
    label: 'half a block pasted: a begin marker without its end',
    text: 'export A=1\n# >>> ca-bridge >>>\nexport NODE_EXTRA_CA_CERTS=/x.pem\nalias ll="ls -l"\nexport EDITOR=vim\n',
    lines: /line 2 opens a block that is never closed/,
  },
  {
    label: 'a block duplicated by hand',
    text: '# >>> ca-bridge >>>\nexport SSL_CERT_FILE=/old.pem\n# <<< ca-bridge <<<\nalias gs="git status"\n# >>> ca-bridge >>>\nexport SSL_CERT_FILE=/older.pem\n# <<< ca-bridge <<<\n',
    lines: /2 blocks \(lines 1-3, lines 5-7\)/,
  },
  {
    label: 'an end marker without a begin',
    text: 'export A=1\n# <<< ca-bridge <<<\nexport B=2\n',
    lines: /line 2 closes a block that was never opened/,
  },
  {
    label: 'user text glued onto the end marker',
    text: '# >>> ca-bridge >>>\nexport X=1\n# <<< ca-bridge <<<alias gs="git status"\n',
    lines: /line 3 holds other text/,
  },
];

describe('profiles whose ca-bridge markers are not one well-formed block are refused, untouched', () => {
  for (const { label, text, lines } of shapes) {
    it(label, async () => {
      const profile = file(label.replace(/\W+/g, '-'));
      await writeFile(profile, text);
      for (const run of [await apply(profile), await revert(profile)]) {
        assert.equal(run.code, 2, run.stdout + run.stderr);
        assert.match(run.stderr, /markers are not one complete block/);
        assert.match(run.stderr, lines);
        assert.match(run.stderr, /Fix the file by hand/);
        assert.deepEqual(await readFile(profile), Buffer.from(text), 'not one byte changed');
      }
      assert.deepEqual(await leftovers(profile), [], 'no backup, lock or temp file left');
    });
  }
});

describe('a profile of thousands of markers', () => {
  it('is refused with a message of a few lines: the first problems named, the rest counted', async () => {
    const profile = file('many-markers');
    const text = '# >>> ca-bridge >>>\n# <<< ca-bridge <<<\n'.repeat(50_000) + '# >>> ca-bridge >>>\n'.repeat(50_000);
    await writeFile(profile, text);
    for (const run of [await apply(profile), await revert(profile)]) {
      assert.equal(run.code, 2, run.stdout.slice(0, 500));
      // Every marker used to be listed: about 3 MB of message for this file.
      assert.ok(run.stderr.length < 2000, `${run.stderr.length} characters of message`);
      assert.match(run.stderr, /line 100001 opens a block that is never closed.*and 49996 more/);
      assert.match(run.stderr, /there are 50000 blocks \(lines 1-2, lines 3-4, lines 5-6, lines 7-8, lines 9-10 and 49995 more\)/);
      assert.deepEqual(await readFile(profile), Buffer.from(text), 'not one byte changed');
    }
    assert.deepEqual(await leftovers(profile), []);
  });
});
