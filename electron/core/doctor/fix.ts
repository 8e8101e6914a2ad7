import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DoctorFinding, FixReport } from '../../../shared/api/results.js';
import { PROBES } from '../../../shared/guidance/rows/probes.js';
import type { ProofKind, VerifyProbe } from '../../../shared/guidance/tool-types.js';
import { readUserFile } from '../fs/read-user-file.js';
import { changeRecorded } from '../ledger/record.js';
import { undoRecorded } from '../ledger/undo.js';
import { removeLines } from '../tool-config/line-edit.js';
import { PROOFS } from '../verify/proofs.js';

/**
 * `doctor --fix`: removes a line that switches verification off, only for a tool whose CA setting is in
 * place and proven. The proof runs the tool as the user has it configured, with just that one line masked
 * (the tool pointed at a copy of its file without the line: the only verify-only configuration, stated in
 * the report); then the line is removed through the ledger and the tool proven again as it now is. If the
 * second proof fails, the removal is undone at once.
 */

const PROOF_TIMEOUT_MS = 60_000;
const devNull = process.platform === 'win32' ? 'NUL' : '/dev/null';

interface ProofRun {
  command: string;
  args: (url: string, tmp: string) => string[];
  env?: (tmp: string) => Record<string, string>;
  proof: ProofKind;
  exits: number[];
}

/**
 * verify's own probe for a tool, without the setting verify hands it (here the user's own configuration
 * is what is proven) and without anything that would bypass the user's files (pip's PIP_CONFIG_FILE).
 */
function fromProbe(probe: VerifyProbe, dropEnv: readonly string[] = []): ProofRun {
  const fill = (text: string, url: string, tmp: string) =>
    text
      .replaceAll('{url}', url)
      .replaceAll('{tmp}', tmp)
      .replaceAll('{seconds}', '30')
      .replaceAll('{ms}', '30000')
      .replaceAll('{devnull}', devNull);
  const env = Object.entries(probe.extraEnv ?? {}).filter(([name, value]) => !value.includes('{proxy}') && !dropEnv.includes(name));
  return {
    command: probe.command,
    args: (url, tmp) => probe.args.filter((a) => a !== '{connect-to-args}' && a !== '{proxy-args}').map((a) => fill(a, url, tmp)),
    env: (tmp) => Object.fromEntries(env.map(([name, value]) => [name, fill(value, '', tmp)])),
    proof: probe.proof,
    exits: [...probe.exits],
  };
}

/** The request each fixable tool makes. wget's probe turns its config off (--no-config), so its own is here. */
const PROOF_RUNS: Record<string, ProofRun> = {
  curl: fromProbe(PROBES.curl),
  git: fromProbe(PROBES.git),
  npm: fromProbe(PROBES.npm),
  pip: fromProbe(PROBES.pip, ['PIP_CONFIG_FILE']),
  wget: { command: 'wget', args: (url) => ['-S', '--spider', '-t', '1', '-T', '30', url], proof: 'wget-headers', exits: [0, 8] },
};
PROOF_RUNS.pnpm = PROOF_RUNS.npm!;

const home = (env: NodeJS.ProcessEnv) => env.HOME ?? env.USERPROFILE ?? os.homedir();

/**
 * The variable that points the tool at another copy of this file, so the line can be masked without
 * touching the user's file; null when the file is one the tool cannot be pointed away from.
 */
async function maskFor(
  tool: string,
  file: string,
  masked: string,
  tmp: string,
  env: NodeJS.ProcessEnv,
): Promise<Record<string, string> | null> {
  const h = home(env);
  const xdg = env.XDG_CONFIG_HOME || path.join(h, '.config');
  if (tool === 'npm' || tool === 'pnpm') {
    if (file === path.resolve(env.npm_config_userconfig || env.NPM_CONFIG_USERCONFIG || path.join(h, '.npmrc')))
      return { npm_config_userconfig: masked };
    return null;
  }
  if (tool === 'git')
    return file === path.join(h, '.gitconfig') || file === path.join(xdg, 'git', 'config') ? { GIT_CONFIG_GLOBAL: masked } : null;
  if (tool === 'pip') return file === path.join(xdg, 'pip', 'pip.conf') ? { PIP_CONFIG_FILE: masked } : null;
  if (tool === 'wget') return file === path.resolve(env.WGETRC || path.join(h, '.wgetrc')) ? { WGETRC: masked } : null;
  if (tool === 'curl' && path.basename(file) === '.curlrc') {
    await copyFile(masked, path.join(tmp, '.curlrc'));
    return { CURL_HOME: tmp };
  }
  return null;
}

function prove(run: ProofRun, url: string, tmp: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      run.command,
      run.args(url, tmp),
      { env: { ...env, ...run.env?.(tmp) }, timeout: PROOF_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve(run.exits.includes(code) && PROOFS[run.proof](stdout, stderr, code));
      },
    );
  });
}

export interface FixPlace {
  env: NodeJS.ProcessEnv;
  ledger: string;
  /** An https URL behind the inspection, where the proof requests go. */
  url: string;
}

/** Tries to remove one verification-off line; never removes it unless the tool was proven both ways. */
export async function fixFinding(finding: DoctorFinding, caInPlace: ReadonlySet<string>, place: FixPlace): Promise<FixReport> {
  const source = finding.source;
  const base = { setting: finding.setting, value: finding.value, source, tool: finding.tools[0] ?? '' };
  if (!source || source.kind !== 'file') return { ...base, outcome: 'not-a-file' };
  const tool = finding.tools.find((t) => PROOF_RUNS[t]);
  if (!tool) return { ...base, outcome: 'not-supported' };
  if (!caInPlace.has(tool)) return { ...base, tool, outcome: 'ca-not-in-place' };
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ca-bridge-fix-'));
  try {
    const original = (await readUserFile(source.file)).toString('latin1');
    const { text: without } = removeLines(original, (_content, _section, line) => line === source.line);
    const masked = path.join(tmp, `masked-${path.basename(source.file)}`);
    await writeFile(masked, Buffer.from(without, 'latin1'));
    const mask = await maskFor(tool, source.file, masked, tmp, place.env);
    if (!mask) return { ...base, tool, outcome: 'cannot-mask' };
    if (!(await prove(PROOF_RUNS[tool]!, place.url, tmp, { ...place.env, ...mask }))) return { ...base, tool, outcome: 'not-proven' };
    const expected = original.split(/\n/)[source.line - 1];
    const result = await changeRecorded({
      ledger: place.ledger,
      tool,
      what: `removed insecure setting ${finding.setting} = ${finding.value} (line ${source.line})`,
      file: source.file,
      undo: 'restore-bytes',
      dryRun: false,
      reenables: `${finding.setting} = ${finding.value}`,
      edit: (text) => {
        // The line must still be the one that was found (a file edited meanwhile is left alone).
        const { text: next, removed } = removeLines(
          text ?? '',
          (_c, _s, line) => line === source.line && text?.split(/\n/)[line - 1] === expected,
        );
        return { text: next, changed: removed.length === 1 };
      },
    });
    if (!result.changed) return { ...base, tool, outcome: 'changed-meanwhile' };
    if (await prove(PROOF_RUNS[tool]!, place.url, tmp, place.env))
      return { ...base, tool, outcome: 'removed', entries: result.entryId ? [result.entryId] : [] };
    await undoRecorded(place.ledger, (e) => e.id === result.entryId, false, place.env);
    return { ...base, tool, outcome: 'put-back' };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * A CA setting pointing at a missing, unreadable or expired file: repointed at the export through the
 * ledger (the same line `apply --tool` writes, in the same file), then proven; put back if the tool does
 * not get through with it.
 */
export async function repointFinding(
  finding: DoctorFinding,
  place: FixPlace,
  repoint: (tool: string) => Promise<{ file: string | null; changed: boolean; entryId: string | null }>,
): Promise<FixReport> {
  const source = finding.source;
  const base = { setting: finding.setting, value: finding.value, source, tool: finding.tools[0] ?? '' };
  if (!source || source.kind !== 'file') return { ...base, outcome: 'not-a-file' };
  const tool = finding.tools.find((t) => PROOF_RUNS[t]);
  if (!tool) return { ...base, outcome: 'not-supported' };
  const done = await repoint(tool);
  if (done.file !== source.file) return { ...base, tool, outcome: 'cannot-mask' };
  if (!done.changed) return { ...base, tool, outcome: 'changed-meanwhile' };
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ca-bridge-fix-'));
  try {
    if (await prove(PROOF_RUNS[tool]!, place.url, tmp, place.env))
      return { ...base, tool, outcome: 'repointed', entries: done.entryId ? [done.entryId] : [] };
    await undoRecorded(place.ledger, (e) => e.id === done.entryId, false, place.env);
    return { ...base, tool, outcome: 'put-back' };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
