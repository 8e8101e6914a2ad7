/** The PAC address as shown to the user: never its credentials or query (a query may carry a token). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pacLabel } from '../../electron/core/proxy/pac/fetch-pac.js';

describe('pacLabel', () => {
  it('drops credentials, query and fragment from http(s) addresses', () => {
    assert.equal(
      pacLabel(new URL('https://u:secret@pac.corp.example:8443/proxy.pac?token=abc#x')),
      'https://pac.corp.example:8443/proxy.pac',
    );
  });
  it('drops the query and fragment from file addresses too, keeping a UNC host', () => {
    assert.equal(pacLabel(new URL('file:///etc/proxy.pac?token=abc#x')), 'file:///etc/proxy.pac');
    assert.equal(pacLabel(new URL('file://server/share/proxy.pac?token=abc')), 'file://server/share/proxy.pac');
  });
});
