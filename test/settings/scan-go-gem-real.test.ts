/**
 * Go's and RubyGems' insecure settings, the scanner's conclusion against the real tool through the lab's
 * inspecting proxy (no CA given: only a tool whose verification is off gets the site's answer):
 *  - Go: GOINSECURE (variable, and `go env -w` into the go env file) and GOFLAGS=-insecure, with the go
 *    command fetching a module directly over HTTPS (GOPROXY=direct), the only fetch GOINSECURE governs;
 *  - RubyGems: `:ssl_verify_mode: 0` in ~/.gemrc, with `gem` fetching from the site as its source.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanSettings } from '../../electron/core/settings/index.js';
import { settingPlace } from '../../shared/settings.js';
import { advicePath } from '../advice/real-tools/advice-path.js';
import { baseEnv, isolatedHome, run } from '../advice/real-tools/harness.js';
import { labWithExport, type LabExport } from '../ledger/lab-export.js';

let setup: LabExport;
before(async () => {
  setup = await labWithExport('go-gem');
});
after(() => setup?.close());

async function scannerSays(tool: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string[]> {
  const scan = await scanSettings({ env, cwd, platform: process.platform });
  return scan.findings
    .filter((f) => f.effect === 'verification-off' && (f.tools as string[]).includes(tool))
    .map((f) => `${f.setting}=${f.value} @ ${settingPlace(f.source)}`)
    .sort();
}

/** A certificate failure in the tool's words (Go's x509, OpenSSL's "certificate verify failed"). */
const CERT_FAILURE = /x509: certificate signed by unknown authority|tls: failed to verify certificate|certificate verify failed/i;

describe('Go and RubyGems insecure settings against the real tools', () => {
  it(
    'GOINSECURE (variable or go env file) lets the go command fetch without verifying; GOFLAGS=-insecure changes nothing',
    { timeout: 300_000 },
    async () => {
      const home = isolatedHome(setup.root, 'go');
      const env: NodeJS.ProcessEnv = {
        ...baseEnv(home, setup.proxy.url, advicePath().split(':')),
        GOENV: path.join(home, '.config', 'go', 'env'),
        GOPATH: path.join(home, 'go'),
        GOCACHE: path.join(home, '.cache', 'go-build'),
        GOPROXY: 'direct',
        GOSUMDB: 'off',
        GOTOOLCHAIN: 'local',
        GOFLAGS: '-modcacherw',
      };
      /** The go command's answer to fetching a module from the site directly: reached it (past TLS), or a certificate failure. */
      const goFetch = async (extra: NodeJS.ProcessEnv) => {
        const ran = await run('go', ['mod', 'download', '-x', 'www.google.com/lab/mod@v1.0.0'], { ...env, ...extra }, home);
        return { certFailure: CERT_FAILURE.test(ran.output), output: ran.output };
      };
      const none = await goFetch({});
      assert.equal(none.certFailure, true, `without any setting Go verifies:\n${none.output}`);
      assert.deepEqual(await scannerSays('go', env, home), []);

      const variable = await goFetch({ GOINSECURE: 'www.google.com' });
      assert.equal(variable.certFailure, false, `GOINSECURE: no certificate check:\n${variable.output}`);
      assert.match(variable.output, /www\.google\.com/);
      assert.deepEqual(await scannerSays('go', { ...env, GOINSECURE: 'www.google.com' }, home), ['GOINSECURE=www.google.com @ GOINSECURE']);

      execFileSync('go', ['env', '-w', 'GOINSECURE=*.google.com'], { env, cwd: home });
      const file = await goFetch({});
      assert.equal(file.certFailure, false, `go env -w GOINSECURE: no certificate check:\n${file.output}`);
      assert.deepEqual(await scannerSays('go', env, home), [`GOINSECURE=*.google.com @ ${env.GOENV}:1`]);
      execFileSync('go', ['env', '-u', 'GOINSECURE'], { env, cwd: home });

      // `go get -insecure` was removed in Go 1.17 (GOINSECURE replaced it): in GOFLAGS it changes nothing, Go still verifies.
      const flags = await goFetch({ GOFLAGS: '-modcacherw -insecure' });
      assert.equal(flags.certFailure, true, `GOFLAGS=-insecure: Go still verifies:\n${flags.output}`);
      assert.deepEqual(await scannerSays('go', { ...env, GOFLAGS: '-modcacherw -insecure' }, home), []);
    },
  );

  it('RubyGems :ssl_verify_mode: 0 in ~/.gemrc lets gem fetch without verifying', { timeout: 300_000 }, async () => {
    const home = isolatedHome(setup.root, 'gem');
    const env: NodeJS.ProcessEnv = {
      ...baseEnv(home, setup.proxy.url, advicePath().split(':')),
      GEM_HOME: path.join(home, 'gems'),
      SSL_CERT_FILE: '',
    };
    delete env.SSL_CERT_FILE;
    const gemFetch = async () => {
      const ran = await run('gem', ['fetch', 'six', '--clear-sources', '--source', 'https://www.google.com/'], env, home);
      return { certFailure: CERT_FAILURE.test(ran.output), output: ran.output };
    };
    const gemrc = path.join(home, '.gemrc');
    writeFileSync(gemrc, '---\n:backtrace: false\n');
    const on = await gemFetch();
    assert.equal(on.certFailure, true, `gem verifies by default:\n${on.output}`);
    assert.deepEqual(await scannerSays('ruby', env, home), []);
    writeFileSync(gemrc, '---\n:backtrace: false\n:ssl_verify_mode: 0\n');
    const off = await gemFetch();
    assert.equal(off.certFailure, false, `:ssl_verify_mode: 0 turns it off:\n${off.output}`);
    assert.deepEqual(await scannerSays('ruby', env, home), [`:ssl_verify_mode=0 @ ${gemrc}:3`]);
  });
});
