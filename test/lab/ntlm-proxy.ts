/**
 * The NTLM-verifying lab proxy (test/helpers/ntlm-verifying-proxy.py, pyspnego's acceptor) as the
 * tests start and stop it: its own temporary folder holding the password file and the JSON-lines
 * log of every handshake, listening on 127.0.0.1, forwarding authenticated CONNECTs to a lab proxy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOOPBACK, sleep, stopChild } from './servers.js';

const PYTHON = new URL('../../.tools/ntlm/venv/bin/python3', import.meta.url).pathname;
const SCRIPT = new URL('../helpers/ntlm-verifying-proxy.py', import.meta.url).pathname;

/** What the proxy saw in one type 3 message (never the password or a hash). */
export interface NtlmLogin {
  event: 'type3';
  accepted: boolean;
  reason: string | null;
  domain: string | null;
  user: string | null;
  ntlmv2: boolean;
  unicode: boolean;
  mic: boolean;
  clientTimestamp?: number;
  serverTimestamp?: number | null;
  lmField?: string;
}

export interface NtlmAccount {
  /** '' for a user given without a domain, or in the user@domain (UPN) form. */
  domain: string;
  user: string;
  password: string;
}

export interface NtlmProxy {
  url: string;
  port: number;
  /** Every event logged so far: challenges sent, type 2 messages, type 3 verdicts. */
  events(): Promise<Record<string, unknown>[]>;
  logins(): Promise<NtlmLogin[]>;
  close(): Promise<void>;
}

/** Why the NTLM-verifying proxy cannot run here, or null. */
export function ntlmProxyMissing(): string | null {
  if (!existsSync(PYTHON)) return 'pyspnego is not installed in .tools/ntlm/venv (.ci/install.d/65-ntlm.sh installs it)';
  return null;
}

export async function startNtlmProxy(parentPort: number, accounts: NtlmAccount[]): Promise<NtlmProxy> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-ntlm-'));
  const userFile = path.join(dir, 'users');
  const logFile = path.join(dir, 'events.jsonl');
  // The acceptor's flat-file format, DOMAIN:user:password; a ':' would split the line differently.
  for (const a of accounts) if (`${a.domain}${a.user}${a.password}`.includes(':')) throw new Error('no ":" in lab NTLM accounts');
  await writeFile(userFile, accounts.map((a) => `${a.domain}:${a.user}:${a.password}\n`).join(''), { mode: 0o600 });
  await writeFile(logFile, '');
  const child: ChildProcess = spawn(PYTHON, [SCRIPT, String(parentPort), logFile], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NTLM_USER_FILE: userFile, PYTHONIOENCODING: 'utf-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  let port = 0;
  for (let waited = 0; !port; waited += 50) {
    port = Number(/LISTENING (\d+)/.exec(stdout)?.[1] ?? 0);
    if (port) break;
    if (child.exitCode !== null || waited > 30_000) {
      await stop();
      throw new Error(`the NTLM-verifying proxy did not start: ${stderr.slice(-2000)}`);
    }
    await sleep(50);
  }
  const events = async () =>
    (await readFile(logFile, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    events,
    logins: async () => (await events()).filter((e) => e.event === 'type3') as unknown as NtlmLogin[],
    close: stop,
  };
}
