/** Where the user's proxy credentials went (credential policy, docs/threat-model.md), in the CLI's words. */
import type { ProxyCredentialUse } from '../../../shared/detection.js';

const HELD: Record<NonNullable<ProxyCredentialUse['hold']>, string> = {
  wpad: 'only a WPAD file found on the network named it',
  'unknown-pac': 'the proxy setting that chose it cannot be told apart from WPAD',
};

export function proxyCredentialLines(uses: readonly ProxyCredentialUse[] | undefined): string[] {
  const lines: string[] = [];
  for (const use of uses ?? []) {
    if (use.status === 'sent') {
      lines.push(`Credentials: sent to proxy ${use.proxy} as ${use.scheme}`);
      if (use.cleartext)
        lines.push(
          `  WARNING: Basic sends the user name and password readable to anyone on the network path to ${use.proxy} (a plain-http proxy); prefer an https:// proxy address or NTLM/Kerberos if the proxy offers them`,
        );
    } else {
      lines.push(
        `Credentials: NOT sent to proxy ${use.proxy}, which asked for them: ${HELD[use.hold ?? 'wpad']}. If you trust it, run again with --confirm-proxy ${use.hostPort}`,
      );
    }
  }
  return lines;
}
