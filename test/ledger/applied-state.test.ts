import assert from 'node:assert/strict';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issue } from '../lab/pki.js';
import { cli } from '../helpers/cli.js';
import { appliedState } from '../../electron/core/verify/applied-state.js';

/**
 * What `verify --prove applied` proves, read from the ledger (applied-state.ts): the profile block's
 * variables as bash would set them, environment.d's, the rows whose own file apply set; changes whose
 * files are gone since are no applied state (a ledger may outlive the files it names).
 */
let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-applied-state-'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('the applied state', () => {
  it('block, environment.d and npm applied; files removed one by one until nothing is in effect', async () => {
    const home = path.join(dir, 'home');
    const ca = await issue({ subject: 'CN=Corporate Inspection CA', ca: true });
    const caFile = path.join(dir, 'from-it.pem');
    await writeFile(caFile, ca.pem);
    const env = { HOME: home, PATH: '/nonexistent', PIP_CONFIG_FILE: devNull, GODEBUG: 'http2client=0' };
    const out = path.join(dir, "it's export");
    const run = async (...args: string[]) => {
      const done = await cli(args, env, undefined, 'linux');
      assert.equal(done.code, 0, done.stderr + done.stdout);
    };
    await run('export', '--json', '--from', caFile, '--no-detect', '--out', out);
    // An export alone is no applied state.
    assert.equal(await appliedState(env), null);
    const profile = path.join(home, '.bashrc');
    await run('apply', '--dir', out, '--shell', 'bash', '--profile', profile);
    await run('apply', '--dir', out, '--tool', 'npm', '--tool', 'environment.d');
    const state = (await appliedState(env))!;
    const bundle = path.join(out, 'ca-bundle.pem');
    assert.equal(state.vars.NODE_EXTRA_CA_CERTS, path.join(out, 'corporate-ca.pem'));
    assert.equal(state.vars.CURL_CA_BUNDLE, bundle);
    // GODEBUG as a shell gets it: environment.d's value first, then the block appends to it only when missing.
    assert.equal(state.vars.GODEBUG, 'x509sslcertoverrideplatform=0');
    assert.deepEqual([...state.fileRows], [['npm', path.join(home, '.npmrc')]]);
    assert.deepEqual(state.applied.map((a) => a.tool).sort(), ['environment.d', 'npm', 'shell']);
    assert.deepEqual(state.unread, []);

    await unlink(profile);
    await unlink(path.join(home, '.config', 'environment.d', '60-ca-bridge.conf'));
    const npmOnly = (await appliedState(env))!;
    assert.deepEqual(npmOnly.vars, {});
    assert.deepEqual(
      npmOnly.applied.map((a) => a.tool),
      ['npm'],
    );
    await unlink(path.join(home, '.npmrc'));
    assert.equal(await appliedState(env), null);
  });
});
