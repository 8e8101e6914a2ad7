import type { OperationInput } from '../../shared/api/schemas';
import { api } from './api';

/**
 * Stable references to the operations the steps run through useOperation, with the page's own time
 * limit for each: generous (a busy machine, a slow proxy), yet never "forever".
 */
export const detectOp = (input: OperationInput<'detect'>) => api.detect(input);
export const exportOp = (input: OperationInput<'exportCa'>) => api.exportCa(input);
export const verifyOp = (input: OperationInput<'verify'>) => api.verify(input);
export const checkOp = (input: OperationInput<'check'>) => api.check(input);

export const LIMITS = { detectMs: 180_000, exportMs: 60_000, verifyMs: 300_000, checkMs: 60_000, refreshMs: 300_000 } as const;
