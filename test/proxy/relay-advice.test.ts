/**
 * The relay advice's shape per platform, and its shell blocks run for real in the shells they are
 * labelled for (bash, zsh, fish; PowerShell and cmd in test/windows/relay-advice-windows.test.ts): valid
 * syntax, the variables reach child processes, nothing is written to HOME.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Shell } from '../../shared/guidance/quote.js';
import { relayAdvice, type ProxyRelayAdvice } from '../../shared/proxy-advice.js';
import { proxyAdviceText } from '../../electron/cli/format/proxy-advice-text.js';
import { MESSAGES } from '../../shared/i18n/index.js';
import { noteOfferedSchemes } from '../../electron/core/proxy/auth/observed.js';
import { parseProxyUrl, type ProxySpec } from '../../electron/core/proxy/proxy-url.js';
import { relayAdviceFor } from '../../electron/core/proxy/relay-advice.js';

const PROXY = 'proxy.corp.example:8080';
const home = mkdtempSync(path.join(tmpdir(), 'ca-bridge-relay-advice-'));
after(() => rmSync(home, { recursive: true, force: true }));

const RUNNABLE: Partial<Record<Shell, string[]>> = { bash: ['bash', '-c'], zsh: ['zsh', '-c'], fish: ['fish', '-c'] };
const SYNTAX_ONLY: Partial<Record<Shell, string[]>> = {
  bash: ['bash', '-n', '-c'],
  zsh: ['zsh', '-n', '-c'],
  fish: ['fish', '--no-execute', '-c'],
};
const installed = (cmd: string) => spawnSync(cmd, ['-c', 'true']).status === 0;

function allShellBlocks(a: ProxyRelayAdvice) {
  return [...a.session, ...a.relays.flatMap((r) => r.start)];
}

describe('relay advice per platform', () => {
  it('Linux, NTLM: px with a name and the password read at start, cntlm with its hash step; no Windows file', () => {
    const a = relayAdvice(PROXY, ['NTLM'], { platform: 'linux' });
    assert.equal(a.relayUrl, 'http://127.0.0.1:3128');
    const [px, cntlm] = a.relays;
    assert.equal(px!.signIn, 'password-typed-at-start');
    assert.deepEqual(px!.file.lines, [
      '[proxy]',
      `server = ${PROXY}`,
      'listen = 127.0.0.1',
      'port = 3128',
      'auth = NTLM',
      'username = DOMAIN\\USER',
    ]);
    assert.deepEqual(px!.file.placeholders, ['DOMAIN', 'USER']);
    assert.equal(cntlm!.prepare!.command, 'cntlm -H -c cntlm.conf');
    assert.ok(
      cntlm!.file.lines.every((l) => !l.startsWith('#')),
      'no comment lines in cntlm.conf',
    );
    assert.deepEqual(
      a.session.map((b) => b.shells),
      [['bash', 'zsh'], ['fish'], ['powershell']],
    );
    assert.deepEqual(
      a.files.map((f) => f.code),
      ['docker-client-config', 'docker-daemon-config'],
    );
    assert.equal(a.dockerDesktopSetting, false);
  });

  it('Windows, NTLM: px signs in as the logged-on user (no name, no password), PowerShell and cmd first, .wslconfig with wsl --shutdown', () => {
    const a = relayAdvice(PROXY, ['NTLM'], { platform: 'windows', port: 3129 });
    const px = a.relays[0]!;
    assert.equal(px.signIn, 'windows-logon');
    assert.ok(!px.file.lines.some((l) => l.startsWith('username')));
    // The relay runs on Windows itself: no bash start line (a Linux px inside WSL could not use the Windows sign-in).
    assert.deepEqual(px.start, [
      { shells: ['powershell'], lines: ["px '--config=px.ini'"] },
      { shells: ['cmd'], lines: ['px --config=px.ini'] },
    ]);
    assert.equal(a.relays[1]!.file.path, 'cntlm.ini');
    assert.deepEqual(a.session[0], {
      shells: ['powershell'],
      lines: [
        "$env:https_proxy = 'http://127.0.0.1:3129'",
        "$env:http_proxy = 'http://127.0.0.1:3129'",
        "$env:no_proxy = 'localhost,127.0.0.1,::1'",
      ],
    });
    assert.deepEqual(a.session[1], {
      shells: ['cmd'],
      lines: [
        'set "https_proxy=http://127.0.0.1:3129"',
        'set "http_proxy=http://127.0.0.1:3129"',
        'set "no_proxy=localhost,127.0.0.1,::1"',
      ],
    });
    const wsl = a.files.find((f) => f.code === 'wslconfig')!;
    assert.deepEqual(wsl, {
      code: 'wslconfig',
      path: '%UserProfile%\\.wslconfig',
      lines: ['[wsl2]', 'networkingMode=mirrored'],
      merge: 'ini-key',
      placeholders: [],
      apply: ['wsl --shutdown'],
    });
    assert.ok(!a.files.some((f) => f.code === 'docker-daemon-config'));
    assert.equal(a.dockerDesktopSetting, true);
    assert.deepEqual(a.caveats, ['container-loopback', 'wsl-nat-loopback']);
  });

  it('Kerberos only: px alone, with the ticket, no name or password', () => {
    const a = relayAdvice(PROXY, ['Negotiate'], { platform: 'macos' });
    assert.deepEqual(
      a.relays.map((r) => r.relay),
      ['px'],
    );
    assert.equal(a.relays[0]!.signIn, 'kerberos-ticket');
    assert.ok(a.relays[0]!.file.lines.includes('auth = NEGOTIATE'));
    assert.deepEqual(a.relays[0]!.file.placeholders, []);
    assert.deepEqual(
      a.relays[0]!.start.map((b) => b.lines.join()),
      ['px --config=px.ini', "px '--config=px.ini'"],
    );
  });

  it('only NTLM and Negotiate proxies get advice: a Digest, Bearer or Basic proxy gets none (px would be told to sign in with a ticket)', () => {
    const spec = (port: number, schemes: string[]): ProxySpec => {
      const parsed = parseProxyUrl(`http://proxy.corp.example:${port}`);
      assert.ok(parsed.ok);
      noteOfferedSchemes(parsed.value, schemes);
      return parsed.value;
    };
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const advice = relayAdviceFor(
        [spec(1, ['Digest']), spec(2, ['Bearer']), spec(3, ['Digest', 'Basic']), spec(4, ['Basic']), spec(5, ['Digest', 'NTLM'])],
        platform,
      );
      assert.deepEqual(
        advice.map((a) => [a.proxy, a.schemes]),
        [['proxy.corp.example:5', ['Digest', 'NTLM']]],
        platform,
      );
    }
  });

  it('every persistent command has its undo, and the Docker files are valid JSON', () => {
    for (const platform of ['linux', 'windows', 'macos'] as const) {
      const a = relayAdvice(PROXY, ['NTLM', 'Negotiate'], { platform });
      for (const p of a.persistent) assert.equal(p.undo.length, p.set.length, p.tool);
      for (const f of a.files.filter((f) => f.path.endsWith('.json'))) assert.ok(JSON.parse(f.lines.join('\n')).proxies, f.code);
    }
  });
});

describe('the shell blocks, run in their shells', () => {
  for (const platform of ['linux', 'windows'] as const) {
    const a = relayAdvice(PROXY, ['NTLM'], { platform });
    for (const block of allShellBlocks(a)) {
      // PowerShell and cmd blocks: test/windows/relay-advice-windows.test.ts (a PowerShell grammar, Wine's cmd.exe).
      for (const shell of block.shells.filter((s) => SYNTAX_ONLY[s])) {
        const syntax = SYNTAX_ONLY[shell];
        it(
          `${platform} ${shell}: ${block.lines[0]} — valid syntax`,
          { skip: !syntax || !installed(syntax[0]!) ? `${shell} is not installed here` : false },
          () => {
            const run = spawnSync(syntax![0]!, [...syntax!.slice(1), block.lines.join('\n')], { encoding: 'utf8' });
            assert.equal(run.status, 0, run.stderr);
          },
        );
      }
    }
  }

  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    it(
      `${shell}: the session lines reach a child process and write nothing to HOME (fish's own state aside)`,
      { skip: installed(shell) ? false : `${shell} is not installed here` },
      () => {
        const a = relayAdvice(PROXY, ['NTLM'], { platform: 'linux', port: 3999 });
        const lines = a.session.find((b) => b.shells.includes(shell))!.lines;
        const [cmd, ...args] = RUNNABLE[shell]!;
        const out = execFileSync(cmd!, [...args, [...lines, 'env'].join('\n')], {
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: home },
        });
        assert.match(out, /^https_proxy=http:\/\/127\.0\.0\.1:3999$/m);
        assert.match(out, /^http_proxy=http:\/\/127\.0\.0\.1:3999$/m);
        assert.match(out, /^no_proxy=localhost,127\.0\.0\.1,::1$/m);
        assert.deepEqual(
          readdirSync(home).filter((f) => !f.startsWith('.local') && !f.startsWith('.config')),
          [],
        );
      },
    );
  }
});

describe('the CLI text', () => {
  it('labels each block with its shells and keeps the undo next to each persistent command', () => {
    const text = proxyAdviceText(MESSAGES.en, [relayAdvice(PROXY, ['NTLM'], { platform: 'linux' })]).join('\n');
    assert.match(text, /^ {4}bash, zsh:\n {8}export https_proxy='http:\/\/127\.0\.0\.1:3128'$/m);
    assert.match(text, /^ {4}fish:\n {8}set -gx https_proxy 'http:\/\/127\.0\.0\.1:3128'$/m);
    assert.match(text, /^ {6}undo:\n {8}git config --global --unset http\.proxy$/m);
    assert.match(text, /Save as cntlm\.conf\. To undo, delete the file\./);
    assert.match(text, /^ {8}cntlm -H -c cntlm\.conf$/m);
    assert.doesNotMatch(text, /^\s+(?:the Docker daemon|then, inside WSL)/m);
  });
});
