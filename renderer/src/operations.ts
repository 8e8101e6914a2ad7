import type { OperationInput } from '../../shared/api/schemas';
import { api } from './api';

/**
 * Stable references to the operations the steps run through useOperation, with the page's own time
 * limit for each: generous (a busy machine, a slow proxy), yet never "forever".
 */
export const detectOp = (input: OperationInput<'detect'>, operationId: string) => api.detect(input, operationId);
export const exportOp = (input: OperationInput<'exportCa'>, operationId: string) => api.exportCa(input, operationId);
export const verifyOp = (input: OperationInput<'verify'>, operationId: string) => api.verify(input, operationId);
export const applyToolsOp = (input: OperationInput<'applyTools'>, operationId: string) => api.applyTools(input, operationId);
export const doctorOp = (input: OperationInput<'doctor'>, operationId: string) => api.doctor(input, operationId);
export const checkOp = (input: OperationInput<'check'>, operationId: string) => api.check(input, operationId);
/** Cancels a call made through one of the above, by the id useOperation gave it. */
export const cancelOp = (operationId: string) => api.cancel(operationId);

export const LIMITS = {
  detectMs: 180_000,
  exportMs: 60_000,
  verifyMs: 300_000,
  checkMs: 60_000,
  refreshMs: 300_000,
  // The engine's own limits for these (deadline.ts): real tools run one after the other; Fix proves each line twice.
  applyMs: 300_000,
  doctorMs: 900_000,
} as const;
