/**
 * `snippets --shell cmd` rendered by Windows Node and executed by Wine's cmd.exe: every variable must
 * hold exactly the path expected, for export folders whose names carry what cmd treats specially.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startWineLane, wineSkipReason, winPath, type WineLane } from './wine.js';

const skip = wineSkipReason();
const DRIVER = fileURLToPath(new URL('./cmd-driver.mjs', import.meta.url));
const NAMES = [
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'REQUESTS_CA_BUNDLE',
  'PIP_CERT',
  'CURL_CA_BUNDLE',
  'AWS_CA_BUNDLE',
  'GIT_SSL_CAINFO',
];
/** A fixed value added to the user's own list (Go 1.27's opt-out): no path in it, so every folder gets it. */
const GODEBUG_LINE =
  /^if defined GODEBUG \(set "GODEBUG=%GODEBUG%,x509sslcertoverrideplatform=0"\) else \(set "GODEBUG=x509sslcertoverrideplatform=0"\)$/;
/** Spaces, & ^ ! ' and Japanese: all literal inside cmd's double quotes (delayed expansion is off by default). */
const TRICKY = "C:\\Users\\Public\\CA 山田 & co ^ ! 'x'";
/** % has no escape on cmd's command line: the snippet must say so rather than set a wrong value. */
const PERCENT = 'C:\\Users\\Public\\100% 山田 %PATH%';

describe('cmd snippets executed by cmd.exe under Wine', { skip: skip ?? false }, () => {
  let lane: WineLane;
  const exportTo = async (dir: string) => {
    const host = lane.hostPath(dir);
    await mkdir(host, { recursive: true });
    for (const file of ['corporate-ca.pem', 'corporate-ca.crt', 'ca-bundle.pem']) await writeFile(path.join(host, file), 'x');
  };
  /** Renders the snippet with the CLI under Wine, runs its lines in cmd.exe, returns the text and the variables. */
  const runSnippet = async (dir: string) => {
    const snippets = await lane.cli(['snippets', '--dir', dir, '--shell', 'cmd', '--json']);
    assert.equal(snippets.code, 0, snippets.stderr);
    const text: string = snippets.json().text;
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    // Comments are REM lines; everything else must be an assignment cmd runs.
    const commands = lines.filter((l) => !/^REM /.test(l));
    const spec = path.join(lane.dir, `spec-${commands.length}-${Date.now()}.json`);
    const out = path.join(lane.dir, `vars-${Date.now()}.json`);
    await writeFile(spec, JSON.stringify({ lines: commands, names: [...NAMES, 'GODEBUG'], out: winPath(out) }));
    const run = await lane.run(lane.node, [winPath(DRIVER), winPath(spec)]);
    const log = await readFile(`${out}.log`, 'utf8').catch(() => '');
    assert.equal(run.code, 0, `cmd.exe: ${log}${run.stderr}`);
    return { text, commands, vars: JSON.parse(await readFile(out, 'utf8')) as Record<string, string | null> };
  };

  before(async () => {
    lane = await startWineLane();
    await Promise.all([exportTo(TRICKY), exportTo(PERCENT)]);
  });
  after(async () => lane?.close());

  it("a folder with spaces, &, ^, !, ' and Japanese: every variable holds the exact path", async () => {
    const { commands, vars } = await runSnippet(TRICKY);
    assert.equal(commands.length, NAMES.length + 1, commands.join('\n'));
    for (const name of NAMES) {
      const file = name === 'NODE_EXTRA_CA_CERTS' ? 'corporate-ca.pem' : 'ca-bundle.pem';
      assert.equal(vars[name], `${TRICKY}\\${file}`, name);
    }
    assert.equal(commands.filter((c) => GODEBUG_LINE.test(c)).length, 1, commands.join('\n'));
    assert.equal(vars.GODEBUG, 'x509sslcertoverrideplatform=0');
  });

  it('a folder with %: no assignment cmd would corrupt, a pointer to PowerShell instead', async () => {
    const { text, commands, vars } = await runSnippet(PERCENT);
    // Only the fixed GODEBUG item is set: no path assignment, which cmd would corrupt.
    assert.equal(commands.length, 1, commands.join('\n'));
    assert.match(commands[0]!, GODEBUG_LINE);
    for (const name of NAMES) assert.equal(vars[name], null, name);
    assert.match(text, /cannot quote; use the PowerShell snippet/);
  });
});
