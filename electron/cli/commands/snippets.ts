import { comment, type RenderedTool } from '../../../shared/guidance/render.js';
import type { Shell } from '../../../shared/guidance/quote.js';
import type { Language } from '../../../shared/i18n/language.js';
import { TOOL_GUIDES } from '../../../shared/guidance/tools.js';
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { checkInput, runForCli } from '../run-operation.js';

export const SNIPPETS_HELP = `Usage: ca-bridge snippets --dir DIR [--shell bash|zsh|fish|powershell|cmd] [--tool NAME]... [--lang en|ja] [--json]

Without --tool: prints the environment variables that hand the exported CA to developer tools, for the
current session only, valid in that shell as a whole (safe to paste or eval). Each says whether it ADDs to
the tool's defaults (→ corporate-ca.pem) or REPLACEs them (→ ca-bundle.pem).
With --tool: that tool's settings, including commands that change configuration files, each with what it
changes and how to undo it. File fragments (Dockerfile, JSON, INI) go to stderr, labelled, never mixed
into the shell output. Notes are shell comments, except in zsh (interactive zsh runs # lines) where they
go to stderr.

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

/** Notes as comments where the shell has them; otherwise (zsh) on stderr, so stdout stays pasteable. */
function noteWriter(shell: Shell, out: string[], err: string[]) {
  return (text: string) => {
    const line = comment(shell, text);
    if (line) out.push(line);
    else err.push(text);
  };
}

function toolSection(tool: RenderedTool, shell: Shell, lang: Language, out: string[], err: string[]) {
  const note = noteWriter(shell, out, err);
  const ja = lang === 'ja';
  note(`${tool.name} (${tool.setting}): ${tool.semanticsText}`);
  note(`${ja ? '対象' : 'Applies to'}: ${tool.versions}. ${ja ? '出典' : 'Checked against'}: ${tool.reference}`);
  if (tool.session.length) {
    note(ja ? 'このセッションだけ:' : 'This session only:');
    out.push(...tool.session);
  }
  for (const p of tool.persistent) {
    note(
      `${ja ? '永続的な変更' : 'Persistent'}: ${p.changes}${p.admin ? (ja ? '（管理者権限が必要）' : ' (needs administrator rights)') : ''}`,
    );
    note(`${ja ? '元に戻す' : 'Undo'}: ${p.undo}`);
    if (p.shell !== shell) note(ja ? '（WSL などの Linux シェルで実行）' : '(run in a Linux shell, e.g. inside WSL)');
    (p.shell === shell ? out : err).push(p.command);
  }
  for (const f of tool.fragments) {
    err.push(
      `--- ${ja ? `${f.format} の断片（コマンドではありません）` : `${f.format} fragment, not a command`}: ${f.path} ---`,
      f.text,
      '---',
    );
  }
  for (const c of tool.caveats) note(`  ${c}`);
  out.push('');
}

export async function snippetsCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(SNIPPETS_HELP), EXIT_OK);
  const input = await checkInput('snippets', { dir: values.dir, shell: values.shell, lang: values.lang, tools: values.tool });
  const result = await runForCli('snippets', input, io);
  if (!result.ok) return (io.stderr(`ca-bridge snippets: ${result.error.message}\n`), EXIT_FAILED);
  const rendered = result.value;
  const { shell } = rendered;
  const { lang } = input;
  if (values.json) {
    io.stdout(JSON.stringify(rendered, null, 2) + '\n');
    return EXIT_OK;
  }
  const out: string[] = [];
  const err: string[] = [];
  if (!values.tool) {
    out.push(rendered.text.trimEnd());
    if (!comment(shell, '')) err.push(...rendered.safety);
    const more = rendered.tools.filter(
      (t) => t.persistent.length || t.fragments.length || t.session.some((l) => !rendered.text.includes(l)),
    );
    noteWriter(
      shell,
      out,
      err,
    )(
      lang === 'ja'
        ? `ツールごとの設定（設定ファイルの変更を含む）: ca-bridge snippets --dir DIR --tool NAME（${more.map((t) => t.id).join(', ')}）`
        : `Per-tool settings (some change configuration files): ca-bridge snippets --dir DIR --tool NAME (${more.map((t) => t.id).join(', ')})`,
    );
  } else {
    for (const tool of rendered.tools) toolSection(tool, shell, lang, out, err);
  }
  io.stdout(out.join('\n').trimEnd() + '\n');
  if (err.length) io.stderr(err.join('\n') + '\n');
  return EXIT_OK;
}
