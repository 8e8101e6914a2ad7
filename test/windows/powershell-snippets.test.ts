/**
 * PowerShell snippets parsed by a real PowerShell grammar (tree-sitter-powershell, run as WebAssembly):
 * no PowerShell exists under Wine or in the registries these machines reach. Every snippet must parse
 * without error, and each `$env:NAME = '…'` must carry exactly the expected path once PowerShell's
 * verbatim-string rule ('' is one ') is applied.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser, Node } from 'web-tree-sitter';
import { powershellParser } from '../helpers/powershell-grammar.js';
import { cli } from '../helpers/cli.js';
import { machineConfigOff } from '../helpers/isolated-env.js';

// This machine's /etc/pip.conf names a CA file of its own, which the snippet would rightly keep; the
// grammar check wants the plain block, so pip's config files stay out.
const NO_PIP_CONFIG = machineConfigOff();

/** Quotes, $, backticks (PowerShell's escape), %, & and Japanese: all must stay literal. */
const FOLDER = "CA 山田 & co's $HOME `x` %PATH% $(id)";
const NAMES = [
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'REQUESTS_CA_BUNDLE',
  'PIP_CERT',
  'CURL_CA_BUNDLE',
  'AWS_CA_BUNDLE',
  'GIT_SSL_CAINFO',
];

const descendants = (node: Node, type: string): Node[] => [
  ...(node.type === type ? [node] : []),
  ...node.children.flatMap((child) => (child ? descendants(child, type) : [])),
];
/** PowerShell's verbatim string: between single quotes, '' stands for one quote. */
const verbatim = (literal: string) => literal.slice(1, -1).replace(/''/g, "'");

describe('PowerShell snippets, parsed by tree-sitter-powershell', () => {
  let parser: Parser;
  let root: string;
  let dir: string;
  before(async () => {
    parser = await powershellParser();
    root = await mkdtemp(path.join(tmpdir(), 'ca-bridge-ps-'));
    dir = path.join(root, FOLDER);
    await mkdir(dir);
    for (const file of ['corporate-ca.pem', 'corporate-ca.crt', 'ca-bundle.pem']) await writeFile(path.join(dir, file), 'x');
  });
  after(async () => root && rm(root, { recursive: true, force: true }));

  const parse = (source: string) => {
    const tree = parser.parse(source)!;
    assert.equal(tree.rootNode.hasError, false, `does not parse as PowerShell:\n${source}\n${tree.rootNode.toString().slice(0, 400)}`);
    return tree.rootNode;
  };

  it('the variable block parses, and each variable gets exactly its path', async () => {
    const run = await cli(['snippets', '--dir', dir, '--shell', 'powershell', '--json'], NO_PIP_CONFIG);
    assert.equal(run.code, 0, run.stderr);
    const program = parse(run.json().text);
    const assigned: Record<string, string> = {};
    for (const assignment of descendants(program, 'assignment_expression')) {
      const name = /^\$env:(\w+)/.exec(assignment.text)?.[1];
      const literals = descendants(assignment, 'verbatim_string_characters');
      if (name && literals.length === 1) assigned[name] = verbatim(literals[0]!.text);
    }
    assert.deepEqual(assigned, {
      ...Object.fromEntries(NAMES.map((n) => [n, path.join(dir, n === 'NODE_EXTRA_CA_CERTS' ? 'corporate-ca.pem' : 'ca-bundle.pem')])),
      // Go 1.27's opt-out: a fixed item (appended to the user's own GODEBUG when there is one).
      GODEBUG: 'x509sslcertoverrideplatform=0',
    });
  });

  it('every per-tool command and the Windows system-store commands parse', async () => {
    const snippets = (await cli(['snippets', '--dir', dir, '--shell', 'powershell', '--json'], NO_PIP_CONFIG)).json();
    let parsed = 0;
    for (const tool of snippets.tools) {
      // Session lines and the persistent commands written for PowerShell; fragments (a Dockerfile,
      // settings.json) are apart since the advice work, and persistent commands for WSL are for a Linux shell.
      const commands = [
        ...(tool.session as string[]),
        ...(tool.persistent as { command: string; shell: string }[]).filter((p) => p.shell === 'powershell').map((p) => p.command),
      ];
      for (const command of commands) {
        const program = parse(command);
        // Any quoted export path comes out exactly.
        for (const literal of descendants(program, 'verbatim_string_characters'))
          if (verbatim(literal.text).includes(FOLDER)) {
            const value = verbatim(literal.text);
            // A path inside an option value (JAVA_TOOL_OPTIONS' -D…="PATH") comes out whole too.
            assert.ok(value.startsWith(dir) || value.includes(`="${dir}${path.sep}`), `${tool.id}: ${literal.text}`);
          }
        parsed++;
      }
    }
    for (const store of snippets.systemStores.filter((s: { id: string }) =>
      ['windows-user', 'windows-machine', 'windows-java'].includes(s.id),
    )) {
      parse(store.command);
      parsed++;
    }
    assert.ok(parsed >= 20, `${parsed} commands parsed`);
  });
});
