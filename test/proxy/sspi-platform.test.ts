/**
 * Windows single sign-on must not change anything elsewhere: off Windows, a 407 asking for NTLM or
 * Negotiate is answered exactly as before, and no native FFI module is loaded for it.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { parseChallenges } from '../../electron/core/proxy/auth/challenges.js';
import { ConnectAuth } from '../../electron/core/proxy/auth/connect-auth.js';
import { ProxyAuthFailure } from '../../electron/core/proxy/auth/failure.js';
import { sspiUnavailable, sspiUser } from '../../electron/core/proxy/auth/sspi.js';

const require = createRequire(import.meta.url);
const koffiLoaded = () => Object.keys(require.cache).some((file) => /[\\/]node_modules[\\/]koffi[\\/]/.test(file));
const proxy = { scheme: 'http' as const, host: '127.0.0.1', port: 3128, redactedUrl: 'http://127.0.0.1:3128' };

describe('SSPI off Windows', { skip: process.platform === 'win32' ? 'this is Windows' : false }, () => {
  it('an NTLM proxy without credentials: the same no-credentials failure as before, nothing sent, koffi not loaded', async () => {
    const auth = new ConnectAuth({ ...proxy, auth: null }, 'proxy 127.0.0.1:3128', new AbortController().signal);
    const answer = await auth.next(parseChallenges(['NTLM', 'Basic realm="corp"']));
    auth.dispose();
    assert.ok(answer instanceof ProxyAuthFailure);
    assert.deepEqual(answer.info, { offered: ['NTLM', 'Basic'], tried: null, problem: 'no-credentials' });
    assert.equal(koffiLoaded(), false);
  });

  it('explicit credentials: the JavaScript NTLM negotiate message, as before', async () => {
    const auth = new ConnectAuth({ ...proxy, auth: { user: 'CORP\\alice', password: 'pw' } }, 'proxy', new AbortController().signal);
    const answer = await auth.next(parseChallenges(['Negotiate', 'NTLM']));
    auth.dispose();
    assert.ok(!(answer instanceof ProxyAuthFailure));
    assert.match(answer.header, /^NTLM TlRMTVNTUAAB/);
    assert.equal(answer.needsSameConnection, false);
    assert.equal(koffiLoaded(), false);
  });

  it('says why SSPI is unavailable', () => {
    assert.match(sspiUnavailable()!, /only on Windows/);
    assert.equal(koffiLoaded(), false);
  });
});

describe('the SSPI identity from --proxy-user', () => {
  it('DOMAIN\\user and user@REALM both become user and domain; a bare name has no domain', () => {
    assert.deepEqual(sspiUser('CORP\\alice'), { domain: 'CORP', username: 'alice' });
    assert.deepEqual(sspiUser('bob@LAB.TEST'), { domain: 'LAB.TEST', username: 'bob' });
    assert.deepEqual(sspiUser('a@b@CORP.EXAMPLE'), { domain: 'CORP.EXAMPLE', username: 'a@b' });
    assert.deepEqual(sspiUser('carol'), { domain: '', username: 'carol' });
    assert.deepEqual(sspiUser('dave@'), { domain: '', username: 'dave@' });
  });
});
