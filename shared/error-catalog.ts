import type { Text } from './guidance/text.js';

/** A known certificate error message: where it comes from, what it means, and the fix (never "turn verification off"). */
export interface KnownError {
  id: string;
  tool: string;
  /** The guidance catalogue entry whose setting fixes it. */
  guideTool: string | null;
  patterns: RegExp[];
  /** More specific entries hide these when both match (a Docker pull error contains Go's x509 text). */
  supersedes?: string[];
  /** A catch-all: hidden when a specific entry of the same family (the id's first word) matches. */
  generic?: boolean;
  /** What kind of problem it is, to relate it to this machine's detection result. */
  kind: 'untrusted' | 'incomplete' | 'expired' | 'hostname' | 'self-signed' | 'ca-format' | 'handshake';
  title: Text;
  cause: Text;
  fix: Text;
}

const t = (en: string, ja: string): Text => ({ en, ja });

const UNTRUSTED_CAUSE = t(
  'The chain ends at a CA this tool does not trust. On a corporate network this is almost always the TLS-inspection CA: IT installed it in the OS trust store, which browsers use, but this tool brings its own list.',
  '証明書チェーンが、このツールの信頼していない CA で終わっています。社内ネットワークでは、ほぼ確実に TLS インスペクションの CA です。IT は OS の信頼ストアに入れていますが（ブラウザはそれを使います）、このツールは独自の CA リストを使っています。',
);
const fixFor = (setting: string, file: 'corporate-ca.pem' | 'ca-bundle.pem', tool: string) =>
  t(
    `Export the CA with "ca-bridge export --out DIR", then set ${setting} to DIR/${file} ("ca-bridge snippets --dir DIR --tool ${tool}" prints the exact line). Do not disable verification.`,
    `「ca-bridge export --out DIR」で CA をエクスポートし、${setting} に DIR/${file} を設定します（正確な設定は「ca-bridge snippets --dir DIR --tool ${tool}」で表示）。検証を無効にしないでください。`,
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
    fix: fixFor('NODE_EXTRA_CA_CERTS (npm: cafile)', 'corporate-ca.pem', 'node'),
  },
  {
    id: 'node-unable-to-get-issuer',
    tool: 'Node.js / npm',
    guideTool: 'node',
    kind: 'untrusted',
    patterns: [/UNABLE_TO_GET_ISSUER_CERT_LOCALLY/],
    title: t("Can't find the issuer certificate locally", '発行者の証明書がローカルに見つからない'),
    cause: UNTRUSTED_CAUSE,
    fix: fixFor('NODE_EXTRA_CA_CERTS (npm: cafile)', 'corporate-ca.pem', 'node'),
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
    fix: t(
      'Run "ca-bridge check HOST": it tells which. For inspection, export the CA and set NODE_EXTRA_CA_CERTS; for a missing intermediate, the server must send it.',
      '「ca-bridge check ホスト名」でどちらか分かります。インスペクションなら CA をエクスポートして NODE_EXTRA_CA_CERTS を設定、中間証明書の欠落ならサーバー側で送る必要があります。',
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
    tool: 'Python (requests, pip, urllib)',
    guideTool: 'python-requests',
    kind: 'untrusted',
    patterns: [/CERTIFICATE_VERIFY_FAILED\]? certificate verify failed: unable to get local issuer certificate/i],
    title: t('Python: unable to get local issuer certificate', 'Python: ローカルの発行者証明書を取得できない'),
    cause: UNTRUSTED_CAUSE,
    fix: fixFor('REQUESTS_CA_BUNDLE and SSL_CERT_FILE (pip: PIP_CERT)', 'ca-bundle.pem', 'python-requests'),
  },
  {
    id: 'python-self-signed-in-chain',
    tool: 'Python (requests, pip, urllib)',
    guideTool: 'python-requests',
    kind: 'untrusted',
    patterns: [/CERTIFICATE_VERIFY_FAILED\]? certificate verify failed: self[- ]signed certificate in certificate chain/i],
    title: t('Python: self-signed certificate in the chain', 'Python: チェーン内に自己署名証明書'),
    cause: UNTRUSTED_CAUSE,
    fix: fixFor('REQUESTS_CA_BUNDLE and SSL_CERT_FILE', 'ca-bundle.pem', 'python-requests'),
  },
  {
    id: 'python-self-signed',
    tool: 'Python (requests, pip, urllib)',
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
    tool: 'Python (requests, pip, urllib)',
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
    tool: 'Python (requests, pip, urllib)',
    guideTool: null,
    kind: 'hostname',
    patterns: [/CERTIFICATE_VERIFY_FAILED\]? certificate verify failed: Hostname mismatch/i, /hostname '[^']+' doesn't match/i],
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
    patterns: [/Missing Subject Key Identifier/i, /Missing Authority Key Identifier/i],
    title: t('Python 3.13+: missing key identifier', 'Python 3.13+: キー識別子がない'),
    cause: t(
      'Python 3.13 verifies strictly and rejects CA certificates without a Subject Key Identifier (or chains without Authority Key Identifiers).',
      'Python 3.13 は厳格に検証し、Subject Key Identifier のない CA 証明書（または Authority Key Identifier のないチェーン）を拒否します。',
    ),
    fix: t(
      'Ask IT to reissue the CA with key identifiers; meanwhile Python 3.12 or the truststore package.',
      'キー識別子付きの CA の再発行を IT に依頼してください。それまでは Python 3.12 か truststore パッケージを使います。',
    ),
  },
  {
    id: 'python-verify-failed',
    tool: 'Python (requests, pip, urllib)',
    guideTool: 'python-requests',
    kind: 'untrusted',
    patterns: [/CERTIFICATE_VERIFY_FAILED/],
    title: t('Python: certificate verify failed', 'Python: 証明書の検証に失敗'),
    cause: UNTRUSTED_CAUSE,
    fix: fixFor('REQUESTS_CA_BUNDLE and SSL_CERT_FILE', 'ca-bundle.pem', 'python-requests'),
    generic: true,
  },
  {
    id: 'pip-ssl',
    tool: 'pip',
    guideTool: 'pip',
    kind: 'untrusted',
    patterns: [/There was a problem confirming the ssl certificate/i, /Could not fetch URL .*SSLError/i],
    supersedes: ['python-verify-failed'],
    title: t('pip cannot confirm the SSL certificate', 'pip が SSL 証明書を確認できない'),
    cause: UNTRUSTED_CAUSE,
    fix: fixFor('pip config global.cert (or PIP_CERT)', 'ca-bundle.pem', 'pip'),
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
      /SSL certificate problem: (unable to get local issuer certificate|self[- ]signed certificate in certificate chain)/i,
    ],
    title: t('curl error 60: certificate not trusted', 'curl エラー 60: 証明書が信頼されていない'),
    cause: UNTRUSTED_CAUSE,
    fix: fixFor('CURL_CA_BUNDLE (or --cacert)', 'ca-bundle.pem', 'curl'),
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
    fix: fixFor('SSL_CERT_FILE (or -CAfile)', 'ca-bundle.pem', 'openssl'),
  },
  {
    id: 'openssl-self-signed-in-chain',
    tool: 'OpenSSL',
    guideTool: 'openssl',
    kind: 'untrusted',
    patterns: [/verify error:num=19:/],
    title: t('OpenSSL: self-signed certificate in chain', 'OpenSSL: チェーン内に自己署名証明書'),
    cause: UNTRUSTED_CAUSE,
    fix: fixFor('SSL_CERT_FILE (or -CAfile)', 'ca-bundle.pem', 'openssl'),
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
    fix: t(
      '"ca-bridge check HOST" tells which; then export the CA or have the server send its intermediate.',
      '「ca-bridge check ホスト名」で判別し、CA をエクスポートするか、サーバーに中間証明書を送ってもらいます。',
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
    patterns: [/unable to access '[^']*': SSL certificate problem/i, /server certificate verification failed\. CAfile/i],
    supersedes: ['curl-60'],
    title: t('Git: SSL certificate problem', 'Git: SSL 証明書の問題'),
    cause: UNTRUSTED_CAUSE,
    fix: fixFor('git config --global http.sslCAInfo (on Windows: http.sslBackend schannel)', 'ca-bundle.pem', 'git'),
  },
  // wget
  {
    id: 'wget-verify',
    tool: 'wget',
    guideTool: 'openssl',
    kind: 'untrusted',
    patterns: [
      /ERROR: cannot verify .*'s certificate/i,
      /Unable to locally verify the issuer's authority/i,
      /ERROR: The certificate of '[^']+' is not trusted/i,
      /ERROR: The certificate of '[^']+' doesn't have a known issuer/i,
    ],
    title: t("wget cannot verify the server's certificate", 'wget がサーバー証明書を検証できない'),
    cause: UNTRUSTED_CAUSE,
    fix: t(
      'Export the CA and pass --ca-certificate=DIR/ca-bundle.pem (or ca_certificate in ~/.wgetrc). Never use --no-check-certificate.',
      'CA をエクスポートし --ca-certificate=DIR/ca-bundle.pem（または ~/.wgetrc の ca_certificate）を指定します。--no-check-certificate は使わないでください。',
    ),
  },
  // Java
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
    fix: t(
      'Import the CA into each JDK\'s cacerts with keytool ("ca-bridge snippets --dir DIR --tool java" prints the command per JDK found).',
      'keytool で各 JDK の cacerts に CA を取り込みます（「ca-bridge snippets --dir DIR --tool java」が見つかった JDK ごとのコマンドを表示）。',
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
    fix: t(
      'On Linux set SSL_CERT_FILE to DIR/ca-bundle.pem. On macOS and Windows Go uses the OS store: the CA must be installed there (it usually is).',
      'Linux では SSL_CERT_FILE に DIR/ca-bundle.pem を設定します。macOS と Windows の Go は OS ストアを使うため、そこに CA が必要です（通常は導入済み）。',
    ),
  },
  {
    id: 'go-hostname',
    tool: 'Go',
    guideTool: null,
    kind: 'hostname',
    patterns: [/x509: certificate is valid for .+, not \S+/i],
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
    guideTool: null,
    kind: 'untrusted',
    patterns: [/The remote certificate is invalid/i, /The SSL connection could not be established/i],
    title: t('.NET: the remote certificate is invalid', '.NET: リモート証明書が無効'),
    cause: t(
      ".NET uses the OS trust store on Windows and macOS; on Linux it uses OpenSSL's. UntrustedRoot or PartialChain means the inspection CA is missing there.",
      '.NET は Windows と macOS では OS の信頼ストア、Linux では OpenSSL のものを使います。UntrustedRoot や PartialChain はそこにインスペクション CA がないことを意味します。',
    ),
    fix: t(
      'On Linux install the CA into the system store (ca-bridge snippets shows the command) or set SSL_CERT_FILE; on Windows/macOS ask IT to install it.',
      'Linux ではシステムストアに CA を導入（コマンドは ca-bridge snippets）するか SSL_CERT_FILE を設定します。Windows/macOS では IT に導入を依頼します。',
    ),
  },
  // Ruby
  {
    id: 'ruby-verify',
    tool: 'Ruby (gem, bundler)',
    guideTool: 'openssl',
    kind: 'untrusted',
    patterns: [/SSL_connect returned=1 errno=0.*certificate verify failed/i],
    title: t('Ruby: certificate verify failed', 'Ruby: 証明書の検証に失敗'),
    cause: UNTRUSTED_CAUSE,
    fix: fixFor('SSL_CERT_FILE', 'ca-bundle.pem', 'openssl'),
  },
  // Docker
  {
    id: 'docker-x509',
    tool: 'Docker',
    guideTool: 'docker',
    kind: 'untrusted',
    patterns: [
      /Error response from daemon: .*x509:/i,
      /failed to (do request|resolve|copy).*x509: certificate signed by unknown authority/i,
    ],
    supersedes: ['go-unknown-authority'],
    title: t('Docker: x509 error on pull', 'Docker: pull 時の x509 エラー'),
    cause: t(
      "The Docker daemon verifies registries with its host's trust store, which lacks the inspection CA (in Docker Desktop: the VM's store).",
      'Docker デーモンはホストの信頼ストアでレジストリを検証し、そこにインスペクション CA がありません（Docker Desktop では VM のストア）。',
    ),
    fix: t(
      "Install the CA into the host's system store and restart Docker (ca-bridge snippets prints the commands). For builds inside images, use the Dockerfile fragment.",
      'ホストのシステムストアに CA を導入して Docker を再起動します（コマンドは ca-bridge snippets）。イメージ内のビルドには Dockerfile の断片を使います。',
    ),
  },
  // AWS CLI
  {
    id: 'aws-ssl-validation',
    tool: 'AWS CLI',
    guideTool: 'aws',
    kind: 'untrusted',
    patterns: [/SSL validation failed for/i],
    supersedes: ['python-verify-failed', 'python-local-issuer', 'python-self-signed-in-chain'],
    title: t('AWS CLI: SSL validation failed', 'AWS CLI: SSL 検証に失敗'),
    cause: UNTRUSTED_CAUSE,
    fix: fixFor('AWS_CA_BUNDLE (or aws configure set ca_bundle)', 'ca-bundle.pem', 'aws'),
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
