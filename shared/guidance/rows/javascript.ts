import { ALL_PLATFORMS, type ToolGuide } from '../tool-types.js';
import { PROBES } from './probes.js';
import { RESTART, t } from './text-helpers.js';

/** Node.js and the package managers and runtimes around it. */
export const JAVASCRIPT_ROWS: readonly ToolGuide[] = [
  {
    id: 'node',
    name: 'Node.js',
    setting: 'NODE_EXTRA_CA_CERTS',
    semantics: 'add',
    file: 'ca',
    platforms: ALL_PLATFORMS,
    versions: 'Node.js 7.3+',
    steps: [{ kind: 'env', name: 'NODE_EXTRA_CA_CERTS', value: 'ca', shared: true }],
    caveats: [
      RESTART,
      t(
        'A missing file is only a warning; code that passes its own `ca` option ignores the variable.',
        'ファイルが無くても警告だけです。独自の `ca` オプションを渡すコードはこの変数を無視します。',
      ),
    ],
    reference: 'https://nodejs.org/api/cli.html#node_extra_ca_certsfile',
    errors: [
      "Error: unable to get local issuer certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1679:34) {\n  code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'\n}",
      "Error: self-signed certificate in certificate chain\n  code: 'SELF_SIGNED_CERT_IN_CHAIN'",
    ],
    verify: { probes: [PROBES.node], how: 'verify runs node with the variable and makes one HTTPS request through the proxy' },
  },
  {
    id: 'node-system-ca',
    name: 'Node.js (OS trust store)',
    setting: '--use-system-ca / NODE_OPTIONS / NODE_USE_SYSTEM_CA',
    semantics: 'add',
    file: null,
    platforms: ALL_PLATFORMS,
    versions:
      '--use-system-ca: 22.15+ and 23.8+ on Windows and macOS, 23.9+ on Linux in the 23 line (22.18 on Linux checked); NODE_USE_SYSTEM_CA=1: 22.19+ and 24.6+ only',
    steps: [{ kind: 'env', name: 'NODE_OPTIONS', value: { literal: '--use-system-ca' } }],
    caveats: [
      t(
        'NODE_USE_SYSTEM_CA=1 exists only from Node.js 22.19 and 24.6 and is silently ignored before; the flag (here through NODE_OPTIONS) works from 22.15/23.8 (Linux: 23.9). Older Node.js refuses to start with the flag: use NODE_EXTRA_CA_CERTS there.',
        'NODE_USE_SYSTEM_CA=1 は Node.js 22.19 / 24.6 以降のみで、それ以前は黙って無視されます。フラグ（ここでは NODE_OPTIONS 経由）は 22.15 / 23.8（Linux は 23.9）以降で有効です。古い Node.js はこのフラグで起動しないため、NODE_EXTRA_CA_CERTS を使ってください。',
      ),
      t(
        'NODE_OPTIONS replaces any value you already have: append --use-system-ca to it instead if you use it.',
        'NODE_OPTIONS は既存の値を置き換えます。既に使っている場合は --use-system-ca を追記してください。',
      ),
      t('Only helps where IT installed the CA in the OS store.', 'IT が OS の信頼ストアに CA を入れている場合だけ有効です。'),
      t(
        'Not for Claude Code: its native binary reads NODE_OPTIONS and with --use-system-ca drops its bundled roots (anthropics/claude-code#91426); it already trusts the OS store.',
        'Claude Code には使わないでください。ネイティブ版は NODE_OPTIONS を読み、--use-system-ca を付けると同梱のルートを使わなくなります（anthropics/claude-code#91426）。OS のストアは最初から信頼しています。',
      ),
    ],
    reference: 'https://nodejs.org/api/cli.html#--use-system-ca',
    errors: [],
    verify: {
      probes: [],
      how: 'test/advice/version-claims.test.ts: Node.js 22.18 ignores NODE_USE_SYSTEM_CA, 22.19 honours it, the generated flag works on both',
    },
  },
  {
    id: 'npm',
    name: 'npm',
    setting: 'cafile (~/.npmrc)',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'npm 6+',
    steps: [
      { kind: 'env', name: 'npm_config_cafile', value: 'bundle' },
      {
        kind: 'persist',
        template: 'npm config set cafile {bundle}',
        changes: t('adds cafile to your ~/.npmrc', '~/.npmrc に cafile を追加します'),
        undo: 'npm config delete cafile',
      },
    ],
    caveats: [
      t(
        "Replaces npm's trust: it must be the bundle, never the CA alone, or every registry the proxy does not inspect fails.",
        'npm の信頼リストを置き換えます。CA 単体ではなく必ずバンドルを指定してください（検査されないレジストリがすべて失敗します）。',
      ),
      t(
        'npm also honours NODE_EXTRA_CA_CERTS when cafile is unset, which is often enough on its own.',
        'cafile が未設定なら npm も NODE_EXTRA_CA_CERTS を使うため、多くの場合それだけで足ります。',
      ),
    ],
    reference: 'https://docs.npmjs.com/cli/v11/using-npm/config#cafile',
    errors: [
      'npm error code UNABLE_TO_GET_ISSUER_CERT_LOCALLY\nnpm error errno UNABLE_TO_GET_ISSUER_CERT_LOCALLY\nnpm error request to https://registry.npmjs.org/left-pad failed, reason: unable to get local issuer certificate',
    ],
    verify: {
      probes: [PROBES.npm],
      how: 'verify runs npm view with npm_config_cafile, the site standing in for the registry; npm logs the status it received',
    },
  },
  {
    id: 'pnpm',
    name: 'pnpm 9 / 10 / 11 / 12',
    setting: 'cafile in ~/.npmrc',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'pnpm 9, 10, 11 and 12 (checked with 9.15, 10.34, 11.29 on Node.js 22.23 and 12.21)',
    steps: [
      {
        kind: 'persist',
        template: 'npm config set cafile {bundle}',
        changes: t('adds cafile to your ~/.npmrc, which pnpm reads', 'pnpm が読む ~/.npmrc に cafile を追加します'),
        undo: 'npm config delete cafile',
      },
    ],
    caveats: [
      t(
        '`pnpm config set cafile` on pnpm 10 writes a file pnpm does not read for fetches: use ~/.npmrc as shown.',
        'pnpm 10 の `pnpm config set cafile` は取得時に読まれないファイルへ書き込みます。上のとおり ~/.npmrc を使ってください。',
      ),
      t(
        'pnpm 12 verifies with rustls and ignores npm_config_cafile in the environment (reproduced); ~/.npmrc, NODE_EXTRA_CA_CERTS and SSL_CERT_FILE all work with it.',
        'pnpm 12 は rustls で検証し、環境変数 npm_config_cafile を無視します（再現済み）。~/.npmrc・NODE_EXTRA_CA_CERTS・SSL_CERT_FILE はいずれも有効です。',
      ),
    ],
    reference: 'https://pnpm.io/npmrc#cafile',
    errors: [
      ' ERR_PNPM_META_FETCH_FAIL  GET https://registry.npmjs.org/left-pad: request to https://registry.npmjs.org/left-pad failed, reason: unable to get local issuer certificate',
      'Error: ERR_PNPM_PACKAGE_MANAGER_ADD_RESOLVE_LATEST\n  × adding a new package\n  ├─▶ Failed to resolve the latest version of left-pad: Failed to fetch\n  │   metadata from https://registry.npmjs.org/left-pad: error sending request:\n  │   client error (Connect): invalid peer certificate: UnknownIssuer',
    ],
    verify: { probes: [], how: 'pnpm add left-pad through the proxy with a HOME whose .npmrc has cafile' },
  },
  {
    id: 'yarn',
    name: 'Yarn 1 (classic)',
    setting: 'cafile (~/.yarnrc)',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'Yarn 1.x',
    steps: [
      {
        kind: 'persist',
        template: 'yarn config set cafile {bundle}',
        changes: t('adds cafile to your ~/.yarnrc', '~/.yarnrc に cafile を追加します'),
        undo: 'yarn config delete cafile',
      },
    ],
    caveats: [
      t(
        'Run as root, Yarn 1 treats /usr/local/share as the home folder: its config then lands in /usr/local/share/.yarnrc.',
        'root で実行すると Yarn 1 は /usr/local/share をホームとして扱い、設定は /usr/local/share/.yarnrc に書かれます。',
      ),
    ],
    reference: 'https://classic.yarnpkg.com/en/docs/cli/config',
    errors: ['error An unexpected error occurred: "https://registry.yarnpkg.com/left-pad: unable to get local issuer certificate".'],
    verify: {
      probes: [],
      how: 'not run by the advice lane (the printed yarn config set writes /usr/local/share/.yarnrc as root); the same cafile line written by apply --tool yarn is proven with Yarn 1.22.22 in test/ledger/real-tools-apply.test.ts',
    },
  },
  {
    id: 'yarn-3',
    name: 'Yarn 2 / 3 (berry)',
    setting: 'NODE_EXTRA_CA_CERTS (caFilePath is not applied through a proxy)',
    semantics: 'add',
    file: 'ca',
    platforms: ALL_PLATFORMS,
    versions: 'Yarn 2.x and 3.x (checked with 3.8.7); Yarn 4 renamed caFilePath to httpsCaFilePath',
    steps: [{ kind: 'env', name: 'NODE_EXTRA_CA_CERTS', value: 'ca', shared: true }],
    caveats: [
      t(
        'Yarn 3.8.7 ignores caFilePath for requests through httpsProxy (reproduced: "unable to verify the first certificate" with the right bundle), so behind a corporate proxy only NODE_EXTRA_CA_CERTS works.',
        'Yarn 3.8.7 は httpsProxy 経由の通信で caFilePath を使いません（正しいバンドルでも「unable to verify the first certificate」を再現）。企業プロキシ配下では NODE_EXTRA_CA_CERTS だけが有効です。',
      ),
      t(
        'Yarn 2/3 reject the Yarn 4 name httpsCaFilePath ("Unrecognized or legacy configuration settings").',
        'Yarn 2/3 は Yarn 4 の名前 httpsCaFilePath を拒否します（「Unrecognized or legacy configuration settings」）。',
      ),
      t(
        'Yarn 2+ ignores HTTPS_PROXY (reproduced with 3.8 and 4.x: it connects directly): behind a proxy set YARN_HTTPS_PROXY, or httpsProxy in ~/.yarnrc.yml, or no setting of the CA is ever reached.',
        'Yarn 2 以降は HTTPS_PROXY を無視して直接接続します（3.8 と 4.x で再現）。プロキシ配下では YARN_HTTPS_PROXY か ~/.yarnrc.yml の httpsProxy を設定してください。そうしないと CA の設定に届く前に失敗します。',
      ),
    ],
    reference: 'https://v3.yarnpkg.com/configuration/yarnrc#caFilePath',
    errors: [],
    verify: { probes: [], how: 'yarn npm info left-pad through the proxy' },
  },
  {
    id: 'yarn-4',
    name: 'Yarn 4',
    setting: 'httpsCaFilePath (~/.yarnrc.yml)',
    semantics: 'replace',
    file: 'bundle',
    platforms: ALL_PLATFORMS,
    versions: 'Yarn 4.x',
    steps: [
      { kind: 'env', name: 'YARN_HTTPS_CA_FILE_PATH', value: 'bundle' },
      {
        kind: 'persist',
        template: 'yarn config set -H httpsCaFilePath {bundle}',
        changes: t(
          'adds httpsCaFilePath to ~/.yarnrc.yml in your home folder (-H), not to the project',
          'プロジェクトではなくホームの ~/.yarnrc.yml（-H）に httpsCaFilePath を追加します',
        ),
        undo: 'yarn config unset -H httpsCaFilePath',
      },
    ],
    caveats: [
      t(
        'Without -H Yarn 4 writes into the project .yarnrc.yml, which is committed with your own path in it.',
        '-H を付けないと Yarn 4 はプロジェクトの .yarnrc.yml に書き、自分のパスごとコミットされてしまいます。',
      ),
      t(
        'Yarn 2+ ignores HTTPS_PROXY (reproduced with 3.8 and 4.x: it connects directly): behind a proxy set YARN_HTTPS_PROXY, or httpsProxy in ~/.yarnrc.yml, or no setting of the CA is ever reached.',
        'Yarn 2 以降は HTTPS_PROXY を無視して直接接続します（3.8 と 4.x で再現）。プロキシ配下では YARN_HTTPS_PROXY か ~/.yarnrc.yml の httpsProxy を設定してください。そうしないと CA の設定に届く前に失敗します。',
      ),
    ],
    reference: 'https://yarnpkg.com/configuration/yarnrc#httpsCaFilePath',
    errors: [],
    verify: {
      probes: [],
      how: 'yarn npm info left-pad through the proxy with YARN_HTTPS_PROXY (test/advice/yarn-proxy.test.ts: HTTPS_PROXY alone goes direct)',
    },
  },
  {
    id: 'bun',
    name: 'Bun',
    setting: 'NODE_EXTRA_CA_CERTS',
    semantics: 'add',
    file: 'ca',
    platforms: ALL_PLATFORMS,
    versions: 'Bun 1.1+; --use-system-ca / NODE_USE_SYSTEM_CA=1 in current releases (checked: bun 1.4.5 lists the flag)',
    steps: [{ kind: 'env', name: 'NODE_EXTRA_CA_CERTS', value: 'ca', shared: true }],
    caveats: [
      RESTART,
      t(
        'Alternatively bun --use-system-ca, or NODE_USE_SYSTEM_CA=1, adds the OS store, where IT installed the CA.',
        '代わりに bun --use-system-ca、または NODE_USE_SYSTEM_CA=1 で、IT が CA を入れた OS のストアを追加できます。',
      ),
    ],
    reference: 'https://github.com/oven-sh/bun/pull/21898',
    errors: [],
    verify: { probes: [PROBES.bun], how: 'verify runs bun -e "fetch(URL)" with the variable through the proxy' },
  },
  {
    id: 'deno',
    name: 'Deno',
    setting: 'DENO_CERT (or DENO_TLS_CA_STORE=system,mozilla)',
    semantics: 'add',
    file: 'ca',
    platforms: ALL_PLATFORMS,
    versions: 'Deno 1.x and 2.x; NODE_EXTRA_CA_CERTS also from 2.8',
    steps: [{ kind: 'env', name: 'DENO_CERT', value: 'ca' }],
    caveats: [
      t(
        'Alternatively DENO_TLS_CA_STORE=system,mozilla adds the OS store, where IT installed the CA.',
        '代わりに DENO_TLS_CA_STORE=system,mozilla で OS のストアを追加することもできます。',
      ),
    ],
    reference: 'https://docs.deno.com/runtime/reference/env_variables/',
    errors: [
      "error: Import 'https://deno.land/std/version.ts' failed.\n    0: error sending request for url (https://deno.land/std/version.ts): client error (Connect): invalid peer certificate: UnknownIssuer",
    ],
    verify: { probes: [PROBES.deno], how: 'verify runs deno eval "fetch(URL)" with DENO_CERT through the proxy' },
  },
];
