import type { Params } from './i18n/fill.js';

/**
 * What an engine error is about, as a catalogue key and its parameters (file names, values, bounds):
 * each front door words it in the user's language (shared/i18n errorDetail), the English `message`
 * stays for JSON and the log. Parameters are data (paths, typed values), never sentences. An error
 * without a detail keeps only its code's words and the English message as data.
 */
export const ERROR_DETAIL_KEYS = [
  // Input checks (the schema): the door puts its own name for the field ({{flag}}) in.
  'required',
  'not-one-of',
  'out-of-range',
  'too-long',
  'too-many',
  'bad-format',
  'not-fingerprint',
  'unknown-field',
  // Files the user named or an export folder holds.
  'file-not-found',
  'file-not-regular',
  'file-too-large',
  'file-timeout',
  'file-cancelled',
  'file-unreadable',
  'import-unparsable',
  'import-no-certificate',
  'import-not-ca',
  'export-file-missing',
  'export-file-empty',
  // CA Bridge's own record of changes (the ledger) could not be read.
  'ledger-unreadable',
  'prove-applied-unknown',
  // Sites, proxies and the rest of the request.
  'target-shape',
  'target-host',
  'target-port',
  'target-empty',
  'proxy-not-url',
  'proxy-socks',
  'proxy-scheme',
  'proxy-no-host',
  'proxy-hash',
  'proxy-path',
  'proxy-port',
  'proxy-percent',
  'proxy-socks4-password',
  'unknown-tools',
  'no-detection-known',
  'no-detection-yet',
  'no-ca-not-inspected',
  'no-ca-not-found',
  'untrusted-root',
  'unexpected-root',
  'undo-what',
  'cert-key-pair',
  'not-host-name',
  'relay-http',
  'relay-auth',
  // The ledger's folder: an empty or relative HOME (or LOCALAPPDATA) would put it under the working directory.
  'state-folder-not-absolute',
] as const;
export type ErrorDetailKey = (typeof ERROR_DETAIL_KEYS)[number];

/** Why a file the user named (or a settings file) could not be read: the front doors word each. */
export const FILE_PROBLEMS = ['not-found', 'not-regular', 'too-large', 'timeout', 'cancelled', 'unreadable'] as const;
export type FileProblem = (typeof FILE_PROBLEMS)[number];

/** What stands where a file was expected (`file-not-regular`'s `limit`), worded by the catalogues' fileKind. */
export const FILE_KINDS = ['folder', 'named-pipe', 'device', 'socket', 'other'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
export const isFileKind = (value: unknown): value is FileKind => (FILE_KINDS as readonly unknown[]).includes(value);

export interface ErrorDetail {
  key: ErrorDetailKey;
  params: Params;
}
