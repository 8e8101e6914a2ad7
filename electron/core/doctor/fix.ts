import { execFile } from 'node:child_process';
import { access, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DoctorFinding, FixReport } from '../../../shared/api/results.js';
import { PROBES } from '../../../shared/guidance/rows/probes.js';
import type { VerifyProbe } from '../../../shared/guidance/tool-types.js';
import { readUserFile } from '../fs/read-user-file.js';
import { changeRecorded } from '../ledger/record.js';
import { undoRecorded } from '../ledger/undo.js';
import { removeLines } from '../tool-config/line-edit.js';
import { ENV_VARS } from '../../../shared/guidance/env-vars.js';
import { ENV_RULES } from '../settings/rules.js';
import { writeControlExport } from '../verify/control-ca.js';
import { PROOFS } from '../verify/proofs.js';
import { NODE_SCRIPT } from '../verify/tool-scripts.js';
import { nodeProofProxy, ProofCannotSignIn, refusedByProxy } from './proof-proxy.js';
import type { ProfileFormat } from '../settings/shell-profiles.js';
import type { Shell } from '../../../shared/guidance/quote.js';
import type { ShellCaEnv } from './ca-variables.js';

/**
 * `doctor --fix`: removes a line that switches verification off, only for a tool whose CA setting is in
 * place and proven. The proof runs the tool as the user has it configured, with just that one line masked
 * (the tool pointed at a copy of its file without the line: the only verify-only configuration, stated in
 * the report); then the line is removed through the ledger and the tool proven again as it now is. If the
 * second proof fails, the removal is undone at once.
 */

const PROOF_TIMEOUT_MS = 60_000;
const devNull = process.platform === 'win32' ? 'NUL' : '/dev/null';

export interface ProofRun {
  /** Files the run needs in its folder first (VS Code's: the OS store as a PEM file). */
  prepare?: (tmp: string, place: FixPlace) => Promise<void>;
  command: string;
  args: (url: string, tmp: string) => string[];
  env?: (tmp: string, env: NodeJS.ProcessEnv) => Record<string, string>;
  /** Whether the output shows the site's own answer (verify's proof for the probe). */
  got: (stdout: string, stderr: string, code: number) => boolean;
  exits: number[];
  /** Command-line options that point it at the wrong CA: its own file settings outrank the environment. */
  wrongCaArgs?: (bundle: string) => string[];
  /** verify's Node script, which dials the proxy itself: handed it by verify's sign-in rule (proof-proxy.ts). */
  nodeProxy?: true;
}

const fillText = (text: string, url: string, tmp: string) =>
  text
    .replaceAll('{url}', url)
    .replaceAll('{tmp}', tmp)
    .replaceAll('{seconds}', '30')
    .replaceAll('{ms}', '30000')
    .replaceAll('{devnull}', devNull);

/**
 * verify's own probe for a tool, without the setting verify hands it (here the user's own configuration
 * is what is proven) and without anything that would bypass the user's files (pip's PIP_CONFIG_FILE).
 */
function fromProbe(probe: VerifyProbe, dropEnv: readonly string[] = [], script = ''): ProofRun {
  const env = Object.entries(probe.extraEnv ?? {}).filter(([name, value]) => !value.includes('{proxy}') && !dropEnv.includes(name));
  return {
    command: probe.command,
    args: (url, tmp) =>
      probe.args
        .filter((a) => a !== '{connect-to-args}' && a !== '{proxy-args}')
        .map((a) => fillText(a, url, tmp).replaceAll('{script}', script)),
    env: (tmp) => Object.fromEntries(env.map(([name, value]) => [name, fillText(value, '', tmp)])),
    got: (out, err, code) => PROOFS[probe.proof](out, err, code),
    exits: [...probe.exits],
  };
}

/** The proxy a shell-started program would use: the one verify's Node script dials itself (CA_BRIDGE_PROXY is only the route). */
const proxyOf = (env: NodeJS.ProcessEnv) => env.https_proxy || env.HTTPS_PROXY || env.all_proxy || env.ALL_PROXY || '';

/** The request each fixable tool makes. wget's probe turns its config off (--no-config), so its own is here. */
export const PROOF_RUNS: Record<string, ProofRun> = {
  curl: { ...fromProbe(PROBES.curl), wrongCaArgs: (bundle) => ['--cacert', bundle] },
  git: fromProbe(PROBES.git),
  npm: fromProbe(PROBES.npm),
  pip: fromProbe(PROBES.pip, ['PIP_CONFIG_FILE']),
  wget: {
    command: 'wget',
    args: (url) => ['-S', '--spider', '-t', '1', '-T', '30', url],
    got: PROOFS['wget-headers'],
    exits: [0, 8],
    wrongCaArgs: (bundle) => [`--ca-certificate=${bundle}`],
  },
  // Node's default TLS (what NODE_TLS_REJECT_UNAUTHORIZED=0 turns off): verify's Node request.
  node: {
    ...fromProbe(PROBES.node, [], NODE_SCRIPT),
    nodeProxy: true,
  },
  // VS Code with "http.systemCertificatesNode": true: its extension host's Node with the OS store's
  // certificates added (what that setting loads), through the proxy of the environment.
  vscode: {
    ...fromProbe(PROBES.node, [], NODE_SCRIPT),
    prepare: (tmp, place) => writeFile(path.join(tmp, 'os-store.pem'), place.osStore.join('\n')),
    env: (tmp): Record<string, string> => ({ NODE_EXTRA_CA_CERTS: path.join(tmp, 'os-store.pem') }),
    nodeProxy: true,
  },
  // Yarn 1: the site stands in for the registry; --verbose logs the status of the request it made.
  yarn: {
    command: 'yarn',
    args: (url) => ['info', 'left-pad', '--registry', url, '--verbose', '--non-interactive', '--network-timeout', '30000'],
    env: (tmp) => ({ YARN_CACHE_FOLDER: path.join(tmp, 'yarn-cache'), YARN_IGNORE_PATH: '1' }),
    got: (out) => /^verbose [\d.]+ Request "https:\/\/\S+" finished with status code [1-5]\d\d\.$/m.test(out),
    exits: [0, 1],
  },
};
PROOF_RUNS.pnpm = PROOF_RUNS.npm!;

const home = (env: NodeJS.ProcessEnv) => env.HOME ?? env.USERPROFILE ?? os.homedir();

/** How a proof is pointed away from one line: variables set (to a masked copy) and variables taken away. */
export interface Mask {
  set: Record<string, string>;
  unset: string[];
  /** The folder the masked proof runs in, when the user's would read the unmasked file anyway. */
  cwd?: string;
}

/**
 * The variables that point the tool at another copy of this file, so the line can be masked without
 * touching the user's file; null when the file is one the tool cannot be pointed away from. For a shell
 * profile the mask is the variable itself, taken out of the proof's environment (a new shell will not have it).
 */
/** True when a profile line holds one assignment and nothing else but a comment (quotes taken into account). */
export function profileLineAlone(lineText: string): boolean {
  if (/SetEnvironmentVariable/i.test(lineText)) return false;
  const unquoted = lineText.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, "''");
  const code = unquoted.replace(/(^|\s)#.*$/, '');
  return !/[;&|`]|\$\(/.test(code);
}

async function maskFor(
  tool: string,
  finding: DoctorFinding,
  lineText: string,
  file: string,
  masked: string,
  tmp: string,
  env: NodeJS.ProcessEnv,
  profile: boolean,
  cwd: string,
): Promise<Mask | null> {
  const h = home(env);
  const xdg = env.XDG_CONFIG_HOME || path.join(h, '.config');
  const set = (vars: Record<string, string>): Mask => ({ set: vars, unset: [] });
  // A profile line goes whole: only one that is nothing but the export (and maybe a comment), so that no
  // other command on it is lost. SetEnvironmentVariable(…, 'User') also wrote the registry, which removing
  // the line would not undo.
  if (profile) {
    if (!profileLineAlone(lineText)) return null;
    return { set: {}, unset: Object.keys(env).filter((k) => k.toLowerCase() === finding.setting.toLowerCase()) };
  }
  // VS Code's proof does not read the file: masking is proving without the setting. Only a property alone
  // on its line is removed (the line goes; a comma left before a closing brace is allowed in settings.json).
  if (tool === 'vscode') return VSCODE_LINE.test(lineText) ? { set: {}, unset: [] } : null;
  if (tool === 'npm' || tool === 'pnpm') {
    if (file === path.resolve(env.npm_config_userconfig || env.NPM_CONFIG_USERCONFIG || path.join(h, '.npmrc')))
      return set({ npm_config_userconfig: masked });
    return null;
  }
  if (tool === 'git')
    return file === path.join(h, '.gitconfig') || file === path.join(xdg, 'git', 'config') ? set({ GIT_CONFIG_GLOBAL: masked }) : null;
  if (tool === 'pip') return file === path.join(xdg, 'pip', 'pip.conf') ? set({ PIP_CONFIG_FILE: masked }) : null;
  if (tool === 'wget') return file === path.resolve(env.WGETRC || path.join(h, '.wgetrc')) ? set({ WGETRC: masked }) : null;
  if (tool === 'curl' && path.basename(file) === '.curlrc') {
    await copyFile(masked, path.join(tmp, '.curlrc'));
    return set({ CURL_HOME: tmp });
  }
  // Yarn 1's home .yarnrc: a HOME of the proof's holding the masked copy (FAKEROOTKEY: Yarn then reads
  // HOME's even as root), with the user's npmrc named so its cafile still counts.
  if (tool === 'yarn' && path.basename(file) === '.yarnrc' && file === yarnHomeRc(env)) {
    const proofHome = path.join(tmp, 'home');
    await mkdir(proofHome, { recursive: true });
    await copyFile(masked, path.join(proofHome, '.yarnrc'));
    // Yarn 1 also reads the .yarnrc (and .npmrc) of every folder from the one it runs in up to the root:
    // run from a folder under that home, it reads the unmasked home .yarnrc again as a parent folder's, and
    // the proof (even the wrong-CA one) gets through on the line being proven. The masked proof then runs
    // in a folder of its own, when no project file lies between (one would be left out): else cannot-mask.
    const inside = insideOf(yarnHome(env), cwd);
    if (inside && (await projectRcBetween(cwd, yarnHome(env)))) return null;
    return {
      ...set({
        HOME: proofHome,
        FAKEROOTKEY: env.FAKEROOTKEY || '1',
        npm_config_userconfig: env.npm_config_userconfig || env.NPM_CONFIG_USERCONFIG || path.join(yarnHome(env), '.npmrc'),
      }),
      ...(inside ? { cwd: await mkdir(path.join(tmp, 'cwd'), { recursive: true }).then(() => path.join(tmp, 'cwd')) } : {}),
    };
  }
  return null;
}

/** Whether `folder` is `root` or inside it. */
const insideOf = (root: string, folder: string) => {
  const rel = path.relative(path.resolve(root), path.resolve(folder));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** A .yarnrc or .npmrc in a folder from `cwd` up to (not including) `root`. */
async function projectRcBetween(cwd: string, root: string): Promise<boolean> {
  for (let dir = path.resolve(cwd); dir !== path.resolve(root) && insideOf(root, dir); dir = path.dirname(dir))
    for (const name of ['.yarnrc', '.npmrc'])
      if (
        await access(path.join(dir, name)).then(
          () => true,
          () => false,
        )
      )
        return true;
  return false;
}

const VSCODE_LINE = /^\s*"http\.proxyStrictSSL"\s*:\s*false\s*,?\s*(?:\/\/.*)?\r?$/;

/** Yarn 1's home folder: /usr/local/share for root unless FAKEROOTKEY is set (its user-home-dir.js). */
const yarnHome = (env: NodeJS.ProcessEnv) =>
  process.platform !== 'win32' && process.getuid?.() === 0 && !env.FAKEROOTKEY ? '/usr/local/share' : home(env);
const yarnHomeRc = (env: NodeJS.ProcessEnv) => path.join(yarnHome(env), '.yarnrc');

export async function prove(
  run: ProofRun,
  place: FixPlace,
  tmp: string,
  env: NodeJS.ProcessEnv,
  over: Record<string, string> = {},
  extraArgs: string[] = [],
  inFolder?: string,
): Promise<boolean> {
  await run.prepare?.(tmp, place);
  const { url } = place;
  // Run from HOME, npm and Yarn read the home config a second time as the project's, where the mask does
  // not reach: the proof then runs in its own folder (a user's project folder still counts).
  const cwd = inFolder ?? (path.resolve(place.cwd) === path.resolve(home(place.env)) ? tmp : place.cwd);
  // Credentials only in a scheme the proxy offered (throws ProofCannotSignIn otherwise), never in output.
  const proxy = run.nodeProxy ? await nodeProofProxy(proxyOf(env), url) : null;
  const proxyEnv = proxy === null ? {} : { CA_BRIDGE_PROXY: proxy, https_proxy: proxy, HTTPS_PROXY: proxy, all_proxy: '', ALL_PROXY: '' };
  return new Promise((resolve, reject) => {
    execFile(
      run.command,
      [...extraArgs, ...run.args(url, tmp)],
      { env: { ...env, ...run.env?.(tmp, env), ...proxyEnv, ...over }, cwd, timeout: PROOF_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        // A 407 to the sign-in: the CA was never reached; said as such, not as a failed proof.
        if (proxy && refusedByProxy(stderr)) reject(new ProofCannotSignIn([], 'proxy-refused'));
        else resolve(run.exits.includes(code) && run.got(stdout, stderr, code));
      },
    ).stdin?.end();
  });
}

/**
 * Variables that switch verification off (the scanner's rules) and git's command-line config from the
 * environment (GIT_CONFIG_COUNT/KEY_n/VALUE_n, GIT_CONFIG_PARAMETERS): never in a proof's environment,
 * or the proof would pass because this session bypasses verification, not because the CA is in place.
 */
const OFF_NAMES = ENV_RULES.filter((r) => r.effect === 'verification-off').map((r) => r.name.toLowerCase());
const isVerificationOff = (name: string) =>
  OFF_NAMES.includes(name.toLowerCase()) || /^GIT_CONFIG_(COUNT|PARAMETERS|KEY_\d+|VALUE_\d+)$/.test(name);

/**
 * The environment a proof runs in: the user's, the CA variables one shell's own startup files give a new
 * terminal of it (never another shell's), and the mask.
 */
export function proofEnv(place: FixPlace, shell: Shell, mask: Mask | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...place.env, ...place.shells[shell].ca, ...mask?.set };
  for (const name of Object.keys(env)) if (isVerificationOff(name)) delete env[name];
  for (const name of mask?.unset ?? []) delete env[name];
  return env;
}

/** CA settings every fixable tool takes from its environment ahead of its files, for the wrong-CA proof. */
const TOOL_CA_VARS: Record<string, 'ca' | 'bundle'> = {
  GIT_SSL_CAINFO: 'bundle',
  npm_config_cafile: 'bundle',
  NPM_CONFIG_CAFILE: 'bundle',
  YARN_CAFILE: 'bundle',
  PIP_CERT: 'bundle',
  CURL_CA_BUNDLE: 'bundle',
  SSL_CERT_FILE: 'bundle',
  NODE_EXTRA_CA_CERTS: 'ca',
};

/**
 * The negative control: every CA setting pointed at a CA generated for this run (verify's control CA).
 * The same proof must then fail, or verification is still off somewhere (another file, another level)
 * and removing the line would be proven by nothing.
 */
async function wrongCaOverrides(tmp: string): Promise<Record<string, string>> {
  const dir = path.join(tmp, 'control');
  await mkdir(dir, { recursive: true });
  const control = await writeControlExport(dir, [], []);
  const over: Record<string, string> = {};
  for (const v of ENV_VARS) if (v.file) over[v.name] = control[v.file];
  for (const [name, file] of Object.entries(TOOL_CA_VARS)) over[name] = control[file];
  return over;
}

/** Proven with the user's CA, and failing with the wrong one. */
export async function provenBothWays(
  run: ProofRun,
  place: FixPlace,
  tmp: string,
  env: NodeJS.ProcessEnv,
  inFolder?: string,
): Promise<boolean> {
  if (!(await prove(run, place, tmp, env, {}, [], inFolder))) return false;
  const over = await wrongCaOverrides(tmp);
  return !(await prove(run, place, tmp, env, over, run.wrongCaArgs?.(over.CURL_CA_BUNDLE!) ?? [], inFolder));
}

export interface FixPlace {
  env: NodeJS.ProcessEnv;
  ledger: string;
  /** An https URL behind the inspection, where the proof requests go. */
  url: string;
  /** The folder the tools run in (its project files count, as for the scan). */
  cwd: string;
  /** Per shell, its startup files and the CA variables they give a new terminal of it. */
  shells: Record<Shell, ShellCaEnv>;
  /** The user's shell (a tool's own file is proven with what a new terminal of it has). */
  shell: Shell;
  /** The user's shell profiles and their formats: a line there is masked by leaving its variable out. */
  profiles: ReadonlyMap<string, ProfileFormat>;
  /** The OS trust store's certificates (PEM), for VS Code's proof. */
  osStore: readonly string[];
}

/**
 * The shells a proof must pass for: for a profile line, every shell that reads that file (removing it
 * changes each); for a tool's own file, the user's shell.
 */
export function proofShells(place: FixPlace, file: string): Shell[] {
  if (!place.profiles.has(file)) return [place.shell];
  const readers = (Object.keys(place.shells) as Shell[]).filter((s) => place.shells[s].files.includes(file));
  return readers.length ? readers : [place.shell];
}

/** Proven both ways for every shell in `shells` (each with its own startup files' CA variables). */
export async function provenInShells(
  run: ProofRun,
  place: FixPlace,
  tmp: string,
  shells: readonly Shell[],
  envFor: (shell: Shell) => NodeJS.ProcessEnv,
  inFolder?: string,
): Promise<boolean> {
  for (const shell of shells) if (!(await provenBothWays(run, place, tmp, envFor(shell), inFolder))) return false;
  return true;
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
    const profile = place.profiles.has(source.file);
    const mask = await maskFor(
      tool,
      finding,
      original.split('\n')[source.line - 1] ?? '',
      source.file,
      masked,
      tmp,
      place.env,
      profile,
      place.cwd,
    );
    if (!mask) return { ...base, tool, outcome: 'cannot-mask' };
    const shells = proofShells(place, source.file);
    const proven = await provenInShells(PROOF_RUNS[tool]!, place, tmp, shells, (shell) => proofEnv(place, shell, mask), mask.cwd).catch(
      (error: unknown) => (error instanceof ProofCannotSignIn ? error.outcome : Promise.reject(error)),
    );
    if (proven === 'proxy-sign-in' || proven === 'proxy-refused') return { ...base, tool, outcome: proven };
    if (!proven) return { ...base, tool, outcome: 'not-proven' };
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
    // Proven again as it now is: a profile's variable is gone for every new shell (this one still has it).
    const after = (shell: Shell) => proofEnv(place, shell, profile ? { set: {}, unset: mask.unset } : null);
    let passes = true;
    for (const shell of shells) passes = passes && (await prove(PROOF_RUNS[tool]!, place, tmp, after(shell)).catch(() => false));
    if (passes)
      return {
        ...base,
        tool,
        outcome: 'removed',
        entries: result.entryId ? [result.entryId] : [],
        ...(profile ? { newShell: true } : {}),
      };
    await undoRecorded(place.ledger, (e) => e.id === result.entryId, false, place.env);
    return { ...base, tool, outcome: 'put-back' };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
