import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// @ts-expect-error a build script in plain JavaScript, without type declarations
import { downloadAdvice, failureLine, OUTPUT_TAIL_CHARS } from '../../build/electron-download-advice.mjs';

const advice = (stderr: string) => (downloadAdvice(stderr) as string[]).join('\n');

const INSPECTED = `node:internal/process/promises:391
    triggerUncaughtException(err, true /* fromPromise */);
    ^

RequestError: self-signed certificate in certificate chain
    at ClientRequest.<anonymous> (/app/node_modules/got/dist/source/core/index.js:970:111)
    at Object.onceWrapper (node:events:633:26) {
  code: 'SELF_SIGNED_CERT_IN_CHAIN',
}`;

describe('npm start where Electron cannot be downloaded', () => {
  it('blames TLS inspection for a certificate error, gives the three fixes and the browser fallback, no stack trace', () => {
    const text = advice(INSPECTED);
    assert.match(text, /inspects TLS/);
    assert.match(text, /NODE_OPTIONS=--use-system-ca/);
    assert.match(text, /NODE_EXTRA_CA_CERTS=/);
    assert.match(text, /ELECTRON_MIRROR=/);
    assert.match(text, /npx ca-bridge ui/);
    assert.doesNotMatch(text, /\n\s+at |triggerUncaughtException/);
    assert.doesNotMatch(text, /NODE_TLS_REJECT_UNAUTHORIZED|strict-ssl|rejectUnauthorized/i, 'never suggests turning verification off');
  });

  it('names a network failure as such, without blaming inspection', () => {
    const text = advice('Error: getaddrinfo ENOTFOUND github.com\n    at GetAddrInfoReqWrap.onlookup');
    assert.match(text, /ENOTFOUND github.com/);
    assert.doesNotMatch(text, /inspects TLS/);
    assert.match(text, /npx ca-bridge ui/);
  });

  it('reads a bounded amount and prints one bounded line', () => {
    const line = failureLine('x'.repeat(5_000_000) + `\nunable to get local issuer certificate ${'y'.repeat(1000)}`) as string;
    assert.equal(line.length, 300);
    assert.match(line, /^unable to get local issuer certificate/);
    // Only the output's last OUTPUT_TAIL_CHARS characters are read: a failure printed before them is not seen.
    const failure = 'Error: getaddrinfo ENOTFOUND github.com\n';
    const filler = (n: number) => 'progress\n'.repeat(Math.ceil(n / 9)).slice(0, n);
    assert.equal(failureLine(failure + filler(OUTPUT_TAIL_CHARS)), '');
    assert.equal(failureLine(failure + filler(OUTPUT_TAIL_CHARS - failure.length)), failure.trim());
  });
});
