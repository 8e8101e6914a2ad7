import { isShell, SHELLS, type Shell } from '../../shared/guidance/quote.js';
import type { Lang } from '../../shared/guidance/text.js';
import { defaultShell } from '../core/guidance/defaults.js';
import { UsageError } from './io.js';

export function shellFlag(value: string | undefined, env: NodeJS.ProcessEnv): Shell {
  if (value === undefined) return defaultShell(env);
  if (!isShell(value)) throw new UsageError(`--shell "${value}" is not one of ${SHELLS.join(', ')}`);
  return value;
}

export function langFlag(value: string | undefined): Lang {
  if (value === undefined || value === 'en' || value === 'ja') return value ?? 'en';
  throw new UsageError(`--lang "${value}" is not one of en, ja`);
}
