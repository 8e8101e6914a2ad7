import type { Shell } from '../../../shared/guidance/quote.js';
import type { AdviceCaveat, AdviceFile, ProxyRelayAdvice, RelaySetting, ShellBlock } from '../../../shared/proxy-advice.js';

const CAVEATS: Record<AdviceCaveat, string> = {
  'container-loopback':
    "inside a container 127.0.0.1 is the container itself: containers reach the relay as host.docker.internal, so the relay must listen there too (px's gateway and allow settings, or cntlm's Listen and Allow) — never open it to the whole network",
  'wsl-nat-loopback':
    "WSL 2's default NAT network cannot reach Windows' 127.0.0.1: mirrored networking (the .wslconfig above) shares it; inside WSL use the bash lines",
};

const FITS: Record<RelaySetting['fits'], string> = {
  'sso-and-ntlm-and-kerberos': 'NTLM and Kerberos',
  'ntlm-only': 'NTLM only',
};

const SIGN_IN: Record<RelaySetting['signIn'], string> = {
  'windows-logon': 'it signs in as the user logged on to Windows; no password is stored',
  'kerberos-ticket': 'it signs in with your Kerberos ticket (kinit first if you have none)',
  'password-typed-at-start': 'when it starts, type your password and press Enter (not shown); it is kept only while px runs',
  'password-hash-in-file': 'it signs in with a hash of your password kept in its settings file: keep the file private',
};

const FILES: Record<AdviceFile['code'], string> = {
  'px-ini': 'px settings',
  'cntlm-conf': 'cntlm settings',
  'docker-client-config': 'Docker, containers and image builds',
  'docker-daemon-config': 'Docker Engine, image pulls',
  wslconfig: 'WSL 2',
};

const MERGE: Record<AdviceFile['merge'], (path: string) => string> = {
  'new-file': (path) => `save as ${path}; to undo, delete the file`,
  'json-key': (path) => `save as ${path}; if it exists, add this top-level key and keep the rest; to undo, remove the key`,
  'ini-key': (path) => `save as ${path}; if it exists, add the line to its section and keep the rest; to undo, remove the line`,
};

const SHELL_NAMES: Record<Shell, string> = { bash: 'bash', zsh: 'zsh', fish: 'fish', powershell: 'PowerShell', cmd: 'cmd' };

const code = (lines: readonly string[], indent: string) => lines.map((line) => `${indent}${line}`);

function shellBlocks(blocks: readonly ShellBlock[], indent: string): string[] {
  return blocks.flatMap((b) => [`${indent}${b.shells.map((s) => SHELL_NAMES[s]).join(', ')}:`, ...code(b.lines, `${indent}    `)]);
}

function fileText(file: AdviceFile, indent: string): string[] {
  const lines = [`${indent}${FILES[file.code]} (${MERGE[file.merge](file.path)}):`, ...code(file.lines, `${indent}    `)];
  if (file.placeholders.length) lines.push(`${indent}  replace ${file.placeholders.join(' and ')} with your own sign-in before saving`);
  if (file.apply.length) lines.push(`${indent}  then apply it (and again after undoing):`, ...code(file.apply, `${indent}    `));
  return lines;
}

/** The relay advice as the CLI prints it: each code block holds only file contents or commands for the shell named above it. */
export function proxyAdviceText(advice: readonly ProxyRelayAdvice[]): string[] {
  const lines: string[] = [];
  for (const a of advice) {
    lines.push(
      `Proxy ${a.proxy} asks for ${a.schemes.join(', ')}, which npm, pip, git, Docker and most curl builds cannot answer.`,
      `  Run a local relay that signs in for them on ${a.relayUrl}:`,
    );
    for (const relay of a.relays) {
      lines.push(`  - ${relay.relay} (${FITS[relay.fits]}); ${SIGN_IN[relay.signIn]}.`, ...fileText(relay.file, '    '));
      if (relay.prepare) {
        lines.push(`    once, before the first start (asks for the password; add only its PassNTLMv2 line to ${relay.file.path}):`);
        lines.push(...code([relay.prepare.command], '        '));
      }
      lines.push('    start it (runs until Ctrl+C):', ...shellBlocks(relay.start, '      '));
    }
    lines.push(
      '  Then point each tool at the relay.',
      '  For this terminal only (npm, pip, git, curl and Docker read these; nothing is saved):',
    );
    lines.push(...shellBlocks(a.session, '    '));
    lines.push('  To keep it instead (changes the tool’s own settings; note the current value first, the undo removes the setting):');
    for (const p of a.persistent) {
      lines.push(`    ${p.tool}:`, '      current value:', ...code(p.show, '        '), '      set:', ...code(p.set, '        '));
      lines.push('      undo:', ...code(p.undo, '        '));
    }
    lines.push('  Docker and WSL:');
    for (const file of a.files) lines.push(...fileText(file, '    '));
    if (a.dockerDesktopSetting) {
      lines.push(
        `    Docker Desktop pulls images through its own setting: Settings > Resources > Proxies > Manual proxy configuration, ${a.relayUrl}`,
      );
    }
    for (const caveat of a.caveats) lines.push(`    (${CAVEATS[caveat]})`);
    lines.push(
      '  The relay only authenticates: the inspecting proxy still re-signs TLS, so every tool still needs the inspection CA (ca-bridge export).',
    );
  }
  return lines;
}
