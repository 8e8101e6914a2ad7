import type { Verdict } from '../detection.js';
import { isFileKind, type ErrorDetail } from '../error-detail.js';
import type { Messages } from './en.js';
import { fill, type Params } from './fill.js';

/**
 * An engine error's detail in the user's language, for every front door: `named` is the door's own name
 * for the field at fault (the CLI's flag and its placeholder; the page has none, its form shows the field).
 * Codes among the parameters (a file kind, a verdict) become the catalogue's words; the rest is data.
 */
export function errorDetailText(w: Messages, detail: ErrorDetail, named: { flag?: string; shape?: string } = {}): string {
  const { limit, verdict } = detail.params;
  const words: Params = {};
  if (detail.key === 'file-not-regular' && isFileKind(limit)) words.limit = w.fileKind[limit];
  if (typeof verdict === 'string' && Object.hasOwn(w.cli.detect.verdictWord, verdict))
    words.verdictWord = w.cli.detect.verdictWord[verdict as Verdict];
  return fill(w.errorDetail[detail.key], { flag: '', shape: '', ...detail.params, ...named, ...words })
    .replace(/^[\s:]+/, '')
    .replace(/ {2,}/g, ' ');
}
