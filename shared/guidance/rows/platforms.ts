import { ALL_PLATFORMS, type ToolGuide } from '../tool-types.js';
import { RESTART, t } from './text-helpers.js';

/** Containers, WSL, editors and the AI coding CLIs people run behind inspecting proxies. */
export const PLATFORM_ROWS: readonly ToolGuide[] = [
  {
    id: 'docker',
    name: 'Docker builds (Debian/Ubuntu based images)',
    setting: 'CA in /usr/local/share/ca-certificates + update-ca-certificates, at build time',
    semantics: 'add',
    file: 'ca',
    platforms: ALL_PLATFORMS,
    versions: 'Docker with BuildKit (Dockerfile syntax 1.2+ for --mount=type=secret)',
    steps: [
      {
        kind: 'file',
        format: 'Dockerfile',
        path: 'Dockerfile (build with: docker build --secret id=corporate-ca,src=corporate-ca.pem .)',
        template:
          'RUN --mount=type=secret,id=corporate-ca,target=/usr/local/share/ca-certificates/corporate-ca.crt \\\n    (command -v update-ca-certificates >/dev/null || (apt-get update && apt-get install -y --no-install-recommends ca-certificates)) \\\n    && update-ca-certificates',
      },
    ],
    caveats: [
      t(
        'Slim images lack the ca-certificates package (and so update-ca-certificates): the fragment installs it first.',
        'slim イメージには ca-certificates パッケージ（update-ca-certificates）がありません。この断片はまずそれを導入します。',
      ),
      t(
        'It helps only OpenSSL/GnuTLS consumers inside the image (curl, apt, git, Python ssl). Node needs NODE_EXTRA_CA_CERTS, certifi-based Python (requests) REQUESTS_CA_BUNDLE, and Java its keystore inside the image too.',
        'イメージ内の OpenSSL/GnuTLS 利用者（curl・apt・git・Python ssl）にだけ効きます。Node には NODE_EXTRA_CA_CERTS、certifi を使う Python（requests）には REQUESTS_CA_BUNDLE、Java にはイメージ内のキーストアも必要です。',
      ),
      t(
        'The secret mount keeps the CA file out of the build context and layers, but update-ca-certificates writes it into /etc/ssl/certs: do this in a build stage or development image you do not ship.',
        'シークレットのマウントなら CA ファイル自体はレイヤーに残りませんが、update-ca-certificates が /etc/ssl/certs に書き込みます。配布しないビルドステージか開発用イメージで行ってください。',
      ),
    ],
    reference: 'https://docs.docker.com/build/building/secrets/',
    errors: [
      'Certificate verification failed: The certificate is NOT trusted. The certificate issuer is unknown.  Could not handshake: Error in the certificate verification. [IP: 127.0.0.1 3128]',
    ],
    verify: { probes: [], how: 'docker is not installed here' },
  },
  {
    id: 'docker-desktop',
    name: 'Docker Desktop / Docker Engine (pulls)',
    setting: 'the host OS store (Desktop) or /etc/docker/certs.d (Engine)',
    semantics: 'add',
    file: 'ca',
    platforms: ALL_PLATFORMS,
    versions: 'Docker Desktop 4.x; Docker Engine 20+',
    steps: [],
    caveats: [
      t(
        'Docker Desktop trusts the CAs of the host OS store: install the CA there (system-store commands) and restart Docker Desktop.',
        'Docker Desktop はホスト OS のストアの CA を信頼します。そこに CA を入れ（システムストアのコマンド）、Docker Desktop を再起動してください。',
      ),
      t(
        'Docker Engine on Linux uses the system store of the host: install the CA there and restart the daemon.',
        'Linux の Docker Engine はホストのシステムストアを使います。そこに CA を入れてデーモンを再起動してください。',
      ),
    ],
    reference: 'https://docs.docker.com/desktop/troubleshoot-and-support/faqs/macfaqs/#add-custom-ca-certificates-server-side',
    errors: [
      'Error response from daemon: Get "https://registry-1.docker.io/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    ],
    verify: { probes: [], how: 'docker is not installed here' },
  },
  {
    id: 'devcontainer',
    name: 'Dev containers',
    setting: 'the Docker build fragment, plus the variables in containerEnv',
    semantics: 'add',
    file: 'ca',
    platforms: ALL_PLATFORMS,
    versions: 'Dev Container spec (devcontainer.json)',
    steps: [
      {
        kind: 'file',
        format: 'JSON',
        path: '.devcontainer/devcontainer.json (merge into the existing object)',
        template:
          '"mounts": ["source={ca},target=/usr/local/share/ca-certificates/corporate-ca.crt,type=bind,readonly"],\n"containerEnv": { "NODE_EXTRA_CA_CERTS": "/usr/local/share/ca-certificates/corporate-ca.crt" },\n"postStartCommand": "sudo update-ca-certificates --fresh"',
      },
    ],
    caveats: [
      t(
        'Keep this in your user settings or a local override, not in the repository: the path is yours.',
        'パスは自分のものなので、リポジトリではなくユーザー設定かローカルの上書きに置いてください。',
      ),
    ],
    reference: 'https://containers.dev/implementors/json_reference/',
    errors: [],
    verify: { probes: [], how: 'docker is not installed here' },
  },
  {
    id: 'wsl',
    name: 'WSL distributions',
    setting: 'update-ca-certificates inside each distribution',
    semantics: 'add',
    file: 'ca',
    platforms: ['windows'],
    versions: 'WSL 2 with Debian/Ubuntu distributions',
    steps: [
      {
        kind: 'persist',
        posix: true,
        admin: true,
        // --fresh: a re-run after IT renews the CA also rebuilds the hash links (test/guidance/system-store-rerun.test.ts).
        template: 'sudo cp {ca_wsl} /usr/local/share/ca-certificates/corporate-ca.crt && sudo update-ca-certificates --fresh',
        changes: t(
          "adds the CA to the distribution's system store (needs sudo inside WSL)",
          'ディストリビューションのシステムストアに CA を追加します（WSL 内で sudo が必要）',
        ),
        undo: 'sudo rm /usr/local/share/ca-certificates/corporate-ca.crt && sudo update-ca-certificates --fresh',
      },
    ],
    caveats: [
      t(
        'Run inside each WSL distribution (from Windows: wsl -d NAME -- sh -c "…"): Windows roots are not imported automatically.',
        '各 WSL ディストリビューション内で実行してください（Windows からは wsl -d NAME -- sh -c "…"）。Windows のルートは自動では取り込まれません。',
      ),
    ],
    reference: 'https://learn.microsoft.com/windows/wsl/troubleshooting',
    errors: [],
    verify: { probes: [], how: 'cannot run here (Windows only)' },
  },
  {
    id: 'vscode',
    name: 'VS Code',
    setting: 'http.systemCertificatesNode (settings.json)',
    semantics: 'add',
    file: null,
    platforms: ALL_PLATFORMS,
    versions: 'VS Code 1.97+ (stable default from 2026-08)',
    steps: [{ kind: 'file', format: 'JSON', path: 'settings.json (user settings)', template: '"http.systemCertificatesNode": true' }],
    caveats: [
      RESTART,
      t(
        'This loads the OS store through Node.js; extensions that start their own processes still need NODE_EXTRA_CA_CERTS in the environment VS Code starts from.',
        'Node.js 経由で OS のストアを読み込みます。独自のプロセスを起動する拡張機能には、VS Code を起動する環境の NODE_EXTRA_CA_CERTS も必要です。',
      ),
    ],
    reference: 'https://code.visualstudio.com/docs/setup/network',
    errors: [],
    verify: { probes: [], how: 'VS Code is not installed here' },
  },
  {
    id: 'jetbrains',
    name: 'JetBrains IDEs',
    setting: 'Settings | Tools | Server Certificates (accept non-trusted certificates automatically: off)',
    semantics: 'add',
    file: 'ca',
    platforms: ALL_PLATFORMS,
    versions: 'IntelliJ-based IDEs 2020+',
    steps: [],
    caveats: [
      t(
        'The IDE already trusts the OS store; otherwise import corporate-ca.pem under Settings | Tools | Server Certificates. Build tools it starts (Maven, Gradle) use the JDK: see the Java row.',
        'IDE は OS のストアを信頼します。そうでなければ「設定 | ツール | サーバー証明書」で corporate-ca.pem を取り込みます。IDE が起動するビルドツール（Maven・Gradle）は JDK を使うため Java の行を参照してください。',
      ),
    ],
    reference: 'https://www.jetbrains.com/help/idea/settings-tools-server-certificates.html',
    errors: [],
    verify: { probes: [], how: 'no IDE here' },
  },
  {
    id: 'claude-code',
    name: 'Claude Code',
    setting: 'CLAUDE_CODE_CERT_STORE (default system,bundled), NODE_EXTRA_CA_CERTS',
    semantics: 'add',
    file: 'ca',
    platforms: ALL_PLATFORMS,
    versions:
      'Claude Code 2.1.113+ (native Bun binary; OS store and bundled roots by default); npm installs on Node.js 22.15+ read the OS store too',
    steps: [{ kind: 'env', name: 'NODE_EXTRA_CA_CERTS', value: 'ca', shared: true }],
    caveats: [
      t(
        'Where IT installed the CA in the OS store nothing is needed: CLAUDE_CODE_CERT_STORE defaults to system,bundled. NODE_EXTRA_CA_CERTS adds the CA where IT did not.',
        'IT が OS のストアに CA を入れていれば設定は不要です（CLAUDE_CODE_CERT_STORE の既定は system,bundled）。入っていない場合は NODE_EXTRA_CA_CERTS で CA を追加します。',
      ),
      t(
        'Do not start it with NODE_OPTIONS=--use-system-ca (the Node.js OS-store row): the native binary then drops its bundled roots (anthropics/claude-code#91426).',
        'NODE_OPTIONS=--use-system-ca（Node.js の OS ストアの行）を付けて起動しないでください。ネイティブ版は同梱のルートを使わなくなります（anthropics/claude-code#91426）。',
      ),
      t(
        'Claude Desktop does not pass NODE_EXTRA_CA_CERTS to the Claude Code it starts (anthropics/claude-code#22559): put the variable in ~/.claude/settings.json under "env" instead.',
        'Claude Desktop は起動する Claude Code に NODE_EXTRA_CA_CERTS を渡しません（anthropics/claude-code#22559）。代わりに ~/.claude/settings.json の "env" に書いてください。',
      ),
    ],
    reference: 'https://code.claude.com/docs/en/network-config#ca-certificate-store',
    errors: [],
    verify: { probes: [], how: 'not installed here (a native binary from Anthropic, not in the reachable registries)' },
  },
  {
    id: 'codex',
    name: 'Codex CLI',
    setting: 'CODEX_CA_CERTIFICATE (then SSL_CERT_FILE)',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'Codex CLI (Rust) releases since March 2026 (openai/codex#14178, #14239); earlier ones honour neither variable outside login',
    steps: [{ kind: 'env', name: 'CODEX_CA_CERTIFICATE', value: 'bundle' }],
    caveats: [
      t(
        'CODEX_CA_CERTIFICATE wins over SSL_CERT_FILE; either replaces the roots Codex trusts, so it must be the bundle. A stale SSL_CERT_FILE left from another project breaks Codex the same way.',
        'CODEX_CA_CERTIFICATE は SSL_CERT_FILE より優先されます。どちらも Codex が信頼するルートを置き換えるため、バンドルを指定してください。別のプロジェクトで設定した古い SSL_CERT_FILE も同様に Codex を壊します。',
      ),
    ],
    reference: 'https://github.com/openai/codex/pull/14239',
    errors: [],
    verify: { probes: [], how: 'not installed here' },
  },
  {
    id: 'gemini-cli',
    name: 'Gemini CLI',
    setting: 'NODE_EXTRA_CA_CERTS',
    semantics: 'add',
    file: 'ca',
    platforms: ALL_PLATFORMS,
    versions: 'Gemini CLI 0.x (Node.js)',
    steps: [{ kind: 'env', name: 'NODE_EXTRA_CA_CERTS', value: 'ca', shared: true }],
    caveats: [],
    reference: 'https://github.com/google-gemini/gemini-cli/blob/main/docs/troubleshooting.md',
    errors: [],
    verify: { probes: [], how: 'proven by the Node.js row; not installed here' },
  },
  {
    id: 'copilot-cli',
    name: 'GitHub Copilot CLI',
    setting: 'the OS store (NODE_EXTRA_CA_CERTS as fallback)',
    semantics: 'add',
    file: 'ca',
    platforms: ALL_PLATFORMS,
    versions: 'Copilot CLI 0.0.3xx+',
    steps: [{ kind: 'env', name: 'NODE_EXTRA_CA_CERTS', value: 'ca', shared: true }],
    caveats: [
      t(
        'It reads the OS certificates and supports Kerberos proxies; the variable helps where IT did not install the CA.',
        'OS の証明書を読み、Kerberos プロキシにも対応します。IT が CA を入れていない場合は変数が役立ちます。',
      ),
    ],
    reference: 'https://docs.github.com/en/copilot/how-tos/use-copilot-agents/use-copilot-cli',
    errors: [],
    verify: { probes: [], how: 'not installed here' },
  },
];
