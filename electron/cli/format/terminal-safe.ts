import { escapeTerminalText } from '../../../shared/network-text.js';
import type { CliIo } from '../io.js';

/**
 * The last line of defence before a terminal: whatever a command prints (a report quoting certificate
 * names, a proxy's reply, a tool's error text, a pasted error) leaves with its control characters and
 * bidi overrides made visible. Engine results are escaped where network text enters them; this covers
 * any path that was missed, and `--json` output alike (the escapes it writes are valid JSON escapes).
 */
export function terminalSafeIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(escapeTerminalText(text)),
    stderr: (text) => io.stderr(escapeTerminalText(text)),
  };
}
