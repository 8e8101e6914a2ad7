import type { AdviceFile, ProxyRelayAdvice, ShellBlock } from '../../../shared/proxy-advice.js';
import { fill } from '../../../shared/i18n/fill.js';
import type { Messages } from '../language.js';

const code = (lines: readonly string[], indent: string) => lines.map((line) => `${indent}${line}`);

function shellBlocks(w: Messages, blocks: readonly ShellBlock[], indent: string): string[] {
  return blocks.flatMap((b) => [`${indent}${b.shells.map((s) => w.relayShell[s]).join(', ')}:`, ...code(b.lines, `${indent}    `)]);
}

function fileText(w: Messages, file: AdviceFile, indent: string): string[] {
  const r = w.cli.relay;
  const merge = fill(w.relayMerge[file.merge], { path: file.path });
  const lines = [`${indent}${fill(r.file, { name: w.relayFile[file.code], merge })}`, ...code(file.lines, `${indent}    `)];
  if (file.placeholders.length) lines.push(`${indent}${fill(r.placeholders, { tokens: file.placeholders.join(r.and) })}`);
  if (file.apply.length) lines.push(`${indent}${r.apply}`, ...code(file.apply, `${indent}    `));
  return lines;
}

/** The relay advice as the CLI prints it: each code block holds only file contents or commands for the shell named above it. */
export function proxyAdviceText(w: Messages, advice: readonly ProxyRelayAdvice[]): string[] {
  const r = w.cli.relay;
  const lines: string[] = [];
  for (const a of advice) {
    lines.push(fill(r.asks, { proxy: a.proxy, schemes: a.schemes.join(', ') }), fill(r.run, { url: a.relayUrl }));
    for (const relay of a.relays) {
      lines.push(fill(r.relay, { relay: relay.relay, fits: w.relayFits[relay.fits], signIn: w.relaySignIn[relay.signIn] }));
      lines.push(...fileText(w, relay.file, '    '));
      if (relay.prepare) lines.push(fill(r.prepare, { file: relay.file.path }), ...code([relay.prepare.command], '        '));
      lines.push(r.start, ...shellBlocks(w, relay.start, '      '));
    }
    lines.push(r.point, r.session, ...shellBlocks(w, a.session, '    '), r.persistent);
    for (const p of a.persistent) {
      lines.push(`    ${p.tool}:`, r.current, ...code(p.show, '        '), r.set, ...code(p.set, '        '));
      lines.push(r.undo, ...code(p.undo, '        '));
    }
    lines.push(r.files);
    for (const file of a.files) lines.push(...fileText(w, file, '    '));
    if (a.dockerDesktopSetting) lines.push(fill(r.dockerDesktop, { url: a.relayUrl }));
    for (const caveat of a.caveats) lines.push(`    (${w.relayCaveat[caveat]})`);
    lines.push(r.caNote);
  }
  return lines;
}
