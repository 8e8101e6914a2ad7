import { JAVASCRIPT_ROWS } from './rows/javascript.js';
import { NATIVE_ROWS } from './rows/native.js';
import { NOT_PROVEN_ROWS } from './rows/not-proven.js';
import { PLATFORM_ROWS } from './rows/platforms.js';
import { PYTHON_ROWS } from './rows/python.js';
import { TOOL_IDS, type Platform, type ToolGuide, type ToolId } from './tool-types.js';

export {
  ALL_PLATFORMS,
  isToolId,
  TOOL_IDS,
  type Platform,
  type ProofKind,
  type Step,
  type ToolGuide,
  type ToolId,
  type VerifyProbe,
} from './tool-types.js';

/** Node's process.platform in the catalogue's terms (every other Unix counts as Linux). */
export const platformOf = (nodePlatform: string): Platform =>
  nodePlatform === 'win32' ? 'windows' : nodePlatform === 'darwin' ? 'macos' : 'linux';

/**
 * The one catalogue guidance, explain and verify share: each row has its setting, ADD/REPLACE, the versions
 * and OSes it applies to, the page it was checked against, the errors that point to it and how it is proven.
 * Adding a tool is adding one row (and its id to TOOL_IDS).
 */
export const TOOL_GUIDES: readonly ToolGuide[] = [...JAVASCRIPT_ROWS, ...PYTHON_ROWS, ...NATIVE_ROWS, ...PLATFORM_ROWS, ...NOT_PROVEN_ROWS];

const BY_ID = new Map(TOOL_GUIDES.map((row) => [row.id, row]));

/**
 * What is wrong with the catalogue, naming each id: an id without a row, or with two. Empty when it is
 * consistent (test/guidance/catalog.test.ts). Checked there rather than on import, so one missing row
 * fails the lookups of that tool with its name instead of every command with a riddle.
 */
export function catalogueProblems(): string[] {
  const missing = TOOL_IDS.filter((id) => !BY_ID.has(id)).map((id) => `no catalogue row for "${id}"`);
  const twice = TOOL_IDS.filter((id) => TOOL_GUIDES.filter((row) => row.id === id).length > 1).map((id) => `"${id}" has several rows`);
  return [...missing, ...twice];
}

export function toolGuide(id: ToolId): ToolGuide {
  const row = BY_ID.get(id);
  if (!row) throw new Error(`the tool catalogue has no row for "${id}" (shared/guidance/rows/)`);
  return row;
}
