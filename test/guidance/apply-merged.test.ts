import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { issue } from '../lab/pki.js';
import { cli } from '../helpers/cli.js';

/**
 * apply writes the same advice as the session snippet: a CA file of the user's own that a shared variable
 * replaces is kept through the merged bundle export wrote (here the user's own PIP_CERT naming an internal root).
 */
let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-apply-merged-'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('apply keeps the user’s own roots', () => {
  it('their PIP_CERT names a file with an internal root: the profile block points PIP_CERT and REQUESTS_CA_BUNDLE at the merged bundle', async () => {
    const [corporate, internal] = await Promise.all([
      issue({ subject: 'CN=Corporate Inspection CA', ca: true }),
      issue({ subject: 'CN=Internal PKI Root', ca: true }),
    ]);
    const caFile = path.join(dir, 'from-it.pem');
    const userCa = path.join(dir, 'internal-roots.pem');
    await Promise.all([writeFile(caFile, corporate.pem), writeFile(userCa, internal.pem)]);
    const env = { HOME: dir, PATH: '/nonexistent', PIP_CONFIG_FILE: devNull, PIP_CERT: userCa };
    const out = path.join(dir, 'export');
    const exported = await cli(['export', '--json', '--from', caFile, '--no-detect', '--out', out], env);
    assert.equal(exported.code, 0, exported.stderr);
    const merged = path.join(out, 'ca-bundle-merged.pem');
    assert.equal(exported.json().merged.file, merged);
    const profile = path.join(dir, '.bashrc');
    const applied = await cli(['apply', '--dir', out, '--shell', 'bash', '--profile', profile], env);
    assert.equal(applied.code, 0, applied.stderr);
    // What a new shell gets from the profile, read back by bash itself.
    const { stdout } = await promisify(execFile)(
      'bash',
      ['--norc', '--noprofile', '-c', `. "$1"; printf '%s\\n' "$PIP_CERT" "$REQUESTS_CA_BUNDLE" "$SSL_CERT_FILE"`, 'x', profile],
      {
        env: { PATH: '/usr/bin:/bin', PIP_CERT: userCa },
      },
    );
    assert.deepEqual(stdout.trim().split('\n'), [merged, merged, path.join(out, 'ca-bundle.pem')]);
    assert.match(await readFile(merged, 'utf8'), /Internal PKI Root/);
  });
});
