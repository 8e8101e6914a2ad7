import type { Text } from './text.js';
import type { ToolId } from './tool-types.js';

/**
 * The words of a catalogue row that are prose, not names: a row's name that describes ("Java (user trust
 * store)") and a setting that explains ("the OS store (NODE_EXTRA_CA_CERTS as fallback)"), in every
 * interface language. Code (variables, files, commands, settings' own names) is marked with backticks, so the
 * page shows it as code and the prose around it in the user's language. A row whose `name` or `setting` has
 * prose, or a file fragment whose path carries a hint in parentheses (`fileHint`), needs its entry here (test/guidance/row-words.test.ts); `Text` makes a missing language a type error.
 */
export const ROW_WORDS: Partial<Record<ToolId, { name?: Text; setting?: Text; fileHint?: Text }>> = {
  'node-system-ca': { name: { en: 'Node.js (OS trust store)', ja: 'Node.js（OS の信頼ストア）' } },
  pnpm: { setting: { en: '`cafile` in `~/.npmrc`', ja: '`~/.npmrc` の `cafile`' } },
  'yarn-3': {
    setting: {
      en: '`NODE_EXTRA_CA_CERTS` (`caFilePath` is not applied through a proxy)',
      ja: '`NODE_EXTRA_CA_CERTS`（プロキシ経由では `caFilePath` が適用されません）',
    },
  },
  php: { fileHint: { en: '`php --ini` names it', ja: '場所は `php --ini` で確認できます' } },
  vscode: { fileHint: { en: 'user settings', ja: 'ユーザー設定' } },
  deno: {
    setting: { en: '`DENO_CERT` (or `DENO_TLS_CA_STORE=system,mozilla`)', ja: '`DENO_CERT`（または `DENO_TLS_CA_STORE=system,mozilla`）' },
  },
  uv: { setting: { en: '`SSL_CERT_FILE` (or `UV_SYSTEM_CERTS`)', ja: '`SSL_CERT_FILE`（または `UV_SYSTEM_CERTS`）' } },
  poetry: {
    setting: {
      en: '`REQUESTS_CA_BUNDLE` (or `certificates.NAME.cert` per source)',
      ja: '`REQUESTS_CA_BUNDLE`（またはソースごとの `certificates.NAME.cert`）',
    },
  },
  aws: { setting: { en: '`AWS_CA_BUNDLE` / `ca_bundle` per profile', ja: '`AWS_CA_BUNDLE` / プロファイルごとの `ca_bundle`' } },
  openssl: { name: { en: 'OpenSSL clients, Python ssl', ja: 'OpenSSL を使うクライアント、Python の ssl モジュール' } },
  go: {
    name: {
      en: 'Go programs (gh, terraform, kubectl, helm, docker CLI…)',
      ja: 'Go 製のプログラム（gh、terraform、kubectl、helm、docker CLI など）',
    },
    setting: {
      en: '`SSL_CERT_FILE` (Linux); `GODEBUG=x509sslcertoverrideplatform=0` keeps the OS verifier on Windows and macOS',
      ja: '`SSL_CERT_FILE`（Linux）。Windows と macOS では `GODEBUG=x509sslcertoverrideplatform=0` で OS の検証を使い続けます',
    },
  },
  java: { name: { en: 'Java (user trust store)', ja: 'Java（ユーザーの信頼ストア）' } },
  'java-windows-root': { name: { en: 'Java on Windows (OS store)', ja: 'Windows の Java（OS のストア）' } },
  'java-keychain': { name: { en: 'Java on macOS (Keychain)', ja: 'macOS の Java（キーチェーン）' } },
  maven: {
    setting: {
      en: "The Java row's trust store (`JAVA_TOOL_OPTIONS`); a proxy in `~/.m2/settings.xml`",
      ja: 'Java の行の信頼ストア（`JAVA_TOOL_OPTIONS`）。プロキシは `~/.m2/settings.xml` に設定',
    },
  },
  gradle: {
    setting: {
      en: "The Java row's trust store (`JAVA_TOOL_OPTIONS`, or `org.gradle.jvmargs` in `~/.gradle/gradle.properties`)",
      ja: 'Java の行の信頼ストア（`JAVA_TOOL_OPTIONS`、または `~/.gradle/gradle.properties` の `org.gradle.jvmargs`）',
    },
  },
  dotnet: {
    setting: {
      en: '`SSL_CERT_FILE` on Linux; the OS store on Windows and macOS',
      ja: 'Linux では `SSL_CERT_FILE`、Windows と macOS では OS のストア',
    },
  },
  'git-schannel': { name: { en: 'Git for Windows (Windows store)', ja: 'Git for Windows（Windows のストア）' } },
  docker: {
    name: { en: 'Docker builds (Debian/Ubuntu based images)', ja: 'Docker のビルド（Debian・Ubuntu ベースのイメージ）' },
    fileHint: {
      en: 'build with `docker build --secret id=corporate-ca,src=corporate-ca.pem .`',
      ja: '`docker build --secret id=corporate-ca,src=corporate-ca.pem .` でビルドします',
    },
    setting: {
      en: 'The CA in `/usr/local/share/ca-certificates` + `update-ca-certificates`, at build time',
      ja: 'ビルド時に CA を `/usr/local/share/ca-certificates` に置いて `update-ca-certificates`',
    },
  },
  'docker-desktop': {
    name: { en: 'Docker Desktop / Docker Engine (pulls)', ja: 'Docker Desktop / Docker Engine（イメージの取得）' },
    setting: {
      en: 'The host OS store (Desktop) or `/etc/docker/certs.d` (Engine)',
      ja: 'ホストの OS のストア（Desktop）または `/etc/docker/certs.d`（Engine）',
    },
  },
  devcontainer: {
    name: { en: 'Dev containers', ja: '開発コンテナー（Dev Containers）' },
    fileHint: { en: 'merge into the existing object', ja: '既存のオブジェクトにマージします' },
    setting: {
      en: 'The Docker build fragment, plus the variables in `containerEnv`',
      ja: 'Docker のビルド用の断片と、`containerEnv` の変数',
    },
  },
  wsl: {
    name: { en: 'WSL distributions', ja: 'WSL のディストリビューション' },
    setting: { en: '`update-ca-certificates` inside each distribution', ja: '各ディストリビューションの中で `update-ca-certificates`' },
  },
  jetbrains: {
    setting: {
      en: 'Settings | Tools | Server Certificates (accept non-trusted certificates automatically: off)',
      ja: '設定 | ツール | サーバー証明書（信頼されていない証明書を自動的に受け入れる: オフ）',
    },
  },
  'claude-code': {
    setting: {
      en: '`CLAUDE_CODE_CERT_STORE` (default `system,bundled`), `NODE_EXTRA_CA_CERTS`',
      ja: '`CLAUDE_CODE_CERT_STORE`（既定は `system,bundled`）、`NODE_EXTRA_CA_CERTS`',
    },
  },
  codex: { setting: { en: '`CODEX_CA_CERTIFICATE` (then `SSL_CERT_FILE`)', ja: '`CODEX_CA_CERTIFICATE`（なければ `SSL_CERT_FILE`）' } },
  'copilot-cli': {
    setting: { en: 'The OS store (`NODE_EXTRA_CA_CERTS` as fallback)', ja: 'OS のストア（予備として `NODE_EXTRA_CA_CERTS`）' },
  },
  apt: {
    name: { en: 'apt (Debian, Ubuntu)', ja: 'apt（Debian・Ubuntu）' },
    setting: {
      en: 'The system store (`update-ca-certificates`); `Acquire::https::Proxy` for the proxy',
      ja: 'システムのストア（`update-ca-certificates`）。プロキシは `Acquire::https::Proxy`',
    },
  },
  homebrew: { setting: { en: 'The OS store (system curl and git)', ja: 'OS のストア（システムの curl と git）' } },
  'r-lang': { setting: { en: '`CURL_CA_BUNDLE` (libcurl method)', ja: '`CURL_CA_BUNDLE`（libcurl 方式）' } },
  snap: {
    name: { en: 'snap (Snap Store)', ja: 'snap（Snap Store）' },
    setting: { en: 'The `store-certs` system option', ja: 'システムオプション `store-certs`' },
  },
  flatpak: { setting: { en: 'The system store of the host', ja: 'ホストのシステムのストア' } },
  'android-studio': {
    setting: {
      en: 'Settings | Tools | Server Certificates; its Gradle runs on the JDK (see the Gradle row)',
      ja: '設定 | ツール | サーバー証明書。Android Studio の Gradle は JDK で動きます（Gradle の行を参照）',
    },
  },
  'go-clis': {
    name: { en: 'kubectl, helm, terraform (Go CLIs)', ja: 'kubectl、helm、terraform（Go 製の CLI）' },
    setting: {
      en: 'as the Go row: `SSL_CERT_FILE` (Linux); `GODEBUG=x509sslcertoverrideplatform=0` keeps the OS verifier on Windows and macOS',
      ja: 'Go の行と同じ: `SSL_CERT_FILE`（Linux）。Windows と macOS では `GODEBUG=x509sslcertoverrideplatform=0` で OS の検証を使い続けます',
    },
  },
};
