/**
 * The credential grep: every form in which a proxy password could leak into output or a file — raw,
 * percent-encoded two ways, inside Basic tokens (UTF-8 and Latin-1), and fragments of the
 * non-Latin-1 and %-bearing parts that survive a partial encoding.
 */
import assert from 'node:assert/strict';

export function secretFormsOf(user: string, password: string): string[] {
  const viaUrl = new URL('http://h/');
  viaUrl.password = password;
  const fragments = password.match(/[^\x00-\xff]+|\w%\w+/g) ?? [];
  return [
    password,
    encodeURIComponent(password),
    viaUrl.password,
    Buffer.from(password).toString('base64'),
    Buffer.from(`${user}:${password}`).toString('base64'),
    Buffer.from(`${encodeURIComponent(user)}:${encodeURIComponent(password)}`).toString('base64'),
    Buffer.from(`${user}:${password}`, 'latin1').toString('base64'),
    ...fragments,
  ].filter((f) => f.length >= 2);
}

export function assertNoSecret(where: string, text: string, user: string, password: string): void {
  for (const secret of secretFormsOf(user, password)) assert.ok(!text.includes(secret), `${where} contains the password (as "${secret}")`);
}
