/**
 * Latin-letter prose in Japanese text: three or more Latin words in a row. Names of products, tools,
 * files, settings and commands are allowed; everything else in a Japanese screen must be Japanese.
 */
export const LATIN_ALLOWED = [
  'CA Bridge',
  'Google Trust Services',
  'Basic Constraints',
  'Subject Key Identifier',
  'Authority Key Identifier',
  'Python 3.13',
  'Git for Windows',
  'Windows Subsystem for Linux',
  'Visual Studio Code',
  'Android Studio',
  // Commands the command line tells the user to type, and a setting's label in Docker Desktop's own window.
  'npm run build',
  'ca-bridge check HOST',
  'Manual proxy configuration',
  // The certificate extension's access method, as certificate viewers name it, and the error text
  // Node and OpenSSL tools print, quoted so the user can match it with what their tool said.
  'AIA CA Issuers URL',
  'unable to verify the first certificate',
];

export function latinSentences(text: string, names: readonly string[] = []): string[] {
  let rest = text;
  // Longest first, so "Node.js 22.15+ (OS store)" goes before "Node.js".
  for (const name of [...LATIN_ALLOWED, ...names].sort((a, b) => b.length - a.length)) rest = rest.split(name).join(' ');
  return [...rest.matchAll(/[A-Za-z][A-Za-z'’]*(?:[ ,]+[A-Za-z][A-Za-z'’]*){2,}/g)].map((m) => m[0]);
}
