/** The interface languages: one list, so message catalogues, tool texts and input schemas agree. */
export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];
