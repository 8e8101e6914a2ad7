import { renderSnippets } from '../../../shared/guidance/render.js';
import { platformOf, TOOL_GUIDES } from '../../../shared/guidance/tools.js';
import { findJdks } from '../../core/guidance/jdks.js';
import { exportPaths } from '../export-dir.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { langFlag, shellFlag } from '../shell-flags.js';

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
  const shell = shellFlag(values.shell, io.env);
  const lang = langFlag(values.lang);
  const paths = await exportPaths(values.dir);
  const unknown = (values.tool ?? []).filter((id) => !TOOL_GUIDES.some((t) => t.id === id));
  if (unknown.length) throw new UsageError(`--tool: unknown ${unknown.join(', ')} (known: ${TOOL_GUIDES.map((t) => t.id).join(', ')})`);
  const platform = platformOf(process.platform);
  const guides = values.tool
    ? TOOL_GUIDES.filter((t) => values.tool!.includes(t.id))
    : TOOL_GUIDES.filter((t) => t.platforms.includes(platform));
  const jdks = guides.some((g) => g.id === 'java') ? await findJdks(io.env) : [];
  const rendered = renderSnippets(shell, paths, lang, guides, jdks);
  if (values.json) {
    io.stdout(JSON.stringify(rendered, null, 2) + '\n');
    return EXIT_OK;
  }
  const { text, tools } = rendered;
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
