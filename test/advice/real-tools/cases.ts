/** The real tools this machine can run, each tied to its catalogue row, with a positive proof that TLS passed. */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
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
  /** null when it can run here, else why not. */
  missing: () => string | null;
  ways: Way[];
  invoke: (url: string, home: string, proxy: { host: string; port: number; url: string }) => Invocation;
  /** Positive proof the request got past the TLS handshake (the origin answered, even if the tool disliked the body). */
  passedTls: (output: string) => boolean;
}

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
    passedTls: (out) => /^200\b/m.test(out),
  },
  {
    row: 'python-requests',
    missing: needPy('requests'),
    ways: ['session'],
    invoke: (url) => ({ command: 'python3', args: ['-c', PYTHON_REQUESTS_SCRIPT, url, '60'] }),
    passedTls: (out) => /^200\b/m.test(out),
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
    missing: () => (has('java', ['-version']) && has('keytool', ['-help']) ? null : 'no JDK here'),
    ways: ['persistent+session'],
    invoke: (url, home, proxy) => {
      const source = path.join(home, 'Fetch.java');
      if (!existsSync(source)) {
        writeFileSync(
          source,
          [
            'public class Fetch { public static void main(String[] a) throws Exception {',
            '  var c = (javax.net.ssl.HttpsURLConnection) new java.net.URL(a[0]).openConnection();',
            '  c.setConnectTimeout(60000); c.setReadTimeout(60000);',
            '  System.out.println("HTTP " + c.getResponseCode()); } }',
          ].join('\n'),
        );
      }
      return { command: 'java', args: [`-Dhttps.proxyHost=${proxy.host}`, `-Dhttps.proxyPort=${proxy.port}`, source, url] };
    },
    passedTls: (out) => /^HTTP 200$/m.test(out),
  },
];
