import { ALL_PLATFORMS, type ToolGuide } from '../tool-types.js';
import { PROBES } from './probes.js';
import { t } from './text-helpers.js';

const STRICT_313 = t(
  'Python 3.13+ verifies strictly: the CA needs critical Basic Constraints and a Subject Key Identifier, and the proxy-forged leaf an Authority Key Identifier. The export lint says which one fails; a leaf without one is fixed only in the proxy configuration.',
  'Python 3.13 以降は厳格に検証します。CA には critical な Basic Constraints と Subject Key Identifier、プロキシが偽造するサーバー証明書には Authority Key Identifier が必要です。どれが欠けているかはエクスポート時のチェックが示します。サーバー証明書側の欠落はプロキシの設定でしか直せません。',
);

const PY_LOCAL_ISSUER = '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)';

/** Python, its HTTP libraries and its package managers. */
export const PYTHON_ROWS: readonly ToolGuide[] = [
  {
    id: 'python-requests',
    name: 'Python requests',
    setting: 'REQUESTS_CA_BUNDLE',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'requests 2.x (falls back to CURL_CA_BUNDLE)',
    steps: [{ kind: 'env', name: 'REQUESTS_CA_BUNDLE', value: 'bundle', shared: true }],
    caveats: [STRICT_313],
    reference: 'https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification',
    errors: [
      `requests.exceptions.SSLError: HTTPSConnectionPool(host='www.google.com', port=443): Max retries exceeded with url: / (Caused by SSLError(SSLCertVerificationError(1, '${PY_LOCAL_ISSUER}')))`,
    ],
    verify: { probes: [PROBES.requests], how: 'verify runs requests.get with the variable through the proxy' },
  },
  {
    id: 'httpx',
    name: 'Python httpx',
    setting: 'SSL_CERT_FILE',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'httpx 0.28+ (reads SSL_CERT_FILE / SSL_CERT_DIR; no REQUESTS_CA_BUNDLE)',
    steps: [{ kind: 'env', name: 'SSL_CERT_FILE', value: 'bundle', shared: true }],
    caveats: [STRICT_313],
    reference: 'https://www.python-httpx.org/advanced/ssl/',
    errors: [`httpx.ConnectError: ${PY_LOCAL_ISSUER}`],
    verify: { probes: [], how: 'httpx.get through the proxy with SSL_CERT_FILE set' },
  },
  {
    id: 'pip',
    name: 'pip',
    setting: 'PIP_CERT / global.cert',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'pip 20+; pip 24.2+ on Python 3.10+ already adds the OS store (truststore)',
    steps: [
      { kind: 'env', name: 'PIP_CERT', value: 'bundle', shared: true },
      {
        kind: 'persist',
        template: 'pip config set global.cert {bundle}',
        changes: t('adds cert to your user pip.conf', 'ユーザーの pip.conf に cert を追加します'),
        undo: 'pip config unset global.cert',
      },
    ],
    caveats: [
      t(
        'pip 24.2+ on Python 3.10+ already trusts the OS store; set this only if pip still fails.',
        'Python 3.10 以降の pip 24.2 以降は OS の信頼ストアを使います。それでも失敗する場合だけ設定してください。',
      ),
    ],
    reference: 'https://pip.pypa.io/en/stable/topics/https-certificates/',
    errors: [
      "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)'))': /simple/six/\nCould not fetch URL https://pypi.org/simple/six/: There was a problem confirming the ssl certificate: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded with url: /simple/six/ - skipping",
    ],
    verify: {
      probes: [PROBES.pip],
      how: 'verify runs pip download with PIP_CERT, the site standing in for the index; pip -vv logs the status it received',
    },
  },
  {
    id: 'uv',
    name: 'uv',
    setting: 'SSL_CERT_FILE (or UV_SYSTEM_CERTS)',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions:
      'uv 0.4+; --system-certs / UV_SYSTEM_CERTS in the 0.11 line (checked in 0.13.9) replace the deprecated --native-tls / UV_NATIVE_TLS; a missing SSL_CERT_FILE only warns (0.13.9)',
    steps: [{ kind: 'env', name: 'SSL_CERT_FILE', value: 'bundle', shared: true }],
    caveats: [
      t(
        'An SSL_CERT_FILE naming a missing file is not fatal: uv 0.13 warns ("Invalid `SSL_CERT_FILE`. Path does not exist") and goes on trusting no certificate at all, so every site fails. Export again before deleting or moving the folder.',
        '存在しないファイルを指す SSL_CERT_FILE は致命的エラーではありません。uv 0.13 は警告（「Invalid SSL_CERT_FILE. Path does not exist」）を出したうえでどの証明書も信頼せずに続行し、すべてのサイトが失敗します。フォルダーを削除・移動する前に再エクスポートしてください。',
      ),
      t(
        'Alternatively UV_SYSTEM_CERTS=true (uv 0.11+; UV_NATIVE_TLS=true before) uses the OS store, where IT installed the CA.',
        '代わりに UV_SYSTEM_CERTS=true（uv 0.11 以降。それ以前は UV_NATIVE_TLS=true）で、IT が CA を入れた OS のストアを使えます。',
      ),
    ],
    reference: 'https://docs.astral.sh/uv/concepts/authentication/certificates/',
    errors: [
      'warning: Invalid `SSL_CERT_FILE`. Path does not exist: /home/me/old export/ca-bundle.pem. No default certificates will be trusted.\nerror: Failed to fetch: https://pypi.org/simple/six/\n  cause: invalid peer certificate: UnknownIssuer',
      'error: Request failed after 3 retries\n  Caused by: Failed to fetch: `https://pypi.org/simple/six/`\n  Caused by: error sending request for url (https://pypi.org/simple/six/)\n  Caused by: client error (Connect)\n  Caused by: invalid peer certificate: UnknownIssuer',
    ],
    verify: {
      probes: [PROBES.uv],
      how: 'verify runs uv pip compile with SSL_CERT_FILE, the site standing in for the index; uv -vv traces the status it received',
    },
  },
  {
    id: 'conda',
    name: 'conda',
    setting: 'ssl_verify (~/.condarc)',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'conda 4.x+; conda 24.9+ can also use ssl_verify: truststore',
    steps: [
      {
        kind: 'persist',
        template: 'conda config --set ssl_verify {bundle}',
        changes: t('sets ssl_verify in your ~/.condarc', '~/.condarc の ssl_verify を設定します'),
        undo: 'conda config --remove-key ssl_verify',
      },
    ],
    caveats: [
      t(
        'conda 24.9+ accepts ssl_verify: truststore, which uses the OS store instead of a file.',
        'conda 24.9 以降は ssl_verify: truststore で OS のストアを使えます。',
      ),
    ],
    reference: 'https://docs.conda.io/projects/conda/en/stable/user-guide/configuration/settings.html#ssl-verify',
    errors: [
      "CondaSSLError: Encountered an SSL error. Most likely a certificate verification issue.\n\nException: HTTPSConnectionPool(host='conda.anaconda.org', port=443)",
    ],
    verify: { probes: [], how: 'conda search through the proxy (not installed here)' },
  },
  {
    id: 'poetry',
    name: 'Poetry',
    setting: 'REQUESTS_CA_BUNDLE (or certificates.NAME.cert per source)',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'Poetry 1.2+ (uses requests)',
    steps: [{ kind: 'env', name: 'REQUESTS_CA_BUNDLE', value: 'bundle', shared: true }],
    caveats: [
      t(
        'For a private index, `poetry config certificates.NAME.cert PATH` sets it per source.',
        '社内インデックスには `poetry config certificates.NAME.cert PATH` でソースごとに設定できます。',
      ),
    ],
    reference: 'https://python-poetry.org/docs/repositories/#custom-certificate-authority-and-mutual-tls-authentication',
    errors: [],
    verify: { probes: [], how: 'poetry uses requests: proven by the requests row' },
  },
  {
    id: 'aws',
    name: 'AWS CLI',
    setting: 'AWS_CA_BUNDLE / ca_bundle per profile',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'AWS CLI v1 and v2',
    steps: [
      { kind: 'env', name: 'AWS_CA_BUNDLE', value: 'bundle', shared: true },
      {
        kind: 'persist',
        template: 'aws configure set ca_bundle {bundle} --profile default',
        changes: t(
          'sets ca_bundle for one profile in ~/.aws/config; repeat with --profile NAME for each named profile',
          '~/.aws/config の 1 つのプロファイルに ca_bundle を設定します。名前付きプロファイルごとに --profile NAME で繰り返してください',
        ),
        undo: t(
          'delete the ca_bundle line from that profile in ~/.aws/config',
          '~/.aws/config の該当プロファイルから ca_bundle の行を削除します',
        ),
      },
    ],
    caveats: [
      t(
        '`aws configure set ca_bundle` writes only the profile named: the variable covers every profile.',
        '`aws configure set ca_bundle` は指定したプロファイルにだけ書き込みます。変数ならすべてのプロファイルに効きます。',
      ),
      t(
        '`aws sso login` opens the browser and its token exchange may not honour ca_bundle.',
        '`aws sso login` はブラウザを使い、トークン取得では ca_bundle が使われない場合があります。',
      ),
    ],
    reference: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html#cli-config-ca_bundle',
    errors: [
      'SSL validation failed for https://sts.amazonaws.com/ [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)',
    ],
    verify: {
      probes: [PROBES.aws],
      how: 'verify runs aws s3 ls --no-sign-request with AWS_CA_BUNDLE, the site as --endpoint-url; the CLI names the status it received',
    },
  },
  {
    id: 'azure',
    name: 'Azure CLI',
    setting: 'REQUESTS_CA_BUNDLE',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'Azure CLI 2.x (Python requests)',
    steps: [{ kind: 'env', name: 'REQUESTS_CA_BUNDLE', value: 'bundle', shared: true }],
    caveats: [
      t(
        'The Windows installer bundles its own Python: the variable still applies.',
        'Windows 版は独自の Python を同梱していますが、この変数は有効です。',
      ),
    ],
    reference: 'https://learn.microsoft.com/cli/azure/use-azure-cli-successfully-troubleshooting#work-behind-a-proxy',
    errors: [],
    verify: { probes: [], how: 'proven by the requests row (not installed here)' },
  },
  {
    id: 'gcloud',
    name: 'Google Cloud CLI',
    setting: 'core/custom_ca_certs_file',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'gcloud 200+',
    steps: [
      { kind: 'env', name: 'CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE', value: 'bundle' },
      {
        kind: 'persist',
        template: 'gcloud config set core/custom_ca_certs_file {bundle}',
        changes: t(
          'sets custom_ca_certs_file in the active gcloud configuration',
          '有効な gcloud 構成の custom_ca_certs_file を設定します',
        ),
        undo: 'gcloud config unset core/custom_ca_certs_file',
      },
    ],
    caveats: [],
    reference: 'https://cloud.google.com/sdk/gcloud/reference/config/set',
    errors: [],
    verify: { probes: [], how: 'gcloud is not installed here' },
  },
];
