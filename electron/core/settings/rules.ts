import type { ToolId } from '../../../shared/guidance/tool-types.js';
import type { SettingEffect } from '../../../shared/settings.js';
import type { SettingsFormat } from './locations.js';
import type { SettingLine } from './settings-lines.js';

/**
 * The settings that switch certificate verification off, or name the tool's own CA file, per format:
 * each from the tool's documentation (cited in docs/settings-scan.md). `setting` is the name the
 * front doors show; `tools` the rows affected when not the file's own.
 */
export interface FileRule {
  formats: readonly SettingsFormat[];
  effect: SettingEffect;
  setting: string;
  matches: (line: SettingLine) => boolean;
  /** Whether this trust file wins over the variable the session snippet sets for the same tools. */
  outranksAdvice?: boolean;
  tools?: ToolId[];
  /** Only these of the file's tools read this key from it (an npmrc's strict-ssl is npm's and pnpm's, not Yarn 1's). */
  onlyFor?: ToolId[];
}

/** How a key is compared: case and the `-`/`_` spelling do not matter to these tools (wget ignores both). */
const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
const is =
  (...keys: string[]) =>
  (l: SettingLine) =>
    keys.map(norm).includes(norm(l.key));
const falsy = (v: string) => /^(false|no|off|0)$/i.test(v.trim());
/** A JSON value (as text) that PHP's `$v !== 'false' && (bool) $v` reads as false. */
const composerFalse = (json: string) => ['false', '"false"', '0', '"0"', '""', 'null', '0.0'].includes(json.trim());
// git: an empty value is false too ("sslVerify =").
const gitFalse = (v: string) => v.trim() === '' || falsy(v);

export const FILE_RULES: readonly FileRule[] = [
  // npm/pnpm: strict-ssl=false at any level (npm docs, "config#strict-ssl").
  // Not Yarn 1's, although it reads npmrc files: its own default strict-ssl (true) comes first, so it never
  // takes the npmrc's (seen with yarn 1.22: `yarn config get strict-ssl` says true beside an npmrc false;
  // test/settings/scan-levels-real.test.ts). It does take cafile from them.
  {
    formats: ['npmrc'],
    effect: 'verification-off',
    setting: 'strict-ssl',
    matches: (l) => is('strict-ssl')(l) && falsy(l.value),
    onlyFor: ['npm', 'pnpm'],
  },
  // npm's cafile/ca replace the CAs Node would use, NODE_EXTRA_CA_CERTS included ("config#ca").
  { formats: ['npmrc'], effect: 'trust-file', setting: 'cafile', matches: is('cafile'), outranksAdvice: true },
  {
    formats: ['npmrc'],
    effect: 'trust-file',
    setting: 'ca',
    matches: (l) => is('ca', 'ca[]')(l) && l.value !== '' && l.value !== 'null',
    outranksAdvice: true,
  },
  // Yarn 1 (.yarnrc "strict-ssl false") and Yarn 2+ (.yarnrc.yml "enableStrictSsl: false").
  { formats: ['yarnrc'], effect: 'verification-off', setting: 'strict-ssl', matches: (l) => is('strict-ssl')(l) && falsy(l.value) },
  { formats: ['yarnrc'], effect: 'trust-file', setting: 'cafile', matches: is('cafile'), outranksAdvice: true },
  {
    formats: ['yarnrc-yml'],
    effect: 'verification-off',
    setting: 'enableStrictSsl',
    matches: (l) => is('enableStrictSsl')(l) && falsy(l.value),
  },
  {
    formats: ['yarnrc-yml'],
    effect: 'trust-file',
    setting: 'httpsCaFilePath',
    matches: is('httpsCaFilePath', 'caFilePath'),
    outranksAdvice: true,
  },
  // git: http.sslVerify false, also per URL ([http "https://host/"]); http.sslCAInfo yields to GIT_SSL_CAINFO.
  {
    formats: ['gitconfig'],
    effect: 'verification-off',
    setting: 'http.sslVerify',
    matches: (l) => /^http\b/i.test(l.section) && is('sslVerify')(l) && gitFalse(l.value),
  },
  {
    formats: ['gitconfig'],
    effect: 'trust-file',
    setting: 'http.sslCAInfo',
    matches: (l) => /^http\b/i.test(l.section) && is('sslCAInfo')(l),
  },
  // pip: trusted-host in any section (global, install, download…); cert yields to PIP_CERT.
  {
    formats: ['pip-ini'],
    effect: 'verification-off',
    setting: 'trusted-host',
    matches: (l) => is('trusted-host')(l) && l.value.trim() !== '',
  },
  { formats: ['pip-ini'], effect: 'trust-file', setting: 'cert', matches: (l) => is('cert')(l) && l.value.trim() !== '' },
  // curl: "insecure" / "-k" / "--insecure"; "cacert" in .curlrc wins over CURL_CA_BUNDLE (curl's man page, CURL_CA_BUNDLE).
  { formats: ['curlrc'], effect: 'verification-off', setting: 'insecure', matches: (l) => is('insecure')(l) && !falsy(l.value) },
  { formats: ['curlrc'], effect: 'trust-file', setting: 'cacert', matches: is('cacert'), outranksAdvice: true },
  // wget: check_certificate = off (wget ignores "_" and "-" in wgetrc names).
  {
    formats: ['wgetrc'],
    effect: 'verification-off',
    setting: 'check_certificate',
    matches: (l) => is('checkcertificate')(l) && falsy(l.value),
  },
  { formats: ['wgetrc'], effect: 'trust-file', setting: 'ca_certificate', matches: is('cacertificate') },
  // uv: allow-insecure-host in uv.toml, or under [tool.uv] of pyproject.toml.
  {
    formats: ['uv-toml'],
    effect: 'verification-off',
    setting: 'allow-insecure-host',
    matches: (l) => l.section === '' && is('allow-insecure-host')(l),
  },
  {
    formats: ['pyproject'],
    effect: 'verification-off',
    setting: 'tool.uv.allow-insecure-host',
    matches: (l) => l.section === 'tool.uv' && is('allow-insecure-host')(l),
  },
  // conda: ssl_verify false; a path there is conda's own CA file and outranks REQUESTS_CA_BUNDLE.
  { formats: ['condarc'], effect: 'verification-off', setting: 'ssl_verify', matches: (l) => is('ssl_verify')(l) && falsy(l.value) },
  {
    formats: ['condarc'],
    effect: 'trust-file',
    setting: 'ssl_verify',
    matches: (l) => is('ssl_verify')(l) && !falsy(l.value) && !/^(true|yes|on|1|truststore)$/i.test(l.value),
    outranksAdvice: true,
  },
  // RubyGems (:ssl_verify_mode: 0 in .gemrc) and Bundler (BUNDLE_SSL_VERIFY_MODE: "0").
  {
    formats: ['gemrc'],
    effect: 'verification-off',
    setting: ':ssl_verify_mode',
    matches: (l) => is('ssl_verify_mode')(l) && l.value.trim() === '0',
  },
  { formats: ['gemrc'], effect: 'trust-file', setting: ':ssl_ca_cert', matches: is('ssl_ca_cert') },
  {
    formats: ['bundler'],
    effect: 'verification-off',
    setting: 'BUNDLE_SSL_VERIFY_MODE',
    matches: (l) => is('BUNDLE_SSL_VERIFY_MODE')(l) && l.value.trim() === '0',
  },
  // Composer: config.disable-tls true, config.secure-http false, read as Composer's Config::get does
  // (`$v !== 'false' && (bool) $v`: "false", false, 0, "0", "" and null are false); neither has an
  // environment variable (Composer's Config.php, "booleans without env var support").
  {
    formats: ['composer-json'],
    effect: 'verification-off',
    setting: 'disable-tls',
    matches: (l) => is('disable-tls')(l) && !composerFalse(l.value),
  },
  {
    formats: ['composer-json'],
    effect: 'verification-off',
    setting: 'secure-http',
    matches: (l) => is('secure-http')(l) && composerFalse(l.value),
  },
  { formats: ['composer-json'], effect: 'trust-file', setting: 'cafile', matches: is('cafile') },
  // VS Code: "http.proxyStrictSSL": false accepts any certificate from the proxy route (VS Code docs, "Network Connections").
  {
    formats: ['vscode-json'],
    effect: 'verification-off',
    setting: 'http.proxyStrictSSL',
    matches: (l) => l.key === 'http.proxyStrictSSL' && l.value === 'false',
  },
  // Cargo: http.cainfo in a config.toml ([http] cainfo = …, or a dotted http.cainfo key); CARGO_HTTP_CAINFO outranks it.
  {
    formats: ['cargo-toml'],
    effect: 'trust-file',
    setting: 'http.cainfo',
    matches: (l) => (l.section === 'http' && l.key === 'cainfo') || (l.section === '' && l.key === 'http.cainfo'),
  },
  // go env -w GOINSECURE=… writes the go env file. Not GOFLAGS=-insecure: `go get -insecure` was removed in
  // Go 1.17, and the go command (1.26, test/settings/scan-go-gem-real.test.ts) still verifies with it.
  {
    formats: ['go-env'],
    effect: 'verification-off',
    setting: 'GOINSECURE',
    matches: (l) => l.key === 'GOINSECURE' && l.value.trim() !== '',
  },
];

export interface EnvRule {
  /** The variable; `npm_config_*` names are matched case-insensitively, as npm does. */
  name: string;
  tools: ToolId[];
  effect: SettingEffect;
  matches: (value: string) => boolean;
  outranksAdvice?: boolean;
}

/**
 * Node and the tools on its default TLS settings. Not npm or pnpm: their agent passes strict-ssl as
 * rejectUnauthorized, so NODE_TLS_REJECT_UNAUTHORIZED=0 leaves them verifying (seen with npm 10 against
 * the lab, test/export/verify-settings.test.ts).
 */
const JS_TOOLS: ToolId[] = ['node', 'bun', 'claude-code', 'gemini-cli', 'copilot-cli'];

export const ENV_RULES: readonly EnvRule[] = [
  // Node (and everything built on it): any value "0" turns verification off for every connection.
  { name: 'NODE_TLS_REJECT_UNAUTHORIZED', tools: JS_TOOLS, effect: 'verification-off', matches: (v) => v === '0' },
  { name: 'npm_config_strict_ssl', tools: ['npm', 'pnpm'], effect: 'verification-off', matches: falsy },
  { name: 'npm_config_cafile', tools: ['npm', 'pnpm'], effect: 'trust-file', matches: (v) => v !== '', outranksAdvice: true },
  { name: 'npm_config_ca', tools: ['npm', 'pnpm'], effect: 'trust-file', matches: (v) => v !== '' && v !== 'null', outranksAdvice: true },
  { name: 'YARN_ENABLE_STRICT_SSL', tools: ['yarn-3', 'yarn-4'], effect: 'verification-off', matches: falsy },
  // git checks only that the variable exists (http.c: getenv("GIT_SSL_NO_VERIFY")).
  { name: 'GIT_SSL_NO_VERIFY', tools: ['git'], effect: 'verification-off', matches: () => true },
  // Honoured by Python builds that carry the PEP 493 switch (RHEL and derivatives); named wherever it is set.
  { name: 'PYTHONHTTPSVERIFY', tools: ['openssl', 'python-requests'], effect: 'verification-off', matches: (v) => v.trim() === '0' },
  { name: 'PIP_TRUSTED_HOST', tools: ['pip'], effect: 'verification-off', matches: (v) => v.trim() !== '' },
  { name: 'UV_INSECURE_HOST', tools: ['uv'], effect: 'verification-off', matches: (v) => v.trim() !== '' },
  { name: 'CONDA_SSL_VERIFY', tools: ['conda'], effect: 'verification-off', matches: falsy },
  { name: 'BUNDLE_SSL_VERIFY_MODE', tools: ['ruby'], effect: 'verification-off', matches: (v) => v.trim() === '0' },
  { name: 'GOINSECURE', tools: ['go'], effect: 'verification-off', matches: (v) => v.trim() !== '' },
];
