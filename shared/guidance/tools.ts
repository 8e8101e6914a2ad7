import type { ExportFile, Semantics } from './env-vars.js';
import type { Text } from './text.js';

export type Platform = 'linux' | 'macos' | 'windows';

/** Node's process.platform in the catalogue's terms (every other Unix counts as Linux). */
export const platformOf = (nodePlatform: string): Platform =>
  nodePlatform === 'win32' ? 'windows' : nodePlatform === 'darwin' ? 'macos' : 'linux';
const ALL: Platform[] = ['linux', 'macos', 'windows'];

/**
 * One way to configure a tool. Placeholders: {ca} {bundle} {der} (exported files), {ca_wsl} (the CA
 * as seen from inside WSL), {keytool} {cacerts} (per JDK found). `shell` commands are quoted for the
 * user's shell; `posix` ones always run in a Linux shell (WSL, containers); `file` is text to put in a
 * file as-is; `env` sets a variable with the shell's syntax.
 */
export type Step =
  | { kind: 'shell' | 'posix'; template: string }
  | { kind: 'file'; path: string; template: string }
  | { kind: 'env'; name: string; value: ExportFile | { literal: string } };

export interface ToolGuide {
  id: string;
  name: string;
  setting: string;
  semantics: Semantics;
  file: ExportFile | null;
  platforms: Platform[];
  steps: Step[];
  /** Used instead of `steps` when they need a JDK ({keytool}, {cacerts}) and none was found. */
  genericSteps?: Step[];
  caveats: Text[];
  reference: string;
}

const restart: Text = {
  en: 'Read only when the program starts: open a new terminal and restart editors.',
  ja: '起動時にだけ読まれます。新しいターミナルを開き、エディターを再起動してください。',
};

/** The catalogue both the CLI and the UI render. Adding a tool is adding one entry. */
export const TOOL_GUIDES: readonly ToolGuide[] = [
  {
    id: 'node',
    name: 'Node.js',
    setting: 'NODE_EXTRA_CA_CERTS',
    semantics: 'add',
    file: 'ca',
    platforms: ALL,
    steps: [{ kind: 'env', name: 'NODE_EXTRA_CA_CERTS', value: 'ca' }],
    caveats: [
      restart,
      {
        en: 'A missing file is only a warning; code that passes its own `ca` option ignores the variable.',
        ja: 'ファイルが無くても警告だけです。独自の `ca` オプションを渡すコードはこの変数を無視します。',
      },
    ],
    reference: 'https://nodejs.org/api/cli.html#node_extra_ca_certsfile',
  },
  {
    id: 'node-system-ca',
    name: 'Node.js 22.15+ (OS store)',
    setting: 'NODE_USE_SYSTEM_CA',
    semantics: 'add',
    file: null,
    platforms: ALL,
    steps: [{ kind: 'env', name: 'NODE_USE_SYSTEM_CA', value: { literal: '1' } }],
    caveats: [
      {
        en: 'Needs Node.js 22.15 or later; adds the OS trust store, where IT installed the CA.',
        ja: 'Node.js 22.15 以降が必要です。IT が CA を入れた OS の信頼ストアを追加で使います。',
      },
    ],
    reference: 'https://nodejs.org/api/cli.html#--use-system-ca',
  },
  {
    id: 'npm',
    name: 'npm',
    setting: 'cafile (.npmrc)',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'shell', template: 'npm config set cafile {bundle}' }],
    caveats: [
      {
        en: "Replaces npm's trust: it must be the bundle, never the CA alone.",
        ja: 'npm の信頼リストを置き換えます。CA 単体ではなく必ずバンドルを指定してください。',
      },
    ],
    reference: 'https://docs.npmjs.com/cli/v11/using-npm/config#cafile',
  },
  {
    id: 'pnpm',
    name: 'pnpm',
    setting: 'cafile',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'shell', template: 'pnpm config set cafile {bundle}' }],
    caveats: [],
    reference: 'https://pnpm.io/npmrc#cafile',
  },
  {
    id: 'yarn',
    name: 'Yarn 1 (classic)',
    setting: 'cafile',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'shell', template: 'yarn config set cafile {bundle}' }],
    caveats: [],
    reference: 'https://classic.yarnpkg.com/en/docs/cli/config',
  },
  {
    id: 'yarn-berry',
    name: 'Yarn 2+ (berry)',
    setting: 'httpsCaFilePath',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'shell', template: 'yarn config set httpsCaFilePath {bundle}' }],
    caveats: [],
    reference: 'https://yarnpkg.com/configuration/yarnrc#httpsCaFilePath',
  },
  {
    id: 'python-requests',
    name: 'Python requests, Azure CLI',
    setting: 'REQUESTS_CA_BUNDLE',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'env', name: 'REQUESTS_CA_BUNDLE', value: 'bundle' }],
    caveats: [
      {
        en: 'Python 3.13+ rejects CA certificates whose Basic Constraints are not critical or that lack a Subject Key Identifier: see the CA check of the export.',
        ja: 'Python 3.13 以降は Basic Constraints が critical でない、または Subject Key Identifier の無い CA を拒否します。エクスポート時の CA チェックを確認してください。',
      },
    ],
    reference: 'https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification',
  },
  {
    id: 'pip',
    name: 'pip',
    setting: 'global.cert / PIP_CERT',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'shell', template: 'pip config set global.cert {bundle}' }],
    caveats: [
      {
        en: 'pip 24.2+ on Python 3.10+ already trusts the OS store; set this only if pip still fails.',
        ja: 'Python 3.10 以降の pip 24.2 以降は OS の信頼ストアを使います。それでも失敗する場合だけ設定してください。',
      },
    ],
    reference: 'https://pip.pypa.io/en/stable/topics/https-certificates/',
  },
  {
    id: 'uv',
    name: 'uv',
    setting: 'SSL_CERT_FILE or --native-tls',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [
      { kind: 'env', name: 'SSL_CERT_FILE', value: 'bundle' },
      { kind: 'env', name: 'UV_NATIVE_TLS', value: { literal: 'true' } },
    ],
    caveats: [
      {
        en: 'UV_NATIVE_TLS=true makes uv use the OS store instead; either one is enough.',
        ja: 'UV_NATIVE_TLS=true なら OS の信頼ストアを使います。どちらか一方で十分です。',
      },
    ],
    reference: 'https://docs.astral.sh/uv/concepts/authentication/certificates/',
  },
  {
    id: 'conda',
    name: 'conda',
    setting: 'ssl_verify',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'shell', template: 'conda config --set ssl_verify {bundle}' }],
    caveats: [],
    reference: 'https://docs.conda.io/projects/conda/en/stable/user-guide/configuration/settings.html#ssl-verify',
  },
  {
    id: 'openssl',
    name: 'OpenSSL clients, Ruby, httpx',
    setting: 'SSL_CERT_FILE',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'env', name: 'SSL_CERT_FILE', value: 'bundle' }],
    caveats: [
      {
        en: 'Applies to every OpenSSL-based program started from that environment.',
        ja: 'その環境から起動される OpenSSL 系プログラムすべてに効きます。',
      },
    ],
    reference: 'https://docs.openssl.org/3.0/man3/SSL_CTX_set_default_verify_paths/',
  },
  {
    id: 'curl',
    name: 'curl',
    setting: 'CURL_CA_BUNDLE',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'env', name: 'CURL_CA_BUNDLE', value: 'bundle' }],
    caveats: [
      {
        en: "Windows' own curl.exe (Schannel) already uses the Windows store.",
        ja: 'Windows 標準の curl.exe（Schannel）は最初から Windows のストアを使います。',
      },
    ],
    reference: 'https://curl.se/docs/sslcerts.html',
  },
  {
    id: 'git',
    name: 'Git',
    setting: 'http.sslCAInfo / GIT_SSL_CAINFO',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'shell', template: 'git config --global http.sslCAInfo {bundle}' }],
    caveats: [
      {
        en: 'On Windows, `git config --global http.sslBackend schannel` uses the Windows store instead.',
        ja: 'Windows では `git config --global http.sslBackend schannel` で Windows のストアを使えます。',
      },
    ],
    reference: 'https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslCAInfo',
  },
  {
    id: 'cargo',
    name: 'Cargo',
    setting: 'CARGO_HTTP_CAINFO',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'env', name: 'CARGO_HTTP_CAINFO', value: 'bundle' }],
    caveats: [],
    reference: 'https://doc.rust-lang.org/cargo/reference/config.html#httpcainfo',
  },
  {
    id: 'gcloud',
    name: 'Google Cloud CLI',
    setting: 'core/custom_ca_certs_file',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'shell', template: 'gcloud config set core/custom_ca_certs_file {bundle}' }],
    caveats: [],
    reference: 'https://cloud.google.com/sdk/gcloud/reference/topic/configurations',
  },
  {
    id: 'aws',
    name: 'AWS CLI',
    setting: 'ca_bundle / AWS_CA_BUNDLE',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL,
    steps: [{ kind: 'shell', template: 'aws configure set ca_bundle {bundle}' }],
    caveats: [
      {
        en: '`aws sso login` opens the browser and its token exchange may not honour ca_bundle.',
        ja: '`aws sso login` はブラウザを使い、トークン取得では ca_bundle が使われない場合があります。',
      },
    ],
    reference: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html#cli-config-ca_bundle',
  },
  {
    id: 'go',
    name: 'Go',
    setting: 'SSL_CERT_FILE',
    semantics: 'replace',
    file: 'bundle',
    platforms: ['linux'],
    steps: [{ kind: 'env', name: 'SSL_CERT_FILE', value: 'bundle' }],
    caveats: [
      {
        en: 'Only on Linux: on macOS and Windows Go asks the OS verifier, which already trusts the CA.',
        ja: 'Linux のみ有効。macOS と Windows の Go は OS の検証機能を使うため設定不要です。',
      },
    ],
    reference: 'https://pkg.go.dev/crypto/x509#SystemCertPool',
  },
  {
    id: 'java',
    name: 'Java (keytool)',
    setting: 'cacerts',
    semantics: 'add',
    file: 'der',
    platforms: ALL,
    steps: [
      {
        kind: 'shell',
        template: '{keytool} -importcert -noprompt -trustcacerts -alias corporate-ca -file {der} -keystore {cacerts} -storepass changeit',
      },
    ],
    genericSteps: [
      {
        kind: 'shell',
        template: 'keytool -importcert -noprompt -trustcacerts -alias corporate-ca -file {der} -cacerts -storepass changeit',
      },
    ],
    caveats: [
      {
        en: 'Per JDK: repeat for every JDK you use; a JDK update brings a fresh cacerts.',
        ja: 'JDK ごとの設定です。使うすべての JDK で実行し、JDK 更新後もやり直してください。',
      },
      {
        en: 'A JDK under a system folder needs administrator rights (sudo).',
        ja: 'システムフォルダーの JDK には管理者権限（sudo）が必要です。',
      },
    ],
    reference: 'https://docs.oracle.com/en/java/javase/21/docs/specs/man/keytool.html',
  },
  {
    id: 'deno',
    name: 'Deno',
    setting: 'DENO_CERT',
    semantics: 'add',
    file: 'ca',
    platforms: ALL,
    steps: [{ kind: 'env', name: 'DENO_CERT', value: 'ca' }],
    caveats: [
      {
        en: 'Alternatively DENO_TLS_CA_STORE=system,mozilla adds the OS store.',
        ja: '代わりに DENO_TLS_CA_STORE=system,mozilla で OS のストアを追加することもできます。',
      },
    ],
    reference: 'https://docs.deno.com/runtime/reference/env_variables/',
  },
  {
    id: 'docker',
    name: 'Docker images (Debian/Ubuntu based)',
    setting: 'update-ca-certificates',
    semantics: 'add',
    file: 'ca',
    platforms: ALL,
    steps: [
      {
        kind: 'file',
        path: 'Dockerfile',
        template:
          '# Build-time only: copy corporate-ca.pem into the build context first.\n# Debian wants PEM files named *.crt in this folder.\nCOPY corporate-ca.pem /usr/local/share/ca-certificates/corporate-ca.crt\nRUN update-ca-certificates',
      },
    ],
    caveats: [
      {
        en: 'Keep this out of images you ship: use a build stage or a build argument.',
        ja: '配布するイメージには含めないでください（ビルドステージや引数で切り替え）。',
      },
    ],
    reference: 'https://manpages.debian.org/bookworm/ca-certificates/update-ca-certificates.8.en.html',
  },
  {
    id: 'wsl',
    name: 'WSL',
    setting: 'update-ca-certificates',
    semantics: 'add',
    file: 'ca',
    platforms: ['windows'],
    steps: [
      { kind: 'posix', template: 'sudo cp {ca_wsl} /usr/local/share/ca-certificates/corporate-ca.crt && sudo update-ca-certificates' },
    ],
    caveats: [
      {
        en: 'Run inside each WSL distribution: Windows roots are not imported automatically.',
        ja: '各 WSL ディストリビューション内で実行してください。Windows のルートは自動では取り込まれません。',
      },
    ],
    reference: 'https://learn.microsoft.com/windows/wsl/',
  },
  {
    id: 'vscode',
    name: 'VS Code',
    setting: 'NODE_EXTRA_CA_CERTS + http.systemCertificates',
    semantics: 'add',
    file: 'ca',
    platforms: ALL,
    steps: [
      { kind: 'env', name: 'NODE_EXTRA_CA_CERTS', value: 'ca' },
      { kind: 'file', path: 'settings.json', template: '"http.systemCertificates": true' },
    ],
    caveats: [
      {
        en: 'VS Code reads the environment when it starts: quit it completely and start it again.',
        ja: 'VS Code は起動時に環境変数を読みます。完全に終了してから起動し直してください。',
      },
    ],
    reference: 'https://code.visualstudio.com/docs/setup/network',
  },
];
