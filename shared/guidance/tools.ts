import { JAVASCRIPT_ROWS } from './rows/javascript.js';
import { NATIVE_ROWS } from './rows/native.js';
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
export const TOOL_GUIDES: readonly ToolGuide[] = [...JAVASCRIPT_ROWS, ...PYTHON_ROWS, ...NATIVE_ROWS, ...PLATFORM_ROWS];

const BY_ID = new Map(TOOL_GUIDES.map((row) => [row.id, row]));
if (BY_ID.size !== TOOL_IDS.length) throw new Error('every ToolId needs exactly one catalogue row');

export const toolGuide = (id: ToolId): ToolGuide => BY_ID.get(id)!;
