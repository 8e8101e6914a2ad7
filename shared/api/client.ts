import type { OperationName } from './operations.js';
import type { OperationResults } from './results.js';
import type { OperationInput } from './schemas.js';
import type { Result } from '../result.js';

/** How a page's call reaches the engine: IPC in the desktop app, HTTP in browser mode. */
export type Transport = <K extends OperationName>(name: K, input: OperationInput<K>) => Promise<Result<OperationResults[K]>>;

/** One named method per operation (never a generic invoke), each returning the operation's typed Result. */
export type OperationMethods = { [K in OperationName]: (input: OperationInput<K>) => Promise<Result<OperationResults[K]>> };

/**
 * The named methods over a transport. Written out rather than built in a loop so that the compiler
 * checks every name and type: a missing or misspelt operation does not build.
 */
export function operationMethods(transport: Transport): OperationMethods {
  return {
    getEnvironment: (input) => transport('getEnvironment', input),
    detect: (input) => transport('detect', input),
    exportCa: (input) => transport('exportCa', input),
    verify: (input) => transport('verify', input),
    snippets: (input) => transport('snippets', input),
    apply: (input) => transport('apply', input),
    revert: (input) => transport('revert', input),
    applyTools: (input) => transport('applyTools', input),
    undoChanges: (input) => transport('undoChanges', input),
    doctor: (input) => transport('doctor', input),
    check: (input) => transport('check', input),
    explain: (input) => transport('explain', input),
    status: (input) => transport('status', input),
    refreshExport: (input) => transport('refreshExport', input),
    chooseFolder: (input) => transport('chooseFolder', input),
    showInFolder: (input) => transport('showInFolder', input),
    openReference: (input) => transport('openReference', input),
  };
}
