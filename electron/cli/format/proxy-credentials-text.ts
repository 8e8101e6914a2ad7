/** Where the user's proxy credentials went (credential policy, docs/threat-model.md), in the CLI's words. */
import type { ProxyCredentialUse } from '../../../shared/detection.js';
import { fill } from '../../../shared/i18n/fill.js';
import type { Messages } from '../language.js';

export function proxyCredentialLines(w: Messages, uses: readonly ProxyCredentialUse[] | undefined): string[] {
  const c = w.cli.credentials;
  const lines: string[] = [];
  for (const use of uses ?? []) {
    if (use.status === 'sent') {
      lines.push(fill(c.sent, { proxy: use.proxy, scheme: use.scheme ?? '' }));
      if (use.cleartext) lines.push(fill(c.cleartext, { proxy: use.proxy }));
    } else {
      lines.push(fill(c.held, { proxy: use.proxy, why: c.hold[use.hold ?? 'wpad'], hostPort: use.hostPort }));
    }
  }
  return lines;
}
