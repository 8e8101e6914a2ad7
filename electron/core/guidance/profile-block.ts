/**
 * The marked block `ca-bridge apply` owns inside a shell profile. Everything outside it is kept
 * byte for byte, and what apply had to add around it (a final newline, the file itself) is
 * recorded in the opening marker so revert can take exactly that away again.
 */
const BEGIN = '# >>> ca-bridge >>>';
const END = '# <<< ca-bridge <<<';
const HEADER = '# Managed by "ca-bridge apply"; remove with "ca-bridge revert". Edits inside this block are overwritten.';
const BLOCK = /^# >>> ca-bridge >>>([^\r\n]*)\r?\n[\s\S]*?^# <<< ca-bridge <<<(\r?\n|$)/m;

export interface BlockChange {
  /** The new file content, or null when the file should be removed (revert of a file apply created). */
  text: string | null;
  changed: boolean;
}

const eolOf = (text: string | null) => (text?.includes('\r\n') ? '\r\n' : '\n');

export function applyBlock(original: string | null, body: string): BlockChange {
  const eol = eolOf(original);
  const inner = [HEADER, ...body.replace(/\r?\n$/, '').split(/\r?\n/)].join(eol) + eol;
  const existing = original === null ? null : BLOCK.exec(original);
  if (original !== null && existing) {
    const replacement = `${BEGIN}${existing[1]}${eol}${inner}${END}${existing[2] || ''}`;
    const text = original.slice(0, existing.index) + replacement + original.slice(existing.index + existing[0].length);
    return { text, changed: text !== original };
  }
  const flags = [original === null ? 'created' : '', original && !original.endsWith('\n') ? 'newline-added' : ''].filter(Boolean);
  const prefix = flags.includes('newline-added') ? eol : '';
  const block = `${BEGIN}${flags.length ? ` [${flags.join(' ')}]` : ''}${eol}${inner}${END}${eol}`;
  return { text: (original ?? '') + prefix + block, changed: true };
}

export function removeBlock(original: string | null): BlockChange {
  const found = original === null ? null : BLOCK.exec(original);
  if (original === null || !found) return { text: original, changed: false };
  const flags = found[1] ?? '';
  let before = original.slice(0, found.index);
  if (flags.includes('newline-added')) before = before.replace(/\r?\n$/, '');
  const text = before + original.slice(found.index + found[0].length);
  return { text: flags.includes('created') && text === '' ? null : text, changed: true };
}
