/**
 * What a user did on the page that a help desk wants to hear about, so it does not ask again. Codes only:
 * never a value the user typed (no proxy address, no user name, no password).
 */
export const TRIED_STEPS = [
  'check-again',
  'proxy-typed',
  'proxy-sign-in',
  'sites-added',
  'export',
  'export-it-file',
  'profile-applied',
  'verify',
  'diagnose-host',
  'explain',
] as const;
export type TriedStep = (typeof TRIED_STEPS)[number];
