import type { OperationName } from './operations.js';
import type { OperationResults } from './results.js';
import type { OperationInput } from './schemas.js';
import type { Result } from '../result.js';

/**
 * How a page's call reaches the engine: IPC in the desktop app, HTTP in browser mode. `operationId`
 * (optional, see OPERATION_ID) names the call, so that the page can cancel it and tell its progress apart.
 */
export type Transport = <K extends OperationName>(
  name: K,
  input: OperationInput<K>,
  operationId?: string,
) => Promise<Result<OperationResults[K]>>;

/** One named method per operation (never a generic invoke), each returning the operation's typed Result. */
export type OperationMethods = {
  [K in OperationName]: (input: OperationInput<K>, operationId?: string) => Promise<Result<OperationResults[K]>>;
};

/**
 * The named methods over a transport. Written out rather than built in a loop so that the compiler
 * checks every name and type: a missing or misspelt operation does not build.
 */
export function operationMethods(transport: Transport): OperationMethods {
  return {
    getEnvironment: (input, id) => transport('getEnvironment', input, id),
    detect: (input, id) => transport('detect', input, id),
    exportCa: (input, id) => transport('exportCa', input, id),
    verify: (input, id) => transport('verify', input, id),
    snippets: (input, id) => transport('snippets', input, id),
    apply: (input, id) => transport('apply', input, id),
    revert: (input, id) => transport('revert', input, id),
    applyTools: (input, id) => transport('applyTools', input, id),
    undoChanges: (input, id) => transport('undoChanges', input, id),
    doctor: (input, id) => transport('doctor', input, id),
    check: (input, id) => transport('check', input, id),
    explain: (input, id) => transport('explain', input, id),
    status: (input, id) => transport('status', input, id),
    refreshExport: (input, id) => transport('refreshExport', input, id),
    chooseFolder: (input, id) => transport('chooseFolder', input, id),
    showInFolder: (input, id) => transport('showInFolder', input, id),
    openReference: (input, id) => transport('openReference', input, id),
  };
}
