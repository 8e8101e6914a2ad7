import { comment, type RenderedTool } from '../../../shared/guidance/render.js';
import type { Shell } from '../../../shared/guidance/quote.js';
import { fill } from '../../../shared/i18n/fill.js';
import { TOOL_GUIDES } from '../../../shared/guidance/tools.js';
import { EXIT_FAILED, EXIT_OK, wordsFor, type CliIo } from '../io.js';
import type { Messages } from '../language.js';
import { optionsHelp, parseFlags } from '../parse-flags.js';
import { checkInput, errorText, runForCli } from '../run-operation.js';

const FLAGS = {
  dir: { type: 'string' },
  shell: { type: 'string' },
  tool: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const snippetsHelp = (w: Messages) =>
  fill(w.cli.help.snippets, { options: optionsHelp(w, FLAGS, { tools: TOOL_GUIDES.map((t) => t.id).join(', ') }) });

/** Notes as comments where the shell has them; otherwise (zsh) on stderr, so stdout stays pasteable. */
function noteWriter(shell: Shell, out: string[], err: string[]) {
  return (text: string) => {
    const line = comment(shell, text);
    if (line) out.push(line);
    else err.push(text);
  };
}

function toolSection(w: Messages, tool: RenderedTool, shell: Shell, out: string[], err: string[]) {
  const s = w.cli.snippets;
  const note = noteWriter(shell, out, err);
  note(`${tool.name} (${tool.setting}): ${tool.semanticsText}`);
  note(fill(s.appliesTo, { versions: tool.versions, reference: tool.reference }));
  if (tool.session.length) {
    note(s.session);
    out.push(...tool.session);
  }
  for (const p of tool.persistent) {
    note(fill(s.persistent, { changes: p.changes }) + (p.admin ? s.admin : ''));
    note(fill(s.undo, { undo: p.undo }));
    if (p.shell !== shell) note(s.linuxShell);
    (p.shell === shell ? out : err).push(p.command);
  }
  for (const f of tool.fragments) err.push(fill(s.fragment, { format: f.format, path: f.path }), f.text, '---');
  for (const c of tool.caveats) note(`  ${c}`);
  out.push('');
}

export async function snippetsCommand(args: string[], io: CliIo): Promise<number> {
  const w = wordsFor(io);
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(snippetsHelp(w)), EXIT_OK);
  // The JSON's text fields change with --lang only, never with the locale: scripts parse them.
  const lang = values.json ? io.langFlag : io.lang;
  const input = await checkInput('snippets', { dir: values.dir, shell: values.shell, lang, tools: values.tool });
  const result = await runForCli('snippets', input, io);
  if (!result.ok) return (io.stderr(`ca-bridge snippets: ${errorText(w, result.error)}\n`), EXIT_FAILED);
  const rendered = result.value;
  const { shell } = rendered;
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
    noteWriter(shell, out, err)(fill(w.cli.snippets.perTool, { tools: more.map((t) => t.id).join(', ') }));
  } else {
    for (const tool of rendered.tools) toolSection(w, tool, shell, out, err);
  }
  io.stdout(out.join('\n').trimEnd() + '\n');
  if (err.length) io.stderr(err.join('\n') + '\n');
  return EXIT_OK;
}
