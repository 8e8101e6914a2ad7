/**
 * The `npm start` download classifier, fed with what the real installer code path produced through the
 * lab's inspecting proxy (test/fixtures/electron-download, written by capture.ts there).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
// @ts-expect-error build scripts in plain JavaScript, without type declarations
import { certificateAdvice, failureKind, otherAdvice, rootCause } from '../../build/electron-download-advice.mjs';
// @ts-expect-error build scripts in plain JavaScript, without type declarations
import { causeChain } from '../../build/electron-fetch.mjs';
import { cliJa } from '../../shared/i18n/cli-ja.js';
import { latinSentences } from '../helpers/latin.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/electron-download');
const chainOf = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')).chain;
const text = (lines: string[]) => lines.join('\n');

describe('npm start where Electron cannot be downloaded (real installer failures)', () => {
  it("the installer itself prints only 'TypeError: fetch failed': the reason is in the cause, which it leaves out", () => {
    const stderr = readFileSync(path.join(FIXTURES, 'install-js-inspected.stderr.txt'), 'utf8');
    assert.match(stderr, /^TypeError: fetch failed/);
    assert.doesNotMatch(stderr, /certificate|UNABLE_TO/i);
  });

  it('reads the certificate error from the cause chain and blames inspection, with the fixes, never disabling verification', () => {
    const chain = chainOf('inspected');
    assert.equal(failureKind(chain), 'certificate');
    assert.equal(rootCause(chain), 'UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate');
    const advice = text(certificateAdvice(chain, null));
    assert.match(advice, /not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
    assert.match(advice, /inspects TLS/);
    assert.match(advice, /NODE_OPTIONS=--use-system-ca/);
    assert.match(advice, /NODE_EXTRA_CA_CERTS=/);
    assert.match(advice, /CA_BRIDGE_TRUST_OS_CA=1/);
    assert.doesNotMatch(advice, /NODE_TLS_REJECT_UNAUTHORIZED|strict-ssl|rejectUnauthorized/i);
  });

  it('with the CA, past the certificate: "other side closed" behind the proxy is a missing connection, not inspection', () => {
    const chain = chainOf('inspected-with-ca-no-internet');
    assert.equal(failureKind(chain), 'offline');
    assert.match(text(otherAdvice(chain, 'offline')), /could not be reached \(UND_ERR_SOCKET: other side closed\)/);
  });

  it('a refused proxy and an unreachable mirror are named with their cause', () => {
    for (const name of ['proxy-refused', 'direct-no-route']) {
      const chain = chainOf(name);
      assert.equal(failureKind(chain), 'offline', name);
      assert.match(text(otherAdvice(chain, 'offline')), /ECONNREFUSED/);
    }
  });

  it('never "see the message above" over nothing: an unknown failure still names its cause', () => {
    const advice = text(otherAdvice([{ name: 'Error', code: null, message: 'something new' }], 'other'));
    assert.equal(advice, 'Electron could not be downloaded: something new');
    assert.equal(rootCause([]), 'no error was reported');
  });

  it('in Japanese (the catalogue npm start picks from LC_ALL/LC_MESSAGES/LANG): every advice, no English sentence but names and commands', () => {
    const ja = cliJa.firstRun;
    const inspected = chainOf('inspected');
    const diagnosed = (inStore: boolean, vendor: string | null) => ({
      inspected: true,
      host: 'github.com',
      vendor,
      subject: 'CN=Lab Inspection Root CA, O=Example Corp',
      fingerprint: 'AB:CD',
      inStore,
    });
    const all = [
      certificateAdvice(inspected, null, ja),
      certificateAdvice(inspected, diagnosed(true, 'Zscaler'), ja),
      certificateAdvice(inspected, diagnosed(false, null), ja),
      ...['offline', 'proxy', 'download', 'other'].map((kind) => otherAdvice(chainOf('inspected-with-ca-no-internet'), kind, ja)),
      [ja.downloading, ja.notAsked, ja.askRetry, ja.retrying, ja.stillFailing, ja.fixedBut, ja.browserMode, ja.fallback, ja.helperEnded],
    ].map(text);
    assert.match(all[1]!, /Zscaler による TLS インスペクション/);
    assert.match(all[0]!, /NODE_OPTIONS=--use-system-ca npm start/);
    // The root causes quoted from Node (UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate) are data.
    const prose = all
      .join('\n')
      .split(rootCause(inspected))
      .join(' ')
      .split(rootCause(chainOf('inspected-with-ca-no-internet')))
      .join(' ');
    const names = [
      'CN=Lab Inspection Root CA, O=Example Corp',
      'ELECTRON_GET_USE_PROXY=1 npm start',
      'CA_BRIDGE_TRUST_OS_CA=1 npm start',
      'NODE_OPTIONS=--use-system-ca npm start',
      'NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem npm start',
    ];
    assert.deepEqual(latinSentences(prose, names), []);
  });

  it('walks a bounded cause chain, including cycles and AggregateError', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    a.cause = a;
    assert.equal(causeChain(a).length, 1);
    const deep = Array.from({ length: 50 }).reduce<Error>((inner, _, i) => new Error(`e${i}`, { cause: inner }), new Error('root'));
    assert.equal(causeChain(deep).length, 8);
    const aggregate = new TypeError('fetch failed', {
      cause: new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1'), { code: 'ECONNREFUSED' })]),
    });
    assert.ok(causeChain(aggregate).some((e: { code: string | null }) => e.code === 'ECONNREFUSED'));
  });
});
