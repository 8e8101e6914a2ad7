import { ALL_PLATFORMS, type ToolGuide } from '../tool-types.js';
import { t } from './text-helpers.js';

const NOT_PROVEN = 'not proven here: the tool does not run on this machine';

/**
 * Tools people still miss, whose settings come from their documentation only: none runs here, so each
 * says so (versions, verify.how) and points at the page it was checked against.
 */
export const NOT_PROVEN_ROWS: readonly ToolGuide[] = [
  {
    id: 'apt',
    name: 'apt (Debian, Ubuntu)',
    setting: 'the system store (update-ca-certificates); Acquire::https::Proxy for the proxy',
    semantics: 'add',
    file: 'ca',
    platforms: ['linux'],
    versions: 'apt 1.5+ (https built in); not proven here',
    steps: [],
    caveats: [
      t(
        'apt verifies with the system store: install the CA with the Debian / Ubuntu system-store command. sudo drops https_proxy, so the proxy goes in a file under /etc/apt/apt.conf.d as Acquire::https::Proxy.',
        'apt はシステムストアで検証します。Debian / Ubuntu のシステムストアのコマンドで CA を入れてください。sudo は https_proxy を引き継がないため、プロキシは /etc/apt/apt.conf.d のファイルに Acquire::https::Proxy として書きます。',
      ),
    ],
    reference: 'https://manpages.debian.org/bookworm/apt/apt-transport-https.1.en.html',
    errors: [],
    verify: { probes: [], how: NOT_PROVEN },
  },
  {
    id: 'homebrew',
    name: 'Homebrew',
    setting: 'the OS store (system curl and git)',
    semantics: 'add',
    file: 'ca',
    platforms: ['macos', 'linux'],
    versions: 'Homebrew 4.x; not proven here',
    steps: [],
    caveats: [
      t(
        'Homebrew downloads with curl and git, which on macOS trust the keychain where IT installed the CA. Formula builds run with a filtered environment and their own HOME, so variables such as PIP_CERT do not reach them (Homebrew/brew#15764): install the CA in the OS store instead.',
        'Homebrew は curl と git でダウンロードし、macOS では IT が CA を入れたキーチェーンを信頼します。formula のビルドは絞り込まれた環境と独自の HOME で動くため、PIP_CERT などの変数は届きません（Homebrew/brew#15764）。代わりに OS のストアに CA を入れてください。',
      ),
    ],
    reference: 'https://docs.brew.sh/Manpage#environment',
    errors: [],
    verify: { probes: [], how: NOT_PROVEN },
  },
  {
    id: 'julia',
    name: 'Julia (Pkg, Downloads)',
    setting: 'JULIA_SSL_CA_ROOTS_PATH',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'Julia 1.6+ (NetworkOptions); not proven here',
    steps: [{ kind: 'env', name: 'JULIA_SSL_CA_ROOTS_PATH', value: 'bundle' }],
    caveats: [
      t(
        'On Windows and macOS Julia uses the OS store by default, where IT installed the CA; the variable replaces that list, so it must be the bundle.',
        'Windows と macOS の Julia は既定で IT が CA を入れた OS のストアを使います。この変数はその一覧を置き換えるため、バンドルを指定してください。',
      ),
    ],
    reference: 'https://github.com/JuliaLang/NetworkOptions.jl#readme',
    errors: [],
    verify: { probes: [], how: NOT_PROVEN },
  },
  {
    id: 'r-lang',
    name: 'R (download.file, install.packages)',
    setting: 'CURL_CA_BUNDLE (libcurl method)',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'R 4.x with the libcurl download method; not proven here',
    steps: [{ kind: 'env', name: 'CURL_CA_BUNDLE', value: 'bundle', shared: true }],
    caveats: [
      t(
        'R on Windows (4.2+) downloads through the Windows store by default, where IT installed the CA; packages with their own HTTP clients (httr2, curl) follow their own settings.',
        'Windows の R（4.2 以降）は既定で IT が CA を入れた Windows のストアを使います。独自の HTTP クライアント（httr2・curl）を使うパッケージはそれぞれの設定に従います。',
      ),
    ],
    reference: 'https://stat.ethz.ch/R-manual/R-devel/library/utils/html/download.file.html',
    errors: [],
    verify: { probes: [], how: NOT_PROVEN },
  },
  {
    id: 'snap',
    name: 'snap (Snap Store)',
    setting: 'store-certs system option',
    semantics: 'add',
    file: 'ca',
    platforms: ['linux'],
    versions: 'snapd 2.45+; not proven here',
    steps: [
      {
        kind: 'persist',
        posix: true,
        admin: true,
        // `snap set` replaces the value: run again after IT renews the CA, it then holds the current one.
        template: 'sudo snap set system store-certs.corporate-ca="$(cat {ca})"',
        changes: t(
          'makes snapd trust the CA for the Snap Store (system option store-certs.corporate-ca)',
          'snapd が Snap Store 用に CA を信頼するようにします（システムオプション store-certs.corporate-ca）',
        ),
        undo: 'sudo snap unset system store-certs.corporate-ca',
      },
    ],
    caveats: [
      t(
        'Apps inside snaps bring their own certificates; this option is for snapd itself (install, refresh).',
        'snap 内のアプリは独自の証明書を使います。このオプションは snapd 自身（インストール・更新）のためのものです。',
      ),
    ],
    reference: 'https://snapcraft.io/docs/system-options#heading--store-certs',
    errors: [],
    verify: { probes: [], how: NOT_PROVEN },
  },
  {
    id: 'flatpak',
    name: 'Flatpak',
    setting: 'the system store of the host',
    semantics: 'add',
    file: 'ca',
    platforms: ['linux'],
    versions: 'Flatpak 1.x; not proven here',
    steps: [],
    caveats: [
      t(
        "The flatpak command downloads with the host libraries and trusts the system store: install the CA with your distribution's system-store command. Apps inside have their runtime's own list.",
        'flatpak コマンドはホストのライブラリでダウンロードし、システムストアを信頼します。ディストリビューションのシステムストアのコマンドで CA を入れてください。アプリ内部はランタイム独自の一覧を使います。',
      ),
    ],
    reference: 'https://docs.flatpak.org/en/latest/flatpak-command-reference.html',
    errors: [],
    verify: { probes: [], how: NOT_PROVEN },
  },
  {
    id: 'android-studio',
    name: 'Android Studio',
    setting: 'Settings | Tools | Server Certificates; its Gradle runs on the JDK (see the Gradle row)',
    semantics: 'add',
    file: 'ca',
    platforms: ALL_PLATFORMS,
    versions: 'Android Studio (IntelliJ-based); not proven here',
    steps: [],
    caveats: [
      t(
        'The IDE trusts the OS store and what you accept under Settings | Tools | Server Certificates; the Gradle builds it starts run on its JDK, which needs the Java trust store (see the Gradle row).',
        'IDE は OS のストアと「設定 | ツール | サーバー証明書」で承認したものを信頼します。IDE が起動する Gradle ビルドはその JDK で動くため、Java の信頼ストアが必要です（Gradle の行を参照）。',
      ),
    ],
    reference: 'https://developer.android.com/studio/intro/studio-config#proxy',
    errors: [],
    verify: { probes: [], how: NOT_PROVEN },
  },
  {
    id: 'go-clis',
    name: 'kubectl, helm, terraform (Go CLIs)',
    setting: 'as the Go row: SSL_CERT_FILE (Linux); GODEBUG=x509sslcertoverrideplatform=0 keeps the OS verifier on Windows and macOS',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions:
      'Go-built releases; those whose go.mod says go 1.27 or later follow the Go 1.27 rules (golang/go#77865); not proven here with these tools',
    // No steps of its own: the shared block's SSL_CERT_FILE and GODEBUG (the Go row's steps) are what they read.
    steps: [],
    caveats: [
      t(
        "They are Go programs and read what the Go row describes: the shared block's SSL_CERT_FILE on Linux, the OS store on Windows and macOS (the block's GODEBUG item keeps it from Go 1.27 on). Nothing more to set for downloads such as Terraform providers or Helm charts.",
        'これらは Go のプログラムで、Go の行のとおりに読みます。Linux では共通ブロックの SSL_CERT_FILE、Windows と macOS では OS のストアです（Go 1.27 以降はブロックの GODEBUG の項目がそれを保ちます）。Terraform のプロバイダーや Helm のチャートのダウンロードに追加の設定は不要です。',
      ),
      t(
        "kubectl checks a cluster's API server against the certificate-authority in your kubeconfig, not the trust store: if the inspecting proxy sits between you and the cluster, ask IT to exempt the API server from inspection. Never set insecure-skip-tls-verify.",
        'kubectl はクラスターの API サーバーを、信頼ストアではなく kubeconfig の certificate-authority で検証します。検査プロキシがクラスターとの間にある場合は、API サーバーを検査の対象外にするよう IT に依頼してください。insecure-skip-tls-verify は決して設定しないでください。',
      ),
      t(
        'A Helm repository added with --ca-file trusts that file alone: leave the option out so that the block applies.',
        '--ca-file を付けて追加した Helm リポジトリはそのファイルだけを信頼します。ブロックが効くよう、このオプションは付けないでください。',
      ),
    ],
    reference: 'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_config/kubectl_config_set-cluster/',
    errors: [],
    verify: {
      probes: [],
      how: "not proven here: kubectl, helm and terraform do not run on this machine. What the block relies on is Go's own certificate code, which the Go row proves with go1.27.4 on Linux and its Windows build under Wine; these tools are not run",
    },
  },
];
