import type { Text } from './guidance/text.js';
import type { ToolId } from './guidance/tool-types.js';

/** A known certificate error message: where it comes from, what it means, and the fix (never "turn verification off"). */
export interface KnownError {
  id: string;
  tool: string;
  /** The catalogue row whose setting fixes it: the fix is rendered from that row, never written here. */
  guideTool: ToolId | null;
  patterns: RegExp[];
  /** More specific entries hide these when both match (a Docker pull error contains Go's x509 text). */
  supersedes?: string[];
  /** A catch-all: hidden when a specific entry of the same family (the id's first word) matches. */
  generic?: boolean;
  /** What kind of problem it is, to relate it to this machine's detection result. */
  kind: 'untrusted' | 'incomplete' | 'expired' | 'hostname' | 'self-signed' | 'ca-format' | 'handshake' | 'setting';
  title: Text;
  cause: Text;
  /** Only for errors no catalogue setting fixes (expired, wrong name, …). */
  fix?: Text;
  /** Said before the row's fix when the error has another possible cause (e.g. a missing intermediate). */
  fixNote?: Text;
}

const t = (en: string, ja: string): Text => ({ en, ja });

const UNTRUSTED_CAUSE = t(
  'The chain ends at a CA this tool does not trust. On a corporate network this is almost always the TLS-inspection CA: IT installed it in the OS trust store, which browsers use, but this tool brings its own list.',
  '証明書チェーンが、このツールの信頼していない CA で終わっています。社内ネットワークでは、ほぼ確実に TLS インスペクションの CA です。IT は OS の信頼ストアに入れていますが（ブラウザはそれを使います）、このツールは独自の CA リストを使っています。',
);

export const KNOWN_ERRORS: readonly KnownError[] = [
  // Node.js and npm
  {
    id: 'node-self-signed-in-chain',
    tool: 'Node.js / npm',
    guideTool: 'node',
    kind: 'untrusted',
    patterns: [/SELF_SIGNED_CERT_IN_CHAIN/, /Error: self[- ]signed certificate in certificate chain/],
    title: t('Self-signed certificate in the chain', 'チェーン内に自己署名証明書'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'node-unable-to-get-issuer',
    tool: 'Node.js / npm',
    guideTool: 'node',
    kind: 'untrusted',
    // The bare message, as Node programs print an error's text (String(error), `Error: ${error.message}`).
    patterns: [/UNABLE_TO_GET_ISSUER_CERT_LOCALLY/, /(?:^|\s)Error: unable to get local issuer certificate/],
    title: t("Can't find the issuer certificate locally", '発行者の証明書がローカルに見つからない'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'node-unable-to-verify-leaf',
    tool: 'Node.js / npm',
    guideTool: 'node',
    kind: 'incomplete',
    patterns: [/UNABLE_TO_VERIFY_LEAF_SIGNATURE/, /Error: unable to verify the first certificate/],
    title: t('Unable to verify the first certificate', '最初の証明書を検証できない'),
    cause: t(
      'Node got a certificate whose issuer it cannot find: either the server left out its intermediate certificate, or an inspecting proxy sends only its forged certificate and its CA is unknown to Node.',
      'Node が発行者を見つけられない証明書を受け取りました。サーバーが中間証明書を送っていないか、インスペクション用プロキシが偽造証明書だけを送り、その CA を Node が知らないかのどちらかです。',
    ),
    fixNote: t(
      'Run "ca-bridge check HOST": a missing intermediate is for the server to fix; for inspection:',
      '「ca-bridge check ホスト名」で判別します。中間証明書の欠落はサーバー側の修正が必要です。インスペクションの場合:',
    ),
  },
  {
    id: 'node-cert-expired',
    tool: 'Node.js / npm',
    guideTool: null,
    kind: 'expired',
    patterns: [/CERT_HAS_EXPIRED/],
    title: t('Certificate has expired', '証明書の有効期限切れ'),
    cause: t(
      "A certificate in the chain is past its expiry date, or this computer's clock is wrong.",
      'チェーン内の証明書が期限切れか、このコンピューターの時計がずれています。',
    ),
    fix: t(
      'Check the clock; run "ca-bridge check HOST" to see which certificate expired. An expired inspection CA must be renewed by IT.',
      '時計を確認し、「ca-bridge check ホスト名」でどの証明書が期限切れか確認します。インスペクション CA の期限切れは IT による更新が必要です。',
    ),
  },
  {
    id: 'node-altname',
    tool: 'Node.js / npm',
    guideTool: null,
    kind: 'hostname',
    patterns: [/ERR_TLS_CERT_ALTNAME_INVALID/, /Hostname\/IP does not match certificate's altnames/i],
    title: t('Host name does not match the certificate', 'ホスト名が証明書と一致しない'),
    cause: t(
      'The certificate does not cover the name you connected to (wrong host, a typo, or a proxy that forges certificates badly).',
      '接続先の名前が証明書に含まれていません（ホスト違い、入力ミス、または証明書の偽造が不完全なプロキシ）。',
    ),
    fix: t(
      'Use the name the certificate covers ("ca-bridge check HOST" lists them). Never disable the check.',
      '証明書がカバーする名前を使ってください（「ca-bridge check ホスト名」で一覧表示）。チェックを無効にしないでください。',
    ),
  },
  {
    id: 'node-depth-zero',
    tool: 'Node.js / npm',
    guideTool: 'node',
    kind: 'self-signed',
    patterns: [/DEPTH_ZERO_SELF_SIGNED_CERT/],
    title: t('The server certificate is self-signed', 'サーバー証明書が自己署名'),
    cause: t(
      'The server presents a certificate that signed itself: a development server, an appliance, or a proxy that sends a self-made certificate.',
      'サーバーが自己署名の証明書を提示しています（開発サーバー、機器、または独自証明書を送るプロキシ）。',
    ),
    fix: t(
      'If you own the server, give it a certificate from your CA. Otherwise add this exact certificate with NODE_EXTRA_CA_CERTS after checking its fingerprint with the owner.',
      '自分のサーバーなら CA 発行の証明書を使います。そうでなければ、所有者とフィンガープリントを照合したうえで NODE_EXTRA_CA_CERTS に追加します。',
    ),
  },
  // Python, pip, requests, urllib
  {
    id: 'python-local-issuer',
    tool: 'Python (ssl, urllib, httpx)',
    guideTool: 'openssl',
    kind: 'untrusted',
    patterns: [/CERTIFICATE_VERIFY_FAILED\]? certificate verify failed: unable to get local issuer certificate/i],
    title: t('Python: unable to get local issuer certificate', 'Python: ローカルの発行者証明書を取得できない'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'python-self-signed-in-chain',
    tool: 'Python (ssl, urllib, httpx)',
    guideTool: 'openssl',
    kind: 'untrusted',
    patterns: [/CERTIFICATE_VERIFY_FAILED\]? certificate verify failed: self[- ]signed certificate in certificate chain/i],
    title: t('Python: self-signed certificate in the chain', 'Python: チェーン内に自己署名証明書'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'python-self-signed',
    tool: 'Python (ssl, urllib, httpx)',
    guideTool: null,
    kind: 'self-signed',
    patterns: [/CERTIFICATE_VERIFY_FAILED\]? certificate verify failed: self[- ]signed certificate(?! in)/i],
    title: t('Python: the server certificate is self-signed', 'Python: サーバー証明書が自己署名'),
    cause: t('The server certificate signed itself.', 'サーバー証明書が自己署名です。'),
    fix: t(
      'Trust that exact certificate only after checking its fingerprint with the owner, or give the server a proper certificate.',
      '所有者とフィンガープリントを照合してからその証明書だけを信頼するか、サーバーに正規の証明書を使ってもらいます。',
    ),
  },
  {
    id: 'python-expired',
    tool: 'Python (ssl, urllib, httpx)',
    guideTool: null,
    kind: 'expired',
    patterns: [/CERTIFICATE_VERIFY_FAILED\]? certificate verify failed: certificate has expired/i],
    title: t('Python: certificate has expired', 'Python: 証明書の期限切れ'),
    cause: t(
      "A certificate in the chain has expired, or this computer's clock is wrong.",
      'チェーン内の証明書が期限切れか、時計がずれています。',
    ),
    fix: t(
      'Check the clock; "ca-bridge check HOST" shows which certificate.',
      '時計を確認し、「ca-bridge check ホスト名」で該当証明書を確認します。',
    ),
  },
  {
    id: 'python-hostname',
    tool: 'Python (ssl, urllib, httpx)',
    guideTool: null,
    kind: 'hostname',
    patterns: [/CERTIFICATE_VERIFY_FAILED\]? certificate verify failed: Hostname mismatch/i, /hostname '[^'\n]{1,300}' doesn't match/i],
    title: t('Python: host name mismatch', 'Python: ホスト名の不一致'),
    cause: t('The certificate does not cover the host name used.', '証明書が使用したホスト名をカバーしていません。'),
    fix: t(
      'Use a name the certificate covers ("ca-bridge check HOST" lists them).',
      '証明書がカバーする名前を使います（「ca-bridge check ホスト名」で一覧表示）。',
    ),
  },
  {
    id: 'python-basic-constraints',
    tool: 'Python 3.13+',
    guideTool: 'python-requests',
    kind: 'ca-format',
    patterns: [/Basic Constraints of CA cert not marked critical/i],
    supersedes: ['python-requests-ssl'],
    title: t('Python 3.13+: CA Basic Constraints not critical', 'Python 3.13+: CA の Basic Constraints が critical でない'),
    cause: t(
      'Python 3.13 verifies strictly (VERIFY_X509_STRICT) and rejects the inspection CA because its Basic Constraints extension is not marked critical. Zscaler, Netskope, GlobalProtect and ESET roots are known to do this.',
      'Python 3.13 は厳格に検証し（VERIFY_X509_STRICT）、Basic Constraints が critical でないインスペクション CA を拒否します。Zscaler・Netskope・GlobalProtect・ESET のルートで報告されています。',
    ),
    fix: t(
      'Ask IT to reissue the CA with critical Basic Constraints. Meanwhile use Python 3.12, or the truststore package, which verifies with the OS.',
      'Basic Constraints を critical にした CA の再発行を IT に依頼してください。それまでは Python 3.12 か、OS で検証する truststore パッケージを使います。',
    ),
  },
  {
    id: 'python-missing-ski',
    tool: 'Python 3.13+',
    guideTool: 'python-requests',
    kind: 'ca-format',
    patterns: [/Missing Subject Key Identifier/i],
    supersedes: ['python-requests-ssl'],
    title: t('Python 3.13+: CA without Subject Key Identifier', 'Python 3.13+: CA に Subject Key Identifier がない'),
    cause: t(
      'Python 3.13 verifies strictly (VERIFY_X509_STRICT) and rejects CA certificates without a Subject Key Identifier.',
      'Python 3.13 は厳格に検証し（VERIFY_X509_STRICT）、Subject Key Identifier のない CA 証明書を拒否します。',
    ),
    fix: t(
      'Ask IT to reissue the CA with key identifiers ("ca-bridge export" lints the CA and says so); meanwhile Python 3.12 or the truststore package.',
      'キー識別子付きの CA の再発行を IT に依頼してください（「ca-bridge export」の CA チェックが示します）。それまでは Python 3.12 か truststore パッケージを使います。',
    ),
  },
  {
    id: 'python-missing-aki',
    tool: 'Python 3.13+, urllib3 2.4+',
    guideTool: 'python-requests',
    kind: 'ca-format',
    patterns: [/Missing Authority Key Identifier/i],
    supersedes: ['python-requests-ssl'],
    title: t('Python 3.13+: certificate without Authority Key Identifier', 'Python 3.13+: 証明書に Authority Key Identifier がない'),
    cause: t(
      'Python 3.13 verifies strictly and rejects certificates without an Authority Key Identifier. Behind an inspecting proxy this is usually the leaf the proxy forges, so it fails even with exactly the right bundle.',
      'Python 3.13 は厳格に検証し、Authority Key Identifier のない証明書を拒否します。インスペクション環境では通常プロキシが偽造するサーバー証明書が原因で、正しいバンドルを設定しても失敗します。',
    ),
    fix: t(
      'This is the proxy configuration, not your CA file: ask IT to have the proxy put an Authority Key Identifier in the certificates it forges ("ca-bridge export" lints the inspected chains and names the sites). Meanwhile Python 3.12, or the truststore package, which verifies with the OS.',
      'これは CA ファイルではなくプロキシの設定の問題です。偽造する証明書に Authority Key Identifier を入れるよう IT に依頼してください（「ca-bridge export」が検査されたチェーンを確認しサイト名を示します）。それまでは Python 3.12 か、OS で検証する truststore パッケージを使います。',
    ),
  },
  {
    id: 'python-verify-failed',
    tool: 'Python (ssl, urllib, httpx)',
    guideTool: 'openssl',
    kind: 'untrusted',
    patterns: [/CERTIFICATE_VERIFY_FAILED/],
    title: t('Python: certificate verify failed', 'Python: 証明書の検証に失敗'),
    cause: UNTRUSTED_CAUSE,
    generic: true,
  },
  {
    id: 'python-requests-ssl',
    tool: 'Python requests (and tools built on it)',
    guideTool: 'python-requests',
    kind: 'untrusted',
    patterns: [/HTTPSConnectionPool\(host=[^\n]{0,300}?SSLError\(SSLCertVerificationError/, /requests\.exceptions\.SSLError/],
    supersedes: ['python-verify-failed', 'python-local-issuer', 'python-self-signed-in-chain'],
    title: t('requests: certificate verify failed', 'requests: 証明書の検証に失敗'),
    cause: t(
      'requests verifies with its own bundle (certifi), not the OS store and not SSL_CERT_FILE; that bundle lacks the inspection CA.',
      'requests は OS のストアでも SSL_CERT_FILE でもなく独自のバンドル（certifi）で検証し、そこにインスペクション CA がありません。',
    ),
  },
  {
    id: 'pip-ssl',
    tool: 'pip',
    guideTool: 'pip',
    kind: 'untrusted',
    patterns: [/There was a problem confirming the ssl certificate/i, /Could not fetch URL [^\n]{0,400}?SSLError/i],
    supersedes: ['python-verify-failed', 'python-local-issuer', 'python-self-signed-in-chain', 'python-requests-ssl'],
    title: t('pip cannot confirm the SSL certificate', 'pip が SSL 証明書を確認できない'),
    cause: UNTRUSTED_CAUSE,
  },
  // curl
  {
    id: 'curl-60',
    tool: 'curl',
    guideTool: 'curl',
    kind: 'untrusted',
    patterns: [
      /curl: \(60\)/,
      /SSL peer certificate or SSH remote key was not OK/i,
      /Peer certificate cannot be authenticated with given CA certificates/i,
      /SSL certificate problem: (?:unable to get local issuer certificate|self[- ]signed certificate in certificate chain)/i,
    ],
    title: t('curl error 60: certificate not trusted', 'curl エラー 60: 証明書が信頼されていない'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'curl-51',
    tool: 'curl',
    guideTool: null,
    kind: 'hostname',
    patterns: [/curl: \(51\)/, /SSL: no alternative certificate subject name matches target host name/i],
    title: t('curl error 51: name or peer verification failed', 'curl エラー 51: 名前またはピア検証の失敗'),
    cause: t(
      'In older curl, 51 means the certificate does not match the host name (or peer verification failed).',
      '古い curl の 51 は、証明書がホスト名と一致しない（またはピア検証失敗）ことを示します。',
    ),
    fix: t(
      'Use a name the certificate covers ("ca-bridge check HOST").',
      '証明書がカバーする名前を使います（「ca-bridge check ホスト名」）。',
    ),
  },
  {
    id: 'curl-35',
    tool: 'curl',
    guideTool: null,
    kind: 'handshake',
    patterns: [/curl: \(35\)/],
    title: t('curl error 35: TLS handshake failed', 'curl エラー 35: TLS ハンドシェイク失敗'),
    cause: t(
      'The TLS handshake broke off: the server wants a client certificate, the proxy blocks the site, or no protocol version or cipher is shared.',
      'TLS ハンドシェイクが中断しました。クライアント証明書が必要、プロキシがサイトを遮断、またはプロトコル/暗号が合わない、のいずれかです。',
    ),
    fix: t(
      'Run "ca-bridge check HOST" (with --proxy if you use one): it names the cause.',
      '「ca-bridge check ホスト名」（プロキシ使用時は --proxy 付き）で原因が分かります。',
    ),
  },
  // OpenSSL
  {
    id: 'openssl-local-issuer',
    tool: 'OpenSSL',
    guideTool: 'openssl',
    kind: 'untrusted',
    patterns: [/verify error:num=(20|2):/],
    title: t('OpenSSL: unable to get (local) issuer certificate', 'OpenSSL: 発行者証明書を取得できない'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'openssl-self-signed-in-chain',
    tool: 'OpenSSL',
    guideTool: 'openssl',
    kind: 'untrusted',
    patterns: [/verify error:num=19:/],
    title: t('OpenSSL: self-signed certificate in chain', 'OpenSSL: チェーン内に自己署名証明書'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'openssl-first-cert',
    tool: 'OpenSSL',
    guideTool: 'openssl',
    kind: 'incomplete',
    patterns: [/verify error:num=21:/],
    title: t('OpenSSL: unable to verify the first certificate', 'OpenSSL: 最初の証明書を検証できない'),
    cause: t(
      'The issuer of the server certificate is neither sent nor known: a missing intermediate, or an inspection CA the tool lacks.',
      'サーバー証明書の発行者が送られておらず既知でもありません（中間証明書の欠落か、ツールが持たないインスペクション CA）。',
    ),
    fixNote: t(
      '"ca-bridge check HOST" tells a missing intermediate (for the server to fix) from inspection; for inspection:',
      '「ca-bridge check ホスト名」で中間証明書の欠落（サーバー側で修正）かインスペクションかを判別します。インスペクションの場合:',
    ),
  },
  {
    id: 'openssl-self-signed',
    tool: 'OpenSSL',
    guideTool: null,
    kind: 'self-signed',
    patterns: [/verify error:num=18:/],
    title: t('OpenSSL: self-signed certificate', 'OpenSSL: 自己署名証明書'),
    cause: t('The server certificate signed itself.', 'サーバー証明書が自己署名です。'),
    fix: t(
      'Trust that exact certificate only after checking its fingerprint with the owner.',
      '所有者とフィンガープリントを照合してから、その証明書だけを信頼します。',
    ),
  },
  {
    id: 'openssl-expired',
    tool: 'OpenSSL',
    guideTool: null,
    kind: 'expired',
    patterns: [/verify error:num=10:/],
    title: t('OpenSSL: certificate has expired', 'OpenSSL: 証明書の期限切れ'),
    cause: t('A certificate in the chain has expired, or the clock is wrong.', 'チェーン内の証明書が期限切れか、時計がずれています。'),
    fix: t(
      'Check the clock; "ca-bridge check HOST" shows which certificate.',
      '時計を確認し、「ca-bridge check ホスト名」で該当証明書を確認します。',
    ),
  },
  {
    id: 'openssl-hostname',
    tool: 'OpenSSL',
    guideTool: null,
    kind: 'hostname',
    patterns: [/verify error:num=62:/],
    title: t('OpenSSL: host name mismatch', 'OpenSSL: ホスト名の不一致'),
    cause: t('The certificate does not cover the host name.', '証明書がホスト名をカバーしていません。'),
    fix: t('Use a name the certificate covers.', '証明書がカバーする名前を使います。'),
  },
  // Git
  {
    id: 'git-ssl',
    tool: 'Git',
    guideTool: 'git',
    kind: 'untrusted',
    patterns: [/unable to access '[^'\n]{0,500}': SSL certificate problem/i, /server certificate verification failed\. CAfile/i],
    supersedes: ['curl-60'],
    title: t('Git: SSL certificate problem', 'Git: SSL 証明書の問題'),
    cause: UNTRUSTED_CAUSE,
  },
  // wget
  {
    id: 'wget-verify',
    tool: 'wget',
    guideTool: 'wget',
    kind: 'untrusted',
    patterns: [
      /ERROR: cannot verify [^\n]{0,300}?'s certificate/i,
      /Unable to locally verify the issuer's authority/i,
      /ERROR: The certificate of [`'‘][^'’\n]{1,300}['’] is not trusted/i,
      /ERROR: The certificate of [`'‘][^'’\n]{1,300}['’] doesn't have a known issuer/i,
      /エラー: [`'‘][^'’\n]{1,300}['’] の証明書は信用されません/,
      /エラー: [`'‘][^'’\n]{1,300}['’] の証明書の発行者が不明です/,
    ],
    title: t("wget cannot verify the server's certificate", 'wget がサーバー証明書を検証できない'),
    cause: UNTRUSTED_CAUSE,
  },
  // Java
  {
    // Maven wraps the JDK's PKIX text in its own transfer error; the fix is the same store, with Maven's notes.
    id: 'maven-pkix',
    tool: 'Maven',
    guideTool: 'maven',
    kind: 'untrusted',
    patterns: [/Could not transfer (?:artifact|metadata) [^\n]{0,600}?PKIX path building failed/],
    supersedes: ['java-pkix'],
    title: t('Maven: PKIX path building failed', 'Maven: PKIX パス構築に失敗'),
    cause: t(
      'Maven runs on the JDK, which trusts only its own cacerts file; that file lacks the inspection CA.',
      'Maven は JDK 上で動き、JDK は自身の cacerts だけを信頼します。そこにインスペクション CA がありません。',
    ),
  },
  {
    id: 'java-pkix',
    tool: 'Java (Maven, Gradle, JDBC…)',
    guideTool: 'java',
    kind: 'untrusted',
    patterns: [
      /PKIX path building failed/i,
      /unable to find valid certification path to requested target/i,
      /sun\.security\.validator\.ValidatorException/,
    ],
    title: t('Java: PKIX path building failed', 'Java: PKIX パス構築に失敗'),
    cause: t(
      "Java trusts only the JDK's own cacerts file, which lacks the inspection CA.",
      'Java は JDK 自身の cacerts だけを信頼し、そこにインスペクション CA がありません。',
    ),
  },
  // Go
  {
    id: 'go-unknown-authority',
    tool: 'Go (terraform, kubectl, gh…)',
    guideTool: 'go',
    kind: 'untrusted',
    patterns: [/x509: certificate signed by unknown authority/i],
    title: t('Go: certificate signed by unknown authority', 'Go: 不明な認証局による署名'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'go-hostname',
    tool: 'Go',
    guideTool: null,
    kind: 'hostname',
    patterns: [/x509: certificate is valid for [^\n]{1,400}?, not \S{1,300}/i],
    title: t('Go: certificate valid for other names', 'Go: 証明書が別の名前向け'),
    cause: t('The certificate does not cover the host name you used.', '証明書が使用したホスト名をカバーしていません。'),
    fix: t('Use a name the certificate lists.', '証明書に記載された名前を使います。'),
  },
  {
    id: 'go-expired',
    tool: 'Go',
    guideTool: null,
    kind: 'expired',
    patterns: [/x509: certificate has expired or is not yet valid/i],
    title: t('Go: certificate expired or not yet valid', 'Go: 証明書が期限切れまたは未有効'),
    cause: t('A certificate is outside its validity period, or the clock is wrong.', '証明書が有効期間外か、時計がずれています。'),
    fix: t('Check the clock; "ca-bridge check HOST".', '時計を確認し、「ca-bridge check ホスト名」を実行します。'),
  },
  // .NET
  {
    id: 'dotnet-remote-invalid',
    tool: '.NET (dotnet, NuGet, PowerShell)',
    guideTool: 'dotnet',
    kind: 'untrusted',
    patterns: [/The remote certificate is invalid/i, /The SSL connection could not be established/i],
    title: t('.NET: the remote certificate is invalid', '.NET: リモート証明書が無効'),
    cause: t(
      ".NET uses the OS trust store on Windows and macOS; on Linux it uses OpenSSL's. UntrustedRoot or PartialChain means the inspection CA is missing there.",
      '.NET は Windows と macOS では OS の信頼ストア、Linux では OpenSSL のものを使います。UntrustedRoot や PartialChain はそこにインスペクション CA がないことを意味します。',
    ),
  },
  // Ruby
  {
    id: 'ruby-verify',
    tool: 'Ruby (gem, bundler)',
    guideTool: 'ruby',
    kind: 'untrusted',
    patterns: [/SSL_connect returned=1 errno=0[^\n]{0,400}?certificate verify failed/i],
    title: t('Ruby: certificate verify failed', 'Ruby: 証明書の検証に失敗'),
    cause: UNTRUSTED_CAUSE,
  },
  // Docker
  {
    id: 'docker-x509',
    tool: 'Docker',
    guideTool: 'docker-desktop',
    kind: 'untrusted',
    patterns: [
      /Error response from daemon: [^\n]{0,400}?x509:/i,
      /failed to (?:do request|resolve|copy)[^\n]{0,400}?x509: certificate signed by unknown authority/i,
    ],
    supersedes: ['go-unknown-authority'],
    title: t('Docker: x509 error on pull', 'Docker: pull 時の x509 エラー'),
    cause: t(
      "The Docker daemon verifies registries with its host's trust store, which lacks the inspection CA (in Docker Desktop: the VM's store).",
      'Docker デーモンはホストの信頼ストアでレジストリを検証し、そこにインスペクション CA がありません（Docker Desktop では VM のストア）。',
    ),
  },
  // AWS CLI
  {
    id: 'aws-ssl-validation',
    tool: 'AWS CLI',
    guideTool: 'aws',
    kind: 'untrusted',
    patterns: [/SSL validation failed for/i],
    supersedes: ['python-verify-failed', 'python-local-issuer', 'python-self-signed-in-chain', 'python-requests-ssl'],
    title: t('AWS CLI: SSL validation failed', 'AWS CLI: SSL 検証に失敗'),
    cause: UNTRUSTED_CAUSE,
  },
  // Package managers and runtimes around Node.js
  {
    id: 'npm-cert',
    tool: 'npm',
    guideTool: 'npm',
    kind: 'untrusted',
    patterns: [/npm (?:ERR!|error) code (?:UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)/],
    supersedes: ['node-unable-to-get-issuer', 'node-self-signed-in-chain', 'node-unable-to-verify-leaf'],
    title: t('npm: certificate not trusted', 'npm: 証明書が信頼されていない'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'pnpm-cert',
    tool: 'pnpm',
    guideTool: 'pnpm',
    kind: 'untrusted',
    patterns: [
      /ERR_PNPM_[A-Z_]{1,40}[^\n]{0,400}?(?:unable to get local issuer certificate|unable to verify the first certificate|self[- ]signed certificate in certificate chain|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)/,
      // pnpm 12 (rustls) spreads its error over a few lines of a tree.
      /ERR_PNPM_[A-Z_]{1,60}[^]{0,600}?invalid peer certificate: UnknownIssuer/,
    ],
    supersedes: [
      'node-unable-to-get-issuer',
      'node-self-signed-in-chain',
      'node-unable-to-verify-leaf',
      'deno-unknown-issuer',
      'uv-unknown-issuer',
      'rustls-unknown-issuer',
    ],
    title: t('pnpm: certificate not trusted', 'pnpm: 証明書が信頼されていない'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    // pnpm's log (its append-only reporter, CI logs): node-fetch's FetchError, with pnpm's bundle in the stack.
    id: 'pnpm-fetch-error',
    tool: 'pnpm',
    guideTool: 'pnpm',
    kind: 'untrusted',
    patterns: [
      /FetchError: request to https?:\/\/[^\s]{1,400} failed, reason: (?:self[- ]signed certificate in certificate chain|unable to get local issuer certificate|unable to verify the first certificate)[^]{0,400}?pnpm\.c?js/,
    ],
    supersedes: ['npm-fetch-error', 'node-unable-to-get-issuer', 'node-self-signed-in-chain', 'node-unable-to-verify-leaf'],
    title: t('pnpm: certificate not trusted', 'pnpm: 証明書が信頼されていない'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    // The same FetchError from npm (and tools built on npm's fetch), without pnpm in the stack.
    id: 'npm-fetch-error',
    tool: 'npm',
    guideTool: 'npm',
    kind: 'untrusted',
    patterns: [
      /FetchError: request to https?:\/\/[^\s]{1,400} failed, reason: (?:self[- ]signed certificate in certificate chain|unable to get local issuer certificate|unable to verify the first certificate)/,
    ],
    supersedes: ['node-unable-to-get-issuer', 'node-self-signed-in-chain', 'node-unable-to-verify-leaf'],
    title: t('npm: certificate not trusted', 'npm: 証明書が信頼されていない'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'yarn-cert',
    tool: 'Yarn 1',
    guideTool: 'yarn',
    kind: 'untrusted',
    patterns: [
      /error An unexpected error occurred: "[^"\n]{0,400}?: (?:unable to get local issuer certificate|self[- ]signed certificate in certificate chain)/,
    ],
    title: t('Yarn: certificate not trusted', 'Yarn: 証明書が信頼されていない'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'bun-cert',
    tool: 'Bun',
    guideTool: 'bun',
    kind: 'untrusted',
    // Bun prints the error object with double-quoted codes and ends with its version line.
    patterns: [
      /code: "(?:UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN)"[^]{0,400}?\nBun v\d/,
    ],
    supersedes: ['node-unable-to-get-issuer', 'node-self-signed-in-chain', 'node-unable-to-verify-leaf'],
    title: t('Bun: certificate not trusted', 'Bun: 証明書が信頼されていない'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'yarn-berry-cert',
    tool: 'Yarn 2+ (berry)',
    guideTool: 'yarn-4',
    kind: 'untrusted',
    patterns: [
      /YN0001: RequestError: (?:unable to verify the first certificate|unable to get local issuer certificate|self[- ]signed certificate in certificate chain)/,
    ],
    supersedes: ['node-unable-to-get-issuer', 'node-self-signed-in-chain', 'node-unable-to-verify-leaf'],
    title: t('Yarn: certificate not trusted', 'Yarn: 証明書が信頼されていない'),
    cause: UNTRUSTED_CAUSE,
    fixNote: t(
      'Yarn 2/3: NODE_EXTRA_CA_CERTS ("--tool yarn-3"). Yarn 4:',
      'Yarn 2/3 は NODE_EXTRA_CA_CERTS（「--tool yarn-3」）。Yarn 4 は:',
    ),
  },
  // rustls-based tools: Deno, uv, pnpm 12, Codex CLI
  {
    id: 'deno-unknown-issuer',
    tool: 'Deno',
    guideTool: 'deno',
    kind: 'untrusted',
    patterns: [/\(Connect\): invalid peer certificate: UnknownIssuer/],
    supersedes: ['rustls-unknown-issuer'],
    title: t('Deno: invalid peer certificate (UnknownIssuer)', 'Deno: 不正なピア証明書（UnknownIssuer）'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    // uv 0.13 warns and goes on with no roots at all; the UnknownIssuer after it is a consequence, not the cause.
    id: 'uv-ssl-cert-file-missing',
    tool: 'uv',
    guideTool: 'uv',
    kind: 'setting',
    patterns: [/warning: Invalid `SSL_CERT_FILE`\. Path does not exist: [^\n]{0,1000}/],
    supersedes: ['uv-unknown-issuer', 'rustls-unknown-issuer'],
    title: t('uv: SSL_CERT_FILE names a file that does not exist', 'uv: SSL_CERT_FILE が存在しないファイルを指している'),
    cause: t(
      'SSL_CERT_FILE is set, but the file it names is not there (an export folder that was moved or deleted): uv then trusts no certificate at all, so every site fails, inspected or not.',
      'SSL_CERT_FILE は設定されていますが、指しているファイルがありません（移動または削除されたエクスポートフォルダー）。uv はどの証明書も信頼しなくなり、検査の有無にかかわらずすべてのサイトが失敗します。',
    ),
    fix: t(
      'Do not set another variable: make the one you have name a real file. Export again to the folder it names ("ca-bridge export --out DIR"), or change SSL_CERT_FILE to the ca-bundle.pem of your current export, in your shell profile too. Other OpenSSL-based tools read the same variable and fail the same way. Do not disable verification.',
      '変数を追加するのではなく、今の変数が実在するファイルを指すようにします。指しているフォルダーへ再エクスポートする（「ca-bridge export --out DIR」）か、SSL_CERT_FILE を現在のエクスポートの ca-bundle.pem に変更します（シェルのプロファイルも）。同じ変数を読む OpenSSL 系のツールも同様に失敗します。検証を無効にしないでください。',
    ),
  },
  {
    id: 'uv-unknown-issuer',
    tool: 'uv',
    guideTool: 'uv',
    kind: 'untrusted',
    patterns: [/(?:Caused by|cause): invalid peer certificate: UnknownIssuer/],
    supersedes: ['rustls-unknown-issuer'],
    title: t('uv: invalid peer certificate (UnknownIssuer)', 'uv: 不正なピア証明書（UnknownIssuer）'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'rustls-unknown-issuer',
    tool: 'rustls-based tools (uv, Deno, pnpm 12, Codex CLI)',
    guideTool: null,
    kind: 'untrusted',
    patterns: [/invalid peer certificate: UnknownIssuer/],
    title: t('rustls: invalid peer certificate (UnknownIssuer)', 'rustls: 不正なピア証明書（UnknownIssuer）'),
    cause: UNTRUSTED_CAUSE,
    fix: t(
      'This text comes from rustls, used by uv, Deno, pnpm 12 and Codex CLI: "ca-bridge snippets --dir DIR --tool uv" (or deno, codex) prints the setting for the tool that printed it. Do not disable verification.',
      'この文言は uv・Deno・pnpm 12・Codex CLI が使う rustls のものです。表示したツールに合わせて「ca-bridge snippets --dir DIR --tool uv」（deno、codex）で設定を確認してください。検証を無効にしないでください。',
    ),
  },
  // Python libraries and tools with their own texts
  {
    id: 'httpx-verify',
    tool: 'Python httpx',
    guideTool: 'httpx',
    kind: 'untrusted',
    patterns: [/httpx\.ConnectError: \[SSL: CERTIFICATE_VERIFY_FAILED\]/],
    supersedes: ['python-verify-failed', 'python-local-issuer', 'python-self-signed-in-chain'],
    title: t('httpx: certificate verify failed', 'httpx: 証明書の検証に失敗'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'python-urllib',
    tool: 'Python urllib / ssl',
    guideTool: 'openssl',
    kind: 'untrusted',
    patterns: [/urlopen error \[SSL: CERTIFICATE_VERIFY_FAILED\]/],
    supersedes: ['python-verify-failed', 'python-local-issuer', 'python-self-signed-in-chain'],
    title: t('Python urllib: certificate verify failed', 'Python urllib: 証明書の検証に失敗'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'conda-ssl',
    tool: 'conda',
    guideTool: 'conda',
    kind: 'untrusted',
    patterns: [/CondaSSLError: Encountered an SSL error/],
    supersedes: ['python-verify-failed', 'python-local-issuer', 'python-self-signed-in-chain', 'python-requests-ssl'],
    title: t('conda: SSL error', 'conda: SSL エラー'),
    cause: UNTRUSTED_CAUSE,
  },
  // Cargo, PHP
  {
    id: 'cargo-60',
    tool: 'Cargo',
    guideTool: 'cargo',
    kind: 'untrusted',
    patterns: [/\[60\] SSL peer certificate or SSH remote key was not OK/],
    supersedes: ['curl-60'],
    title: t('Cargo: [60] SSL peer certificate not OK', 'Cargo: [60] SSL ピア証明書が不正'),
    cause: UNTRUSTED_CAUSE,
  },
  {
    id: 'php-openssl',
    tool: 'PHP, Composer',
    guideTool: 'php',
    kind: 'untrusted',
    patterns: [
      /SSL operation failed with code 1\. OpenSSL Error messages:\s{0,8}error:[0-9A-F]{8}:SSL routines:[^\n]{0,80}?certificate verify failed/,
      /curl error 60 while downloading/,
    ],
    supersedes: ['curl-60'],
    title: t('PHP: certificate verify failed', 'PHP: 証明書の検証に失敗'),
    cause: UNTRUSTED_CAUSE,
  },
  // Windows schannel (curl.exe, Git for Windows, PowerShell)
  {
    id: 'git-schannel',
    tool: 'Git for Windows (schannel)',
    guideTool: 'git-schannel',
    kind: 'untrusted',
    patterns: [/unable to access '[^'\n]{0,500}': schannel: SEC_E_UNTRUSTED_ROOT/],
    supersedes: ['schannel-untrusted-root'],
    title: t('Git for Windows: untrusted root (schannel)', 'Git for Windows: 信頼されていないルート（schannel）'),
    cause: t(
      'Git uses the Windows store through schannel, and the inspection CA is not in it.',
      'Git は schannel 経由で Windows のストアを使っていますが、そこにインスペクション CA がありません。',
    ),
    fixNote: t(
      'Install the CA into your Windows store (the "Windows, current user" system-store command, no admin), then:',
      'CA を Windows のストアに入れ（システムストアの「Windows, current user」のコマンド、管理者不要）、次に:',
    ),
  },
  {
    id: 'schannel-untrusted-root',
    tool: 'Windows schannel (curl.exe, Git, PowerShell)',
    guideTool: null,
    kind: 'untrusted',
    patterns: [/SEC_E_UNTRUSTED_ROOT/],
    title: t('schannel: untrusted root', 'schannel: 信頼されていないルート'),
    cause: t(
      'The program verifies with the Windows store, and the inspection CA is not in it: IT has not installed it for this user or machine.',
      'このプログラムは Windows のストアで検証しますが、そこにインスペクション CA がありません（IT がこのユーザー・マシンに導入していません）。',
    ),
    fix: t(
      'Compare the CA fingerprint with IT, then install it for your user without admin rights ("ca-bridge snippets" lists the "Windows, current user" command). Do not disable verification.',
      'CA のフィンガープリントを IT と照合してから、管理者権限なしで自分のユーザーに導入します（「ca-bridge snippets」の「Windows, current user」のコマンド）。検証を無効にしないでください。',
    ),
  },
  {
    id: 'schannel-revocation',
    tool: 'Windows schannel (curl.exe, Git, PowerShell)',
    guideTool: null,
    kind: 'ca-format',
    patterns: [/CRYPT_E_NO_REVOCATION_CHECK/, /0x80092012/],
    title: t('schannel: revocation could not be checked', 'schannel: 失効を確認できない'),
    cause: t(
      'Windows could not check whether the certificate was revoked (0x80092012): the proxy-forged certificates name a revocation list or OCSP address that cannot be reached.',
      'Windows が証明書の失効を確認できませんでした（0x80092012）。プロキシが偽造した証明書の失効リストや OCSP の宛先に到達できません。',
    ),
    fix: t(
      'This is the proxy configuration: ask IT to publish a reachable revocation list for the inspection CA or omit the address from forged certificates. curl.exe has --ssl-revoke-best-effort; do not turn revocation checks off.',
      'これはプロキシの設定の問題です。インスペクション CA の失効リストを到達可能にするか、偽造証明書から宛先を除くよう IT に依頼してください。curl.exe には --ssl-revoke-best-effort があります。失効確認を無効にしないでください。',
    ),
  },
  // apt (GnuTLS), typically inside a Docker build
  {
    id: 'apt-gnutls',
    tool: 'apt (Docker builds, WSL)',
    guideTool: 'docker',
    kind: 'untrusted',
    patterns: [/Certificate verification failed: The certificate is NOT trusted\. The certificate issuer is unknown/],
    title: t('apt: certificate issuer unknown', 'apt: 証明書の発行者が不明'),
    cause: UNTRUSTED_CAUSE,
  },
  // Browsers
  {
    id: 'browser-authority-invalid',
    tool: 'Browser',
    guideTool: null,
    kind: 'untrusted',
    patterns: [/NET::ERR_CERT_AUTHORITY_INVALID/, /SEC_ERROR_UNKNOWN_ISSUER/],
    title: t('Browser: certificate authority invalid', 'ブラウザー: 認証局が無効'),
    cause: t(
      'Even the browser does not trust the issuer: the inspection CA is NOT installed in the OS store (or the connection is really under attack).',
      'ブラウザーでさえ発行者を信頼していません。インスペクション CA が OS ストアに入っていない（または本当に攻撃されている）状態です。',
    ),
    fix: t(
      'Do not click through. Ask IT to install the company CA, then compare its fingerprint with the one "ca-bridge detect" shows.',
      '先へ進まないでください。IT に社内 CA の導入を依頼し、「ca-bridge detect」が示すフィンガープリントと照合します。',
    ),
  },
  {
    id: 'browser-name-invalid',
    tool: 'Browser',
    guideTool: null,
    kind: 'hostname',
    patterns: [/NET::ERR_CERT_COMMON_NAME_INVALID/, /SSL_ERROR_BAD_CERT_DOMAIN/],
    title: t('Browser: certificate is for another name', 'ブラウザー: 証明書が別の名前向け'),
    cause: t('The certificate does not cover this site name.', '証明書がこのサイト名をカバーしていません。'),
    fix: t(
      'Check the address; "ca-bridge check HOST" lists the names covered.',
      'アドレスを確認し、「ca-bridge check ホスト名」でカバーされる名前を確認します。',
    ),
  },
  {
    id: 'browser-date-invalid',
    tool: 'Browser',
    guideTool: null,
    kind: 'expired',
    patterns: [/NET::ERR_CERT_DATE_INVALID/, /SEC_ERROR_EXPIRED_CERTIFICATE/],
    title: t('Browser: certificate date invalid', 'ブラウザー: 証明書の日付が無効'),
    cause: t('A certificate is expired or not yet valid, or the clock is wrong.', '証明書が期限切れか未有効、または時計がずれています。'),
    fix: t('Check the clock; "ca-bridge check HOST".', '時計を確認し、「ca-bridge check ホスト名」を実行します。'),
  },
  {
    id: 'browser-cert-other',
    tool: 'Browser',
    guideTool: null,
    kind: 'untrusted',
    patterns: [/NET::ERR_CERT_[A-Z_]+/],
    generic: true,
    title: t('Browser certificate error', 'ブラウザーの証明書エラー'),
    cause: t('The browser rejected the certificate.', 'ブラウザーが証明書を拒否しました。'),
    fix: t('Run "ca-bridge check HOST" for the exact reason.', '「ca-bridge check ホスト名」で正確な理由を確認します。'),
  },
];
