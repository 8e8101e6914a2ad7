/** Operations the engine runs the same way behind every front door (desktop IPC, browser mode, the CLI). */
export const ENGINE_OPERATIONS = [
  'getEnvironment',
  'detect',
  'exportCa',
  'verify',
  'snippets',
  'apply',
  'revert',
  'applyTools',
  'undoChanges',
  'doctor',
  'check',
  'explain',
  'status',
  'refreshExport',
] as const;

/** Operations that need a desktop: native dialogs, the file manager, the default browser. */
export const DESKTOP_OPERATIONS = ['chooseFolder', 'showInFolder', 'openReference'] as const;

/** Every operation of the contract, in one list: the preload bridge exposes exactly these names. */
export const OPERATION_NAMES = [...ENGINE_OPERATIONS, ...DESKTOP_OPERATIONS] as const;

export type EngineOperation = (typeof ENGINE_OPERATIONS)[number];
export type DesktopOperation = (typeof DESKTOP_OPERATIONS)[number];
export type OperationName = (typeof OPERATION_NAMES)[number];

export const isDesktopOperation = (name: OperationName): name is DesktopOperation =>
  (DESKTOP_OPERATIONS as readonly string[]).includes(name);
export const isEngineOperation = <K extends OperationName>(name: K): name is K & EngineOperation =>
  (ENGINE_OPERATIONS as readonly string[]).includes(name);

/** IPC channel names, derived so both sides agree. */
export const channelFor = (operation: OperationName) => `ca-bridge:${operation}`;
export const PROGRESS_CHANNEL = 'ca-bridge:progress';
/** The page asks the main process to cancel one of its running operations, named by the id it gave the call. */
export const CANCEL_CHANNEL = 'ca-bridge:cancel';

/**
 * The id a page gives each call so that it can cancel it and recognise its progress: chosen by the page
 * (a UUID), checked on arrival, and scoped to the page that sent it.
 */
export const OPERATION_ID = /^[A-Za-z0-9_-]{8,64}$/;
export const isOperationId = (value: unknown): value is string => typeof value === 'string' && OPERATION_ID.test(value);
