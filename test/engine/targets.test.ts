import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConnectTo, resolveConnectTo } from '../../shared/connect-to.js';
import { matchesNoProxy } from '../../shared/no-proxy.js';
import { DEFAULT_TARGETS, parseTarget, parseTargetList } from '../../shared/targets.js';
import { parseProxyUrl } from '../../electron/core/proxy/proxy-url.js';
import { parseProxyChoice, proxyForTarget } from '../../electron/core/proxy/select.js';

describe('targets', () => {
  it('parses host, host:port and bracketed IPv6', () => {
    assert.deepEqual(parseTarget('Example.COM'), { ok: true, value: { host: 'example.com', port: 443 } });
    assert.deepEqual(parseTarget('example.com:8443'), { ok: true, value: { host: 'example.com', port: 8443 } });
    assert.deepEqual(parseTarget('[::1]:8443'), { ok: true, value: { host: '::1', port: 8443 } });
    assert.equal(parseTarget('::1').ok, false);
    assert.equal(parseTarget('-bad.example').ok, false);
    assert.equal(parseTarget('a.example:0').ok, false);
  });
  it('de-duplicates a list', () => {
    const list = parseTargetList('a.example, a.example:443 ,b.example');
    assert.ok(list.ok);
    assert.deepEqual(
      list.value.map((t) => t.host),
      ['a.example', 'b.example'],
    );
  });
  it('the default list has at least 8 sites from different CA families', () => {
    assert.ok(DEFAULT_TARGETS.length >= 8);
    assert.ok(new Set(DEFAULT_TARGETS.map((t) => t.caFamily.split(' ')[0])).size >= 7);
  });
});

describe('--connect-to', () => {
  it('parses curl syntax, including empty fields and IPv6', () => {
    const parsed = parseConnectTo('a.example:443:[::1]:8443');
    assert.deepEqual(parsed, { ok: true, value: { host: 'a.example', port: 443, addr: '::1', addrPort: 8443 } });
    const any = parseConnectTo('::127.0.0.1:9000');
    assert.ok(any.ok);
    assert.deepEqual(resolveConnectTo({ host: 'x.example', port: 1 }, [any.value]), { host: '127.0.0.1', port: 9000 });
  });
  it('only maps the matching host and port', () => {
    const m = parseConnectTo('a.example:443:127.0.0.1:9000');
    assert.ok(m.ok);
    assert.deepEqual(resolveConnectTo({ host: 'a.example', port: 8443 }, [m.value]), { host: 'a.example', port: 8443 });
    assert.deepEqual(resolveConnectTo({ host: 'b.example', port: 443 }, [m.value]), { host: 'b.example', port: 443 });
  });
});

describe('NO_PROXY (curl semantics)', () => {
  const cases: [string, number, string, boolean][] = [
    ['a.example', 443, '*', true],
    ['a.example', 443, 'a.example', true],
    ['sub.a.example', 443, 'a.example', true],
    ['sub.a.example', 443, '.a.example', true],
    ['sub.a.example', 443, '*.a.example', true],
    ['nota.example', 443, 'a.example', false],
    ['a.example', 443, 'a.example:8443', false],
    ['a.example', 8443, 'a.example:8443', true],
    ['10.1.2.3', 443, 'intranet, 10.1.2.3', true],
    ['::1', 443, '::1', true],
    ['a.example', 443, '', false],
  ];
  for (const [host, port, value, expected] of cases) {
    it(`${host}:${port} with NO_PROXY="${value}" → ${expected ? 'direct' : 'proxy'}`, () =>
      assert.equal(matchesNoProxy(host, port, value), expected));
  }
});

describe('proxy URLs', () => {
  it('decodes credentials and redacts them', () => {
    const spec = parseProxyUrl('http://us%40er:p%3Ass@proxy.example:3128');
    assert.ok(spec.ok);
    assert.deepEqual(spec.value.auth, { user: 'us@er', password: 'p:ss' });
    assert.equal(spec.value.redactedUrl, 'http://proxy.example:3128');
  });
  it('defaults to port 80 and rejects other schemes or paths', () => {
    const spec = parseProxyUrl('proxy.example');
    assert.ok(spec.ok);
    assert.equal(spec.value.port, 80);
    assert.equal(spec.value.scheme, 'http');
    const ftp = parseProxyUrl('ftp://u:secret@proxy.example');
    assert.ok(!ftp.ok);
    assert.match(ftp.error.message, /scheme "ftp" is not supported/);
    assert.ok(!ftp.error.message.includes('secret'));
    assert.equal(parseProxyUrl('http://proxy.example/path').ok, false);
  });
  it('takes https:// and the SOCKS schemes, each with its default port, and refuses a SOCKS 4 password and the ambiguous socks://', () => {
    for (const [url, scheme, port] of [
      ['https://proxy.example', 'https', 443],
      ['HTTPS://proxy.example:8443', 'https', 8443],
      ['socks5://proxy.example', 'socks5', 1080],
      ['socks5h://u%40x:p%3Aw@[::1]:9050', 'socks5h', 9050],
      ['socks4://proxy.example:1081', 'socks4', 1081],
      ['socks4a://user@proxy.example', 'socks4a', 1080],
    ] as const) {
      const spec = parseProxyUrl(url);
      assert.ok(spec.ok, url);
      assert.equal(spec.value.scheme, scheme, url);
      assert.equal(spec.value.port, port, url);
      assert.equal(
        spec.value.redactedUrl,
        `${scheme}://${spec.value.host.includes(':') ? `[${spec.value.host}]` : spec.value.host}:${port}`,
      );
    }
    assert.deepEqual(parseProxyUrl('socks5h://u%40x:p%3Aw@[::1]:9050'), {
      ok: true,
      value: { scheme: 'socks5h', host: '::1', port: 9050, auth: { user: 'u@x', password: 'p:w' }, redactedUrl: 'socks5h://[::1]:9050' },
    });
    const ambiguous = parseProxyUrl('socks://proxy.example');
    assert.ok(!ambiguous.ok);
    assert.match(ambiguous.error.message, /write socks4:\/\/ or socks5h:\/\//);
    const v4 = parseProxyUrl('socks4://user:secret@proxy.example');
    assert.ok(!v4.ok);
    assert.match(v4.error.message, /SOCKS 4 has no password/);
    assert.ok(!v4.error.message.includes('secret'));
  });
  it('reads https_proxy before HTTPS_PROXY, then ALL_PROXY, honouring NO_PROXY', async () => {
    const env = { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2', NO_PROXY: 'skip.example' };
    const choice = parseProxyChoice(undefined);
    assert.ok(choice.ok);
    const picked = await proxyForTarget(choice.value, { host: 'a.example', port: 443 }, { env });
    assert.ok(picked.ok && picked.value?.host === 'lower');
    const skipped = await proxyForTarget(choice.value, { host: 'skip.example', port: 443 }, { env });
    assert.ok(skipped.ok && skipped.value === null);
    const all = await proxyForTarget(choice.value, { host: 'a.example', port: 443 }, { env: { ALL_PROXY: 'http://all:3' } });
    assert.ok(all.ok && all.value?.host === 'all');
    const direct = parseProxyChoice('direct');
    assert.ok(direct.ok);
    const none = await proxyForTarget(direct.value, { host: 'a.example', port: 443 }, { env });
    assert.ok(none.ok && none.value === null);
  });
});
