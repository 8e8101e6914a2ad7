/**
 * Windows builds of the Go HTTPS client (writeGoFetch) made by the real go1.27.4 toolchain, for running under
 * Wine, and the one DLL Wine 8 lacks for them.
 *
 * Cost: the first GOOS=windows build compiles the standard library for Windows (~30 s of CPU). The .exe is kept
 * under .tools/advice/go127/windows/<key>/, the key being a hash of the toolchain and the source, so later runs
 * on the same machine reuse it and a change to the source or toolchain builds afresh.
 *
 * bcryptprimitives.dll: Go 1.24 and later call ProcessPrng there for random numbers and stop at start-up without
 * it; Wine 8.0 (Debian 12) has no such DLL (Wine 9 does). The stand-in is made by the MinGW linker from a .def
 * file alone: one export, forwarded to advapi32's RtlGenRandom (SystemFunction036). It holds no code and has no
 * part in certificate verification (Go asks crypt32 for that); it goes into the test's own prefix only.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { TOOLS, writeGoFetch } from './cases.js';

const exec = promisify(execFile);

export const GO127 = path.join(TOOLS, 'go127');
export const GO127_TOOLCHAIN = 'go1.27.4';
const LD = 'x86_64-w64-mingw32-ld';
const AS = 'x86_64-w64-mingw32-as';

/** Why the Windows Go builds cannot be made here, or null. */
export function goWindowsSkipReason(): string | null {
  if (!existsSync(path.join(GO127, '.done'))) return `${GO127} is missing (bash .ci/install.d/50-advice.sh fetches Go 1.27)`;
  for (const tool of [LD, AS])
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0)
      return `${tool} is not installed (Debian: binutils-mingw-w64-x86-64; .ci/install.d/50-advice.sh)`;
  return null;
}

const goEnv = (home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: home,
  GOPATH: path.join(GO127, 'gopath'),
  GOMODCACHE: path.join(GO127, 'gopath', 'pkg', 'mod'),
  GOCACHE: path.join(GO127, 'cache'),
  GOTOOLCHAIN: GO127_TOOLCHAIN,
  GOPROXY: 'off',
  ...extra,
});

/**
 * The Windows (amd64) build of the HTTPS client whose go.mod says `go <languageVersion>`: from the cache when
 * this toolchain already built this source, else built now (into a temporary name, then renamed: two test files
 * building at once both end with a whole file).
 */
export async function goWindowsFetch(scratch: string, languageVersion: string): Promise<string> {
  const src = mkdtempSync(path.join(scratch, `go-windows-src-${languageVersion}-`));
  writeGoFetch(src, languageVersion);
  const key = createHash('sha256')
    .update([GO127_TOOLCHAIN, 'windows/amd64', ...['go.mod', 'main.go'].map((f) => readFileSync(path.join(src, f), 'utf8'))].join('\0'))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(GO127, 'windows', key);
  const exe = path.join(dir, 'fetch.exe');
  if (existsSync(exe)) return exe;
  mkdirSync(dir, { recursive: true });
  const partial = path.join(dir, `fetch.${process.pid}.partial.exe`);
  await exec('go', ['build', '-trimpath', '-o', partial, '.'], {
    cwd: src,
    env: goEnv(src, { GOOS: 'windows', GOARCH: 'amd64', CGO_ENABLED: '0' }),
    timeout: 900_000,
  });
  renameSync(partial, exe);
  rmSync(src, { recursive: true, force: true });
  return exe;
}

/** `go version -m`: the toolchain and the default GODEBUG the go.mod's language version gives the program. */
export async function goBuildInfo(exe: string): Promise<string> {
  const { stdout } = await exec('go', ['version', '-m', exe], {
    env: goEnv(path.dirname(exe), { GOTOOLCHAIN: 'local' }),
    timeout: 120_000,
  });
  return stdout;
}

/** Makes the ProcessPrng forwarder (see above) in `scratch` and returns its path. */
export async function bcryptPrimitivesStandIn(scratch: string): Promise<string> {
  const dir = mkdtempSync(path.join(scratch, 'bcryptprimitives-'));
  const def = path.join(dir, 'bcryptprimitives.def');
  writeFileSync(def, 'LIBRARY bcryptprimitives.dll\nEXPORTS\nProcessPrng = advapi32.SystemFunction036\n');
  const empty = path.join(dir, 'empty.o');
  await exec(AS, ['-o', empty, '/dev/null'], { timeout: 60_000 });
  const dll = path.join(dir, 'bcryptprimitives.dll');
  // No entry point: a DLL of forwarded exports needs no DllMain.
  await exec(LD, ['--dll', '-e', '0', '-o', dll, empty, def], { timeout: 60_000 });
  return dll;
}
