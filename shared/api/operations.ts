/** Every operation of the contract, in one list: the preload bridge exposes exactly these names. */
export const OPERATION_NAMES = [
  'getEnvironment',
  'detect',
  'exportCa',
  'verify',
  'snippets',
  'apply',
  'revert',
  'check',
  'explain',
  'chooseFolder',
  'showInFolder',
  'openReference',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

/** Operations that need a desktop: native dialogs, the file manager, the default browser. */
export const DESKTOP_OPERATIONS: readonly OperationName[] = ['chooseFolder', 'showInFolder', 'openReference'];

/** IPC channel names, derived so both sides agree. */
export const channelFor = (operation: OperationName) => `ca-bridge:${operation}`;
export const PROGRESS_CHANNEL = 'ca-bridge:progress';
