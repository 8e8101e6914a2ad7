import type { Text } from './text.js';

export type Semantics = 'add' | 'replace';
/** Which exported file a setting needs: ADD settings take the CA alone, REPLACE settings the bundle. */
export type ExportFile = 'ca' | 'bundle' | 'der';

export interface EnvVarGuide {
  name: string;
  semantics: Semantics;
  file: ExportFile;
  serves: Text;
}

/** The variables every snippet sets, in this order. */
export const ENV_VARS: readonly EnvVarGuide[] = [
  {
    name: 'NODE_EXTRA_CA_CERTS',
    semantics: 'add',
    file: 'ca',
    serves: {
      en: 'Node.js, npm scripts, Electron apps, VS Code extensions, Bun',
      ja: 'Node.js・npm スクリプト・Electron アプリ・VS Code 拡張・Bun',
    },
  },
  {
    name: 'SSL_CERT_FILE',
    semantics: 'replace',
    file: 'bundle',
    serves: {
      en: 'OpenSSL-based clients: Python ssl, Ruby, uv, httpx, Go on Linux',
      ja: 'OpenSSL 系クライアント: Python ssl・Ruby・uv・httpx・Linux 上の Go',
    },
  },
  {
    name: 'REQUESTS_CA_BUNDLE',
    semantics: 'replace',
    file: 'bundle',
    serves: { en: 'Python requests, Azure CLI', ja: 'Python requests・Azure CLI' },
  },
  { name: 'PIP_CERT', semantics: 'replace', file: 'bundle', serves: { en: 'pip', ja: 'pip' } },
  {
    name: 'CURL_CA_BUNDLE',
    semantics: 'replace',
    file: 'bundle',
    serves: { en: 'curl (OpenSSL builds), and requests as a fallback', ja: 'curl（OpenSSL 版）、requests の予備設定' },
  },
  {
    name: 'AWS_CA_BUNDLE',
    semantics: 'replace',
    file: 'bundle',
    serves: { en: 'AWS CLI and SDKs (boto3)', ja: 'AWS CLI と SDK（boto3）' },
  },
  { name: 'GIT_SSL_CAINFO', semantics: 'replace', file: 'bundle', serves: { en: 'Git over HTTPS', ja: 'HTTPS 経由の Git' } },
];

export const SEMANTICS_TEXT: Record<Semantics, Text> = {
  add: { en: 'ADD: adds the corporate CA to the built-in list', ja: '追加: 既定の信頼リストに社内 CA を足す' },
  replace: {
    en: 'REPLACE: this file becomes the whole trust list, so it is the bundle (public roots + corporate CA)',
    ja: '置換: このファイルが信頼リストのすべてになるため、バンドル（公開ルート＋社内 CA）を指定',
  },
};

export const SAFETY_NOTES: readonly Text[] = [
  {
    en: 'Never turn verification off (NODE_TLS_REJECT_UNAUTHORIZED=0, verify=False, curl -k, http.sslVerify false): it hides every attack, not only the proxy.',
    ja: '検証を無効にしないでください（NODE_TLS_REJECT_UNAUTHORIZED=0、verify=False、curl -k、http.sslVerify false）。プロキシだけでなくあらゆる攻撃が見えなくなります。',
  },
  {
    en: "These settings are for this machine on this company's network. Do not copy them into production, CI, containers you ship, or customers' environments.",
    ja: 'この設定はこの会社のネットワーク上のこのマシン専用です。本番環境・CI・配布するコンテナ・顧客環境にはコピーしないでください。',
  },
  {
    en: 'The bundle is a snapshot of the public roots: export again every few months, and when IT renews the CA.',
    ja: 'バンドルは公開ルートのスナップショットです。数か月ごと、また IT が CA を更新したときに再エクスポートしてください。',
  },
];
