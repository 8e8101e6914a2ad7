/**
 * The search for a leaked password: in every form it could take on the way out (raw, percent-encoded
 * as encodeURIComponent and as the URL serializer do it, base64 alone and inside a Basic token in
 * UTF-8 and Latin-1, the pieces that survive a partial encoding, and any extra fragments a test names), in text and in every file of a folder read as UTF-8 and Latin-1.
 */
import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export function secretForms(user: string, password: string, fragments: string[] = []): string[] {
  const viaUrl = new URL('http://h/');
  viaUrl.password = password;
  // Pieces that survive a partial encoding: the non-Latin-1 runs, and a `%` with its neighbours.
  const pieces = password.match(/[^\x00-\xff]+|\w%\w+/g) ?? [];
  return [
    password,
    encodeURIComponent(password),
    viaUrl.password,
    Buffer.from(password).toString('base64'),
    Buffer.from(`${user}:${password}`).toString('base64'),
    Buffer.from(`${encodeURIComponent(user)}:${encodeURIComponent(password)}`).toString('base64'),
    Buffer.from(`${user}:${password}`, 'latin1').toString('base64'),
    ...pieces,
    ...fragments,
  ].filter((form) => form.length >= 2);
}

export function assertNoSecret(where: string, text: string, forms: string[]): void {
  for (const secret of forms) assert.ok(!text.includes(secret), `${where} contains the password (as "${secret}")`);
}

/** Every file under `dir`, read whole (the test's own small folders). */
export async function allFiles(dir: string): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const entry of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, entry);
    if ((await stat(file)).isFile()) out.push({ file, text: (await readFile(file, 'latin1')) + (await readFile(file, 'utf8')) });
  }
  return out;
}
