import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { cli } from '../helpers/cli.js';

/** A scratch HOME with an export folder, and apply/revert runs of the CLI against a profile in it. */
export function profileLab(prefix: string) {
  const lab = { dir: '', exportDir: '' };
  before(async () => {
    lab.dir = await mkdtemp(path.join(tmpdir(), `ca-bridge-${prefix}-`));
    lab.exportDir = path.join(lab.dir, 'export');
    await mkdir(lab.exportDir);
    for (const f of ['corporate-ca.pem', 'ca-bundle.pem', 'corporate-ca.crt']) await writeFile(path.join(lab.exportDir, f), 'x');
  });
  after(() => rm(lab.dir, { recursive: true, force: true }));
  return {
    lab,
    file: (name: string) => path.join(lab.dir, name),
    apply: (profile: string, shell = 'bash') =>
      cli(['apply', '--dir', lab.exportDir, '--shell', shell, '--profile', profile], { HOME: lab.dir }),
    revert: (profile: string, shell = 'bash') => cli(['revert', '--shell', shell, '--profile', profile], { HOME: lab.dir }),
    /** Everything apply left beside a profile besides the profile itself: backups, locks, temp files. */
    leftovers: async (profile: string) =>
      (await readdir(path.dirname(profile))).filter(
        (f) => f.startsWith(path.basename(profile) + '.') || f.startsWith(`.${path.basename(profile)}.`),
      ),
  };
}
