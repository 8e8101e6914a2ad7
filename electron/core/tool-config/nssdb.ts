import { spawn } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { mkdir, readdir, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { readUserFile } from '../fs/read-user-file.js';
import { userHome } from './home.js';
import { recordPending, settle, forget, type NssChange } from '../ledger/ledger-file.js';

/**
 * Chrome, Chromium and Electron apps on Linux trust what the user's NSS database (~/.pki/nssdb) holds,
 * not /etc/ssl. CA Bridge adds the exported CA there with certutil (libnss3-tools), the only writer NSS
 * documents for its SQLite databases, and takes exactly that one entry out again on undo.
 */

export class NssError extends Error {
  /** certutil's own words, when it is certutil that failed (shown as they are: the program's output). */
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

const CERTUTIL_TIMEOUT_MS = 60_000;

const CERTUTIL_MAX_OUTPUT = 1024 * 1024;

/**
 * certutil in its own session (no controlling terminal) with standard input closed: it asks for a
 * protected database's password on the terminal, and an operation never waits for a person (unattended
 * roll-outs, the page), so such a database is reported as an error instead. Bounded in time and output.
 */
function certutil(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('certutil', args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const collect = (chunk: Buffer) => {
      if (out.length < CERTUTIL_MAX_OUTPUT) out += chunk.toString('utf8').slice(0, CERTUTIL_MAX_OUTPUT - out.length);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), CERTUTIL_TIMEOUT_MS);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new NssError(
              'certutil is not installed: install the package libnss3-tools (Debian, Ubuntu) or nss-tools (Fedora), then run again; nothing was changed',
            )
          : error,
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, out });
    });
  });
}

/** ~/.pki/nssdb of the run's HOME; an empty or relative HOME is refused (it would name a folder under the working directory). */
export const userNssDb = (env: NodeJS.ProcessEnv) => path.join(userHome(env), '.pki', 'nssdb');

/**
 * The nicknames a database lists (`certutil -L`: a blank line and two header lines, then one line per
 * certificate, the nickname padded to the trust column). A database certutil cannot read is a failure,
 * never "the entry is not there".
 */
async function nicknamesIn(db: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const listed = await certutil(['-L', '-d', db], env);
  if (listed.code !== 0) throw new NssError(`certutil could not read ${db}: ${listed.out.trim()}`, listed.out.trim());
  return listed.out
    .split('\n')
    .slice(3)
    .filter((line) => line.trim() !== '')
    .map((line) => line.replace(/\s+[^\s,]*,[^\s,]*,[^\s,]*\s*$/, ''));
}

/** The folders that do not exist yet above `folder`, deepest first (at most 16: a path is never deeper in practice). */
async function missingFolders(folder: string): Promise<string[]> {
  const missing: string[] = [];
  for (let dir = folder; missing.length < 16; dir = path.dirname(dir)) {
    const parent = path.dirname(dir);
    if (parent === dir || (await listFiles(parent)).has(path.basename(dir))) break;
    missing.push(dir);
  }
  return missing;
}

/** The nickname names the CA by its fingerprint, so two different CAs never collide and undo removes only ours. */
const nicknameFor = (der: Buffer) => `CA Bridge ${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;

async function listFiles(dir: string): Promise<Set<string>> {
  return new Set(await readdir(dir).catch(() => [] as string[]));
}

export interface NssApplyResult {
  db: string;
  nickname: string;
  changed: boolean;
  /** The ledger entry this change recorded; null when nothing changed (or on a dry run). */
  entryId: string | null;
}

/** Adds the CA to the user's NSS database (created when there is none), recorded in the ledger. */
export const applyNssDb = (ledger: string, caDerFile: string, env: NodeJS.ProcessEnv, dryRun: boolean) =>
  addToNssDb({ ledger, tool: 'nssdb', folder: userNssDb(env), caDerFile, env, dryRun, mayCreate: true });

export interface NssTarget {
  ledger: string;
  /** The ledger row: `nssdb` (Chromium's ~/.pki/nssdb) or `firefox` (a profile's database). */
  tool: string;
  folder: string;
  caDerFile: string;
  env: NodeJS.ProcessEnv;
  dryRun: boolean;
  /** Create the database when there is none (~/.pki/nssdb); a Firefox profile's is Firefox's to create. */
  mayCreate: boolean;
}

/** Adds the CA (trusted for websites) to one NSS database, through the ledger; an entry already there changes nothing. */
export async function addToNssDb({ ledger, tool, folder, caDerFile, env, dryRun, mayCreate }: NssTarget): Promise<NssApplyResult> {
  const der = await readUserFile(caDerFile, { maxBytes: 64 * 1024 });
  new X509Certificate(der); // a file that is not one certificate is refused before anything is touched
  const db = `sql:${folder}`;
  const nickname = nicknameFor(der);
  // Asked first, also on a dry run: without certutil nothing can be done, and nothing must be.
  await certutil(['--version'], env);
  const hadDb = (await listFiles(folder)).has('cert9.db');
  if (!hadDb && !mayCreate) throw new NssError(`${folder} holds no certificate database (cert9.db): nothing was changed`);
  if (hadDb && (await certutil(['-L', '-d', db, '-n', nickname], env)).code === 0) return { db, nickname, changed: false, entryId: null };
  if (dryRun) return { db, nickname, changed: true, entryId: null };
  const filesBefore = await listFiles(folder);
  const createdFolders = await missingFolders(folder);
  const id = await recordPending(ledger, {
    tool,
    what: `CA ${nickname} in ${db}`,
    change: { kind: 'nssdb', db, nickname, sha256: createHash('sha256').update(der).digest('hex'), createdDb: !hadDb, createdFiles: [] },
  });
  try {
    if (!hadDb) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const made = await certutil(['-N', '-d', db, '--empty-password'], env);
      if (made.code !== 0) throw new NssError(`certutil could not create ${db}: ${made.out.trim()}`);
    }
    const added = await certutil(['-A', '-d', db, '-n', nickname, '-t', 'C,,', '-i', caDerFile], env);
    if (added.code !== 0) throw new NssError(`certutil could not add the CA to ${db}: ${added.out.trim()}`);
    // Read back: the entry holds exactly our certificate.
    const back = await certutil(['-L', '-d', db, '-n', nickname, '-r'], env);
    if (back.code !== 0) throw new NssError(`${db} does not list ${nickname} after adding it`);
  } catch (error) {
    if (hadDb) await forget(ledger, id);
    throw error;
  }
  const createdFiles = hadDb ? [] : [...(await listFiles(folder))].filter((f) => !filesBefore.has(f)).map((f) => path.join(folder, f));
  const change: NssChange = {
    kind: 'nssdb',
    db,
    nickname,
    sha256: createHash('sha256').update(der).digest('hex'),
    createdDb: !hadDb,
    createdFiles: [...createdFiles, ...createdFolders.map((d) => d + path.sep)].slice(0, 16),
  };
  await settle(ledger, id, 'done', change);
  return { db, nickname, changed: true, entryId: id };
}

/**
 * Takes our one entry out; a database CA Bridge created goes too, when it holds nothing else. A database
 * that is gone (the user removed the folder) holds no entry; one certutil cannot read is an error, and
 * the ledger entry stays for a later try. `env` is the run's (its PATH finds certutil).
 */
export async function undoNssEntry(change: NssChange, env: NodeJS.ProcessEnv): Promise<'removed' | 'already-gone'> {
  const folder = change.db.replace(/^sql:/, '');
  if (!(await listFiles(folder)).has('cert9.db')) return 'already-gone';
  const had = (await nicknamesIn(change.db, env)).includes(change.nickname);
  if (had) {
    const removed = await certutil(['-D', '-d', change.db, '-n', change.nickname], env);
    if (removed.code !== 0)
      throw new NssError(`certutil could not remove ${change.nickname} from ${change.db}: ${removed.out.trim()}`, removed.out.trim());
  }
  if (change.createdDb && (await nicknamesIn(change.db, env)).length === 0) {
    for (const file of change.createdFiles.filter((f) => !f.endsWith(path.sep))) await unlink(file).catch(() => undefined);
    for (const dir of change.createdFiles.filter((f) => f.endsWith(path.sep))) await rmdir(dir).catch(() => undefined);
  }
  return had ? 'removed' : 'already-gone';
}
