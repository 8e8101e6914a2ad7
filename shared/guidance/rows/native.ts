import { ALL_PLATFORMS, type Step, type ToolGuide } from '../tool-types.js';
import { PROBES } from './probes.js';
import { t } from './text-helpers.js';

const JAVA_ERROR =
  'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target';

/**
 * Java's user trust store: a copy of the JDK's, rebuilt on every run, with the CA added, named by
 * JAVA_TOOL_OPTIONS. Shared by the Java row and the build tools that run on the JDK (Maven, Gradle).
 */
const JAVA_STORE_STEPS: Step[] = [
  {
    kind: 'persist',
    template:
      '{keytool} -importkeystore -noprompt -srckeystore {cacerts} -srcstorepass changeit -destkeystore {java_store} -deststoretype PKCS12 -deststorepass changeit',
    // Rebuilt from the JDK's store each time: after IT renews the CA (and the export is refreshed), running the
    // commands again leaves the current CA in the copy and the old one gone.
    recreates: '{java_store}',
    changes: t(
      "creates {java_store} afresh, your own copy of this JDK's trust store (an earlier copy is removed; the JDK is not touched)",
      'この JDK の信頼ストアの自分用コピー {java_store} を新しく作ります（以前のコピーは削除し、JDK は変更しません）',
    ),
    undo: t('delete {java_store}', '{java_store} を削除します'),
  },
  {
    kind: 'persist',
    // One command per exported CA ({ca_alias}: ca-bridge-<fingerprint>; {der}: that CA's DER file).
    template: '{keytool} -importcert -noprompt -alias {ca_alias} -file {der} -keystore {java_store} -storepass changeit',
    changes: t('adds the CA {der} to that copy', 'そのコピーに CA {der} を追加します'),
    undo: '{keytool} -delete -alias {ca_alias} -keystore {java_store} -storepass changeit',
  },
  {
    kind: 'env',
    name: 'JAVA_TOOL_OPTIONS',
    value: {
      // Quoted: the JVM splits JAVA_TOOL_OPTIONS at spaces unless quoted (honoured since Java 9).
      literal: '-Djavax.net.ssl.trustStore="{java_store}" -Djavax.net.ssl.trustStorePassword=changeit',
    },
  },
];

/** OpenSSL-style clients, compiled languages, Java, .NET, Git, curl and wget. */
export const NATIVE_ROWS: readonly ToolGuide[] = [
  {
    id: 'openssl',
    name: 'OpenSSL clients, Python ssl',
    setting: 'SSL_CERT_FILE',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'OpenSSL 1.1 and 3.x; Python ssl.create_default_context',
    steps: [{ kind: 'env', name: 'SSL_CERT_FILE', value: 'bundle', shared: true }],
    caveats: [
      t(
        'Applies to every OpenSSL-based program started from that environment.',
        'その環境から起動される OpenSSL 系プログラムすべてに効きます。',
      ),
    ],
    reference: 'https://docs.openssl.org/3.0/man3/SSL_CTX_set_default_verify_paths/',
    errors: [
      'urllib.error.URLError: <urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)>',
      'verify error:num=20:unable to get local issuer certificate',
    ],
    verify: { probes: [PROBES.python3, PROBES.openssl], how: 'verify runs Python urllib and openssl s_client with the variable' },
  },
  {
    id: 'go',
    name: 'Go programs (gh, terraform, kubectl, helm, docker CLI…)',
    setting: 'SSL_CERT_FILE (Linux); GODEBUG=x509sslcertoverrideplatform=0 keeps the OS verifier on Windows and macOS',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions:
      'Go 1.x on Linux; on Windows and macOS, programs whose go.mod says go 1.27 or later let SSL_CERT_FILE replace the OS verifier (golang/go#77865); earlier ones ignore it there',
    steps: [
      { kind: 'env', name: 'SSL_CERT_FILE', value: 'bundle', shared: true },
      // SSL_CERT_FILE is in the shared block for the OpenSSL tools: this keeps Go 1.27+ programs on Windows and
      // macOS with the OS store (internal PKI, CAs IT rotates there) instead of the bundle alone. No effect on Linux.
      { kind: 'env', name: 'GODEBUG', value: { literal: 'x509sslcertoverrideplatform=0' }, shared: true, appendsTo: 'comma-list' },
    ],
    caveats: [
      t(
        'On Linux Go reads SSL_CERT_FILE (the bundle). On Windows and macOS Go asks the OS verifier, which trusts the CA IT installed; from Go 1.27 a set SSL_CERT_FILE would replace that verifier, so the block adds x509sslcertoverrideplatform=0 to GODEBUG to keep it.',
        'Linux の Go は SSL_CERT_FILE（バンドル）を読みます。Windows と macOS の Go は IT が CA を入れた OS の検証機能を使います。Go 1.27 以降は SSL_CERT_FILE が設定されているとその検証機能が置き換えられるため、ブロックは GODEBUG に x509sslcertoverrideplatform=0 を追加して OS の検証機能を保ちます。',
      ),
      t(
        'GODEBUG keeps the settings you already have in it: the block adds its item after them.',
        'GODEBUG の既存の設定はそのまま残り、ブロックはその後ろに項目を追加します。',
      ),
      t(
        'On Windows and macOS Go then trusts what the OS store holds and does not read the bundle: if the CA is not in the OS store (for example, you imported it with --from), install it there first (Windows: certutil -user -addstore Root corporate-ca.crt; macOS: security add-trusted-cert).',
        'Windows と macOS の Go は OS のストアの内容を信頼し、バンドルは読みません。CA が OS のストアにない場合（--from で取り込んだ場合など）は、先にそこへ入れてください（Windows は「certutil -user -addstore Root corporate-ca.crt」、macOS は「security add-trusted-cert」）。',
      ),
    ],
    reference: 'https://github.com/golang/go/issues/77865',
    errors: ['Get "https://www.google.com/": tls: failed to verify certificate: x509: certificate signed by unknown authority'],
    verify: {
      probes: [],
      how: 'a Go program built with the local Go and with Go 1.27 (go.mod go 1.27) doing http.Get through the proxy (test/advice/real-tools, test/advice/go127.test.ts); its Windows build under Wine against the Root store (test/advice/go127.test.ts)',
    },
  },
  {
    id: 'cargo',
    name: 'Cargo',
    setting: 'CARGO_HTTP_CAINFO (http.cainfo)',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'Cargo 1.x',
    steps: [{ kind: 'env', name: 'CARGO_HTTP_CAINFO', value: 'bundle' }],
    caveats: [
      t(
        'Windows builds of Cargo use schannel and the Windows store: no setting needed there.',
        'Windows 版 Cargo は schannel と Windows のストアを使うため、設定は不要です。',
      ),
    ],
    reference: 'https://doc.rust-lang.org/cargo/reference/config.html#httpcainfo',
    errors: [
      'Caused by:\n  [60] SSL peer certificate or SSH remote key was not OK (SSL certificate problem: unable to get local issuer certificate)',
    ],
    verify: {
      probes: [PROBES.cargo],
      how: "verify runs cargo search with CARGO_HTTP_CAINFO, the site standing in for a sparse registry; cargo's libcurl debug log shows the status it received",
    },
  },
  {
    id: 'ruby',
    name: 'Ruby (gem, bundler)',
    setting: 'SSL_CERT_FILE',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'Ruby 2.x and 3.x (OpenSSL)',
    steps: [{ kind: 'env', name: 'SSL_CERT_FILE', value: 'bundle', shared: true }],
    caveats: [],
    reference: 'https://docs.ruby-lang.org/en/master/OpenSSL.html',
    errors: [
      'SSL_connect returned=1 errno=0 peeraddr=127.0.0.1:443 state=error: certificate verify failed (unable to get local issuer certificate) (OpenSSL::SSL::SSLError)',
    ],
    verify: { probes: [PROBES.ruby], how: 'verify runs Ruby Net::HTTP with the variable through the proxy' },
  },
  {
    id: 'php',
    name: 'PHP, Composer',
    setting: 'openssl.cafile / curl.cainfo (php.ini), or SSL_CERT_FILE',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'PHP 7.4+ and 8.x',
    steps: [
      { kind: 'env', name: 'SSL_CERT_FILE', value: 'bundle', shared: true },
      {
        kind: 'file',
        format: 'INI',
        path: 'php.ini (php --ini names it)',
        template: 'openssl.cafile = "{bundle}"\ncurl.cainfo = "{bundle}"',
      },
    ],
    caveats: [
      t(
        'SSL_CERT_FILE works while php.ini leaves openssl.cafile unset; a value there wins.',
        'php.ini で openssl.cafile が未設定なら SSL_CERT_FILE が効きます。設定されていればそちらが優先です。',
      ),
    ],
    reference: 'https://www.php.net/manual/en/openssl.configuration.php',
    errors: [
      'PHP Warning:  file_get_contents(): SSL operation failed with code 1. OpenSSL Error messages:\nerror:0A000086:SSL routines::certificate verify failed in Command line code on line 1',
      'curl error 60 while downloading https://repo.packagist.org/packages.json: SSL certificate problem: unable to get local issuer certificate',
    ],
    verify: { probes: [PROBES.php], how: 'verify runs php -r with an https stream and the variable through the proxy' },
  },
  {
    id: 'java',
    name: 'Java (user trust store)',
    setting: 'javax.net.ssl.trustStore (JAVA_TOOL_OPTIONS)',
    semantics: 'add',
    file: 'der',
    platforms: ALL_PLATFORMS,
    versions: 'Java 8+ (PKCS12 stores from Java 9)',
    steps: JAVA_STORE_STEPS,
    // Without a JDK found there is no cacerts to copy: the caveat says to set JAVA_HOME and ask again.
    genericSteps: [],
    caveats: [
      t(
        'No JDK found? Set JAVA_HOME (or put java on PATH) and run "ca-bridge snippets --tool java" again: the commands are per JDK.',
        'JDK が見つからない場合は JAVA_HOME を設定（または java を PATH に追加）して「ca-bridge snippets --tool java」を再実行してください。コマンドは JDK ごとです。',
      ),
      t(
        "Importing into the JDK's own cacerts also works but changes the JDK for every user, needs administrator rights for a JDK in a system folder, and is lost on every JDK update.",
        'JDK 自身の cacerts への取り込みも可能ですが、全ユーザーの JDK を変更し、システムフォルダーの JDK では管理者権限が必要で、JDK 更新のたびに失われます。',
      ),
      t(
        'The copy is a snapshot: run the commands again after a JDK update and after IT renews the CA (they rebuild it). JAVA_TOOL_OPTIONS makes Java print "Picked up JAVA_TOOL_OPTIONS" on stderr. Java 8 does not honour the quotes: there, keep the export in a folder without spaces.',
        'コピーはその時点のものです。JDK の更新後や IT による CA 更新後はコマンドを再実行してください（作り直します）。JAVA_TOOL_OPTIONS を設定すると Java は stderr に「Picked up JAVA_TOOL_OPTIONS」と表示します。Java 8 は引用符を解釈しないため、空白を含まないフォルダーにエクスポートしてください。',
      ),
    ],
    reference: 'https://docs.oracle.com/en/java/javase/21/docs/specs/man/keytool.html',
    errors: [JAVA_ERROR],
    verify: {
      probes: [PROBES.java],
      how: 'verify builds the user copy of the trust store of the JDK on PATH with keytool, then runs a Java HttpClient request with JAVA_TOOL_OPTIONS through the proxy',
    },
  },
  {
    id: 'java-windows-root',
    name: 'Java on Windows (OS store)',
    setting: 'javax.net.ssl.trustStoreType=Windows-ROOT',
    semantics: 'add',
    file: null,
    platforms: ['windows'],
    versions: 'Java 11+ (Windows-ROOT also in 8)',
    steps: [{ kind: 'env', name: 'JAVA_TOOL_OPTIONS', value: { literal: '-Djavax.net.ssl.trustStoreType=Windows-ROOT' } }],
    caveats: [
      t(
        'Uses the Windows store, where IT installed the CA: no administrator rights, nothing to redo after JDK updates.',
        'IT が CA を入れた Windows のストアを使います。管理者権限は不要で、JDK 更新後のやり直しも不要です。',
      ),
    ],
    reference: 'https://docs.oracle.com/en/java/javase/21/security/oracle-providers.html',
    errors: [],
    verify: { probes: [], how: 'cannot run here (Windows only)' },
  },
  {
    id: 'java-keychain',
    name: 'Java on macOS (Keychain)',
    setting: 'javax.net.ssl.trustStoreType=KeychainStore',
    semantics: 'add',
    file: null,
    platforms: ['macos'],
    versions: 'Java on macOS; KeychainStore-ROOT would be the system roots only',
    steps: [{ kind: 'env', name: 'JAVA_TOOL_OPTIONS', value: { literal: '-Djavax.net.ssl.trustStoreType=KeychainStore' } }],
    caveats: [
      t(
        'Uses the user and admin trust settings of the macOS keychains, where IT installed the CA; no administrator rights.',
        'IT が CA を入れた macOS キーチェーンの信頼設定を使います。管理者権限は不要です。',
      ),
    ],
    reference: 'https://docs.oracle.com/en/java/javase/21/security/oracle-providers.html',
    errors: [],
    verify: { probes: [], how: 'cannot run here (macOS only)' },
  },
  {
    id: 'maven',
    name: 'Maven',
    setting: "the Java row's trust store (JAVA_TOOL_OPTIONS); a proxy in ~/.m2/settings.xml",
    semantics: 'add',
    file: 'der',
    platforms: ALL_PLATFORMS,
    versions: 'Maven 3.x on Java 9+ (checked with Maven 3.8.7 on Java 17)',
    steps: JAVA_STORE_STEPS,
    genericSteps: [],
    caveats: [
      t(
        'Maven runs on the JDK it finds (JAVA_HOME): build the trust store for that JDK. MAVEN_OPTS can carry the same -D options instead of JAVA_TOOL_OPTIONS.',
        'Maven は見つけた JDK（JAVA_HOME）で動きます。その JDK 用に信頼ストアを作ってください。JAVA_TOOL_OPTIONS の代わりに MAVEN_OPTS に同じ -D オプションを書くこともできます。',
      ),
      t(
        'Maven does not read HTTPS_PROXY: the proxy goes in <proxies> of ~/.m2/settings.xml.',
        'Maven は HTTPS_PROXY を読みません。プロキシは ~/.m2/settings.xml の <proxies> に書きます。',
      ),
    ],
    reference: 'https://maven.apache.org/guides/mini/guide-repository-ssl.html',
    errors: [
      "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-dependency-plugin:3.6.1:get (default-cli) on project standalone-pom: Couldn't download artifact: org.eclipse.aether.resolution.DependencyResolutionException: com.example.lab:lab-lib:jar:1.0 failed to transfer from https://repo.maven.apache.org/maven2 during a previous attempt. This failure was cached in the local repository and resolution is not reattempted until the update interval of central has elapsed or updates are forced. Original error: Could not transfer artifact com.example.lab:lab-lib:jar:1.0 from/to central (https://repo.maven.apache.org/maven2): PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target",
    ],
    verify: {
      probes: [],
      how: 'test/advice/maven.test.ts: mvn dependency:get of a lab artifact from a lab repository through both inspecting proxies',
    },
  },
  {
    id: 'gradle',
    name: 'Gradle',
    setting: "the Java row's trust store (JAVA_TOOL_OPTIONS, or org.gradle.jvmargs in ~/.gradle/gradle.properties)",
    semantics: 'add',
    file: 'der',
    platforms: ALL_PLATFORMS,
    versions: 'Gradle 7 and 8 (not run here)',
    steps: JAVA_STORE_STEPS,
    genericSteps: [],
    caveats: [
      t(
        'The Gradle daemon keeps the JAVA_TOOL_OPTIONS it started with: run "gradle --stop" after changing it. The JVM arguments can also go in ~/.gradle/gradle.properties as org.gradle.jvmargs.',
        'Gradle デーモンは起動時の JAVA_TOOL_OPTIONS を使い続けます。変更したら「gradle --stop」を実行してください。JVM 引数は ~/.gradle/gradle.properties の org.gradle.jvmargs にも書けます。',
      ),
      t(
        'Not proven here: no Gradle distribution is in the registries this machine reaches.',
        'ここでは未検証です（このマシンから届くレジストリに Gradle の配布物がありません）。',
      ),
    ],
    reference: 'https://docs.gradle.org/current/userguide/build_environment.html#sec:accessing_the_web_via_a_proxy',
    errors: [],
    verify: {
      probes: [],
      how: 'not proven here: no Gradle distribution in the reachable registries (services.gradle.org is not reachable)',
    },
  },
  {
    id: 'dotnet',
    name: '.NET (dotnet, NuGet)',
    setting: 'SSL_CERT_FILE on Linux; the OS store on Windows and macOS',
    semantics: 'replace',
    file: 'bundle',
    platforms: ['linux'],
    versions: '.NET 5+ on Linux (OpenSSL)',
    steps: [{ kind: 'env', name: 'SSL_CERT_FILE', value: 'bundle', shared: true }],
    caveats: [
      t(
        'On Windows and macOS .NET uses the OS store: nothing to set where IT installed the CA.',
        'Windows と macOS の .NET は OS のストアを使うため、IT が CA を入れていれば設定不要です。',
      ),
    ],
    reference: 'https://learn.microsoft.com/dotnet/core/extensions/sslstream-troubleshooting',
    errors: [
      'System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.\n ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot',
    ],
    verify: { probes: [], how: 'dotnet is not installed here' },
  },
  {
    id: 'git',
    name: 'Git',
    setting: 'GIT_SSL_CAINFO / http.sslCAInfo',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'Git 1.x and 2.x built with OpenSSL or GnuTLS',
    steps: [
      { kind: 'env', name: 'GIT_SSL_CAINFO', value: 'bundle', shared: true },
      {
        kind: 'persist',
        template: 'git config --global http.sslCAInfo {bundle}',
        changes: t('sets http.sslCAInfo in your ~/.gitconfig', '~/.gitconfig の http.sslCAInfo を設定します'),
        undo: 'git config --global --unset http.sslCAInfo',
      },
    ],
    caveats: [],
    reference: 'https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslCAInfo',
    errors: [
      "fatal: unable to access 'https://github.com/x/y/': server certificate verification failed. CAfile: /etc/ssl/certs/ca-certificates.crt CRLfile: none",
      "fatal: unable to access 'https://github.com/x/y/': SSL certificate problem: unable to get local issuer certificate",
    ],
    verify: { probes: [PROBES.git], how: 'verify runs git ls-remote with the variable' },
  },
  {
    id: 'git-schannel',
    name: 'Git for Windows (Windows store)',
    setting: 'http.sslBackend=schannel',
    semantics: 'add',
    file: null,
    platforms: ['windows'],
    versions: 'Git for Windows 2.14+',
    steps: [
      {
        kind: 'persist',
        template: 'git config --global http.sslBackend schannel',
        changes: t('makes Git use the Windows store (~/.gitconfig)', 'Git が Windows のストアを使うようにします（~/.gitconfig）'),
        undo: 'git config --global --unset http.sslBackend',
      },
    ],
    caveats: [
      t(
        'CRYPT_E_NO_REVOCATION_CHECK (0x80092012) means the proxy CA names no reachable revocation list: IT must fix the CA or the proxy; do not turn revocation checks off.',
        'CRYPT_E_NO_REVOCATION_CHECK (0x80092012) はプロキシ CA の失効リストに到達できないことを示します。IT が CA かプロキシを直す必要があります。失効確認を無効にしないでください。',
      ),
    ],
    reference: 'https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslBackend',
    errors: [
      "fatal: unable to access 'https://github.com/x/y/': schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not trusted.",
    ],
    verify: { probes: [], how: 'cannot run here (Windows only)' },
  },
  {
    id: 'curl',
    name: 'curl',
    setting: 'CURL_CA_BUNDLE / --cacert',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'curl 7.x and 8.x built with OpenSSL or GnuTLS',
    steps: [{ kind: 'env', name: 'CURL_CA_BUNDLE', value: 'bundle', shared: true }],
    caveats: [
      t(
        "Windows' own curl.exe (Schannel) already uses the Windows store.",
        'Windows 標準の curl.exe（Schannel）は最初から Windows のストアを使います。',
      ),
    ],
    reference: 'https://curl.se/docs/sslcerts.html',
    errors: ['curl: (60) SSL certificate problem: unable to get local issuer certificate'],
    verify: { probes: [PROBES.curl], how: 'verify runs curl with the variable' },
  },
  {
    id: 'wget',
    name: 'wget',
    setting: 'ca_certificate (~/.wgetrc) / --ca-certificate',
    semantics: 'replace',
    file: 'bundle',
    platforms: ['linux', 'macos'],
    versions: 'GNU Wget 1.x (GnuTLS or OpenSSL builds); not SSL_CERT_FILE',
    steps: [{ kind: 'file', format: 'text', path: '~/.wgetrc', template: 'ca_certificate = {bundle}' }],
    caveats: [
      t(
        "Debian's wget uses GnuTLS, which ignores SSL_CERT_FILE: only this setting (or --ca-certificate=FILE) works.",
        'Debian の wget は GnuTLS を使い SSL_CERT_FILE を無視します。この設定（または --ca-certificate=FILE）だけが有効です。',
      ),
    ],
    reference: 'https://www.gnu.org/software/wget/manual/wget.html#HTTPS-_0028SSL_002fTLS_0029-Options',
    errors: [
      "ERROR: The certificate of ‘www.google.com’ is not trusted.\nERROR: The certificate of ‘www.google.com’ doesn't have a known issuer.",
      "エラー: `www.google.com' の証明書は信用されません。\nエラー: `www.google.com' の証明書の発行者が不明です。",
    ],
    verify: {
      probes: [PROBES.wget],
      how: 'verify runs wget --no-config -S --spider --ca-certificate through the proxy (the ~/.wgetrc line is the same setting)',
    },
  },
];
