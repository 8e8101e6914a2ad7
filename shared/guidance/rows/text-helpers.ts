import type { Text } from '../text.js';

export const t = (en: string, ja: string): Text => ({ en, ja });

export const RESTART = t(
  'Read only when the program starts: open a new terminal and restart editors.',
  '起動時にだけ読まれます。新しいターミナルを開き、エディターを再起動してください。',
);
