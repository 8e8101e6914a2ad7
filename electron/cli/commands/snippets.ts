import { TOOL_GUIDES } from '../../../shared/guidance/tools.js';
import { defaultShell } from '../../core/guidance/defaults.js';
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { checkInput, runForCli } from '../run-operation.js';

export const SNIPPETS_HELP = `Usage: ca-bridge snippets --dir DIR [--shell bash|zsh|fish|powershell|cmd] [--tool NAME]... [--lang en|ja] [--json]

Prints the environment variables and per-tool settings that hand the exported CA to developer tools,
each saying whether it ADDs to the tool's defaults (→ corporate-ca.pem) or REPLACEs them (→ ca-bundle.pem).

  --dir DIR      the folder ca-bridge export wrote
  --shell NAME   syntax to print (default: your shell, from SHELL; PowerShell on Windows)
  --tool NAME    only this tool (repeatable): ${TOOL_GUIDES.map((t) => t.id).join(', ')}
  --lang en|ja   language of the comments and notes
  --json         print { vars, text, tools, systemStores, safety }
`;

const FLAGS = {
  dir: { type: 'string' },
  shell: { type: 'string' },
  tool: { type: 'string', multiple: true },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function snippetsCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(SNIPPETS_HELP), EXIT_OK);
  const input = {
    dir: values.dir,
    shell: values.shell ?? defaultShell(io.env, io.platform),
    lang: values.lang ?? 'en',
    tools: values.tool,
  };
  const result = await runForCli('snippets', await checkInput('snippets', input), io);
  if (!result.ok) return (io.stderr(`ca-bridge snippets: ${result.error.message}\n`), EXIT_FAILED);
  const rendered = result.value;
  if (values.json) {
    io.stdout(JSON.stringify(rendered, null, 2) + '\n');
    return EXIT_OK;
  }
  const { text, tools, shell } = rendered;
  const c = shell === 'cmd' ? 'REM' : '#';
  const lines = [text, `${c} --- per tool ---`];
  for (const tool of values.tool ? tools : tools.filter((t) => !t.commands.every((cmd) => text.includes(cmd)))) {
    lines.push(
      '',
      `${c} ${tool.name} (${tool.setting}): ${tool.semanticsText}`,
      ...tool.commands,
      ...tool.caveats.map((n) => `${c}   ${n}`),
    );
  }
  io.stdout(lines.join('\n') + '\n');
  return EXIT_OK;
}
