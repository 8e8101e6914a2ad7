/**
 * The credential policy's two decisions, on the code every CONNECT uses (ConnectAuth): which proxy gets
 * the credentials, and in which scheme. A proxy offering Negotiate and Basic never gets the password as
 * Basic, even when there is no Kerberos ticket (this machine has none: KRB5CCNAME points nowhere).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChallenges } from '../../electron/core/proxy/auth/challenges.js';
import { ConnectAuth } from '../../electron/core/proxy/auth/connect-auth.js';
import { ProxyAuthFailure } from '../../electron/core/proxy/auth/failure.js';
import { applyCredentialPolicy, credentialScheme, credentialUses } from '../../electron/core/proxy/credential-policy.js';
import { parseProxyUrl, type ProxySpec } from '../../electron/core/proxy/proxy-url.js';

const credentials = { user: 'CORP\\alice', password: 'pw' };
const spec = (url = 'http://proxy.corp.test:8080'): ProxySpec => {
  const parsed = parseProxyUrl(url);
  assert.ok(parsed.ok);
  return parsed.value;
};

describe('which proxy receives the credentials', () => {
  it('named, PAC-chosen (named or OS-configured), OS and environment proxies: yes; WPAD or unknown origin: only when confirmed', () => {
    for (const origin of ['named', 'named-pac', 'system', 'system-pac', 'environment'] as const)
      assert.deepEqual(applyCredentialPolicy(spec(), credentials, origin).auth, credentials, origin);
    for (const origin of ['wpad', 'unknown-pac'] as const) {
      const held = applyCredentialPolicy(spec(), credentials, origin);
      assert.equal(held.auth, null);
      assert.equal(held.held, origin);
      assert.deepEqual(applyCredentialPolicy(spec(), credentials, origin, ['proxy.corp.test:8080']).auth, credentials);
      assert.deepEqual(applyCredentialPolicy(spec(), credentials, origin, ['PROXY.corp.test']).auth, credentials, 'a bare host name');
      assert.equal(applyCredentialPolicy(spec(), credentials, origin, ['proxy.corp.test:3128']).auth, null, 'another port');
      assert.equal(applyCredentialPolicy(spec(), credentials, origin, ['evil.test']).auth, null);
    }
  });
});

describe('in which scheme', () => {
  it('NTLM first, then Negotiate, Basic only when neither is offered', () => {
    assert.equal(credentialScheme(['Basic', 'NTLM'], true), 'NTLM');
    assert.equal(credentialScheme(['Negotiate', 'Basic'], true), 'Negotiate');
    assert.equal(credentialScheme(['Basic'], true), 'Basic');
    assert.equal(credentialScheme(['Basic', 'NTLM'], true, ['Basic']), null, 'a client without NTLM gets nothing, not Basic');
    assert.equal(credentialScheme(['Basic'], false), null);
  });

  it('a proxy offering Negotiate and Basic, with credentials and no Kerberos ticket: no Basic header, a failure saying why', async () => {
    const proxy = { ...spec(), auth: credentials };
    const previous = process.env.KRB5CCNAME;
    process.env.KRB5CCNAME = 'FILE:/nonexistent/ca-bridge-test-ccache';
    try {
      const auth = new ConnectAuth(proxy, 'proxy proxy.corp.test:8080', new AbortController().signal);
      const answer = await auth.next(parseChallenges(['Negotiate', 'Basic realm="corp"']));
      auth.dispose();
      assert.ok(answer instanceof ProxyAuthFailure, `answered ${JSON.stringify(answer)}`);
      assert.match(answer.message, /never sends your password as Basic to a proxy that offers Kerberos/);
      assert.deepEqual(credentialUses([proxy]), [], 'nothing was sent');
    } finally {
      if (previous === undefined) delete process.env.KRB5CCNAME;
      else process.env.KRB5CCNAME = previous;
    }
  });

  it('Basic to a plain-http proxy is recorded as sent in clear; to an https:// proxy not', async () => {
    for (const [url, cleartext] of [
      ['http://basic.corp.test:8080', true],
      ['https://basic.corp.test:8443', false],
    ] as const) {
      const proxy = { ...spec(url), auth: credentials };
      const auth = new ConnectAuth(proxy, 'proxy', new AbortController().signal);
      const answer = await auth.next(parseChallenges(['Basic realm="corp"']));
      assert.ok(!(answer instanceof ProxyAuthFailure) && answer.header.startsWith('Basic '));
      assert.deepEqual(
        credentialUses([proxy]).map((u) => [u.status, u.scheme, u.cleartext]),
        [['sent', 'Basic', cleartext]],
      );
    }
  });
});
