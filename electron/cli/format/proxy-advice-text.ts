import type { ProxyRelayAdvice, ToolPointer } from '../../../shared/proxy-advice.js';

const CAVEATS: Record<NonNullable<ToolPointer['caveat']>, string> = {
  'container-loopback':
    "inside a container 127.0.0.1 is the container itself: containers reach the relay as host.docker.internal, so the relay must listen there too (px --gateway --allow=172.16.0.0/12, or cntlm's Listen/Allow) — never open it to the whole network",
  'wsl-nat-loopback':
    "WSL 2's default NAT network cannot reach Windows' 127.0.0.1: mirrored networking shares it (or run the relay inside WSL)",
};

const FITS: Record<ProxyRelayAdvice['relays'][number]['fits'], string> = {
  'sso-and-ntlm-and-kerberos': 'NTLM and Kerberos; on Windows it signs in as the logged-on user',
  'ntlm-only': 'NTLM only',
};

/** The relay advice as the CLI prints it. */
export function proxyAdviceText(advice: readonly ProxyRelayAdvice[]): string[] {
  const lines: string[] = [];
  for (const a of advice) {
    lines.push(
      `Proxy ${a.proxy} asks for ${a.schemes.join(', ')}, which npm, pip, git, Docker and most curl builds cannot answer.`,
      `  Run a local relay that authenticates for them on ${a.relayUrl}:`,
    );
    for (const relay of a.relays) {
      lines.push(`  - ${relay.relay} (${FITS[relay.fits]}): ${relay.file}:`);
      for (const line of relay.lines) lines.push(`      ${line}`);
      lines.push(`    start: ${relay.start}`);
    }
    lines.push('  Then point each tool at the relay:');
    for (const tool of a.tools) {
      lines.push(`  - ${tool.tool}: ${tool.commands.join('  /  ')}`);
      if (tool.caveat) lines.push(`      (${CAVEATS[tool.caveat]})`);
    }
    lines.push(
      '  The relay only authenticates: the inspecting proxy still re-signs TLS, so every tool still needs the inspection CA (ca-bridge export).',
    );
  }
  return lines;
}
