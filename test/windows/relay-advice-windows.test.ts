/**
 * The relay advice's Windows forms: the cmd session lines run by Wine's cmd.exe as if typed at its
 * prompt (through cmd-driver.mjs, under Windows Node), and every PowerShell block parsed by a real
 * PowerShell grammar (tree-sitter-powershell; no PowerShell exists here). The Unix forms run for real
 * in test/proxy/relay-advice.test.ts and relay-real.test.ts.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Parser, Node } from 'web-tree-sitter';
import { powershellParser } from '../helpers/powershell-grammar.js';
import { relayAdvice, type AdvicePlatform } from '../../shared/proxy-advice.js';
import { startWineLane, wineSkipReason, winPath, type WineLane } from './wine.js';

const PROXY = 'proxy.corp.example:8080';
const NAMES = ['https_proxy', 'http_proxy', 'no_proxy'];
const DRIVER = fileURLToPath(new URL('./cmd-driver.mjs', import.meta.url));

describe('relay advice: cmd session lines executed by cmd.exe under Wine', { skip: wineSkipReason() ?? false }, () => {
  let lane: WineLane;
  before(async () => {
    lane = await startWineLane();
  });
  after(() => lane?.close());

  it('each variable holds the relay address (and no_proxy its list) in the cmd process and its children', async () => {
    const advice = relayAdvice(PROXY, ['NTLM'], { platform: 'windows', port: 3129 });
    const lines = advice.session.find((b) => b.shells.includes('cmd'))!.lines;
    const spec = path.join(lane.dir, 'relay-spec.json');
    const out = path.join(lane.dir, 'relay-vars.json');
    await writeFile(spec, JSON.stringify({ lines, names: NAMES, out: winPath(out) }));
    const run = await lane.run(lane.node, [winPath(DRIVER), winPath(spec)]);
    const log = await readFile(`${out}.log`, 'utf8').catch(() => '');
    assert.equal(run.code, 0, `cmd.exe: ${log}${run.stderr}`);
    assert.deepEqual(JSON.parse(await readFile(out, 'utf8')), {
      https_proxy: 'http://127.0.0.1:3129',
      http_proxy: 'http://127.0.0.1:3129',
      no_proxy: 'localhost,127.0.0.1,::1',
    });
  });
});

const descendants = (node: Node, type: string): Node[] => [
  ...(node.type === type ? [node] : []),
  ...node.children.flatMap((child) => (child ? descendants(child, type) : [])),
];

describe('relay advice: PowerShell blocks, parsed by tree-sitter-powershell', () => {
  let parser: Parser;
  before(async () => {
    parser = await powershellParser();
  });
  const parse = (source: string) => {
    const tree = parser.parse(source)!;
    assert.equal(tree.rootNode.hasError, false, `does not parse as PowerShell:\n${source}\n${tree.rootNode.toString().slice(0, 400)}`);
    return tree.rootNode;
  };

  for (const platform of ['windows', 'linux', 'macos'] as AdvicePlatform[]) {
    it(`${platform}: the session lines and the relays' start lines parse; each $env: gets the relay address`, () => {
      const advice = relayAdvice(PROXY, ['NTLM'], { platform, port: 3129 });
      const session = parse(advice.session.find((b) => b.shells.includes('powershell'))!.lines.join('\n'));
      const assigned = Object.fromEntries(
        descendants(session, 'assignment_expression').map((a) => [
          /^\$env:(\w+)/.exec(a.text)![1],
          descendants(a, 'verbatim_string_characters')[0]!.text.slice(1, -1),
        ]),
      );
      assert.deepEqual(assigned, {
        https_proxy: 'http://127.0.0.1:3129',
        http_proxy: 'http://127.0.0.1:3129',
        no_proxy: 'localhost,127.0.0.1,::1',
      });
      for (const relay of advice.relays) {
        const start = relay.start.find((b) => b.shells.includes('powershell'))!.lines.join('\n');
        const program = parse(start);
        // Where px reads a password, the variable is removed in a finally block, which Ctrl+C also runs.
        if (start.includes('PX_PASSWORD')) assert.equal(descendants(program, 'finally_clause').length, 1, start);
      }
    });
  }
});
