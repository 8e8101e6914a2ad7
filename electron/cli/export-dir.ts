import { access } from 'node:fs/promises';
import path from 'node:path';
import type { ExportPaths } from '../../shared/guidance/render.js';
import { EXPORT_FILES } from '../core/export/write.js';
import { UsageError } from './io.js';

/** The absolute paths of an export folder's files, after checking they are there. */
export async function exportPaths(dir: string | undefined): Promise<ExportPaths> {
  if (!dir) throw new UsageError('--dir DIR is required (the folder ca-bridge export wrote)');
  const paths = {
    ca: path.resolve(dir, EXPORT_FILES.caPem),
    bundle: path.resolve(dir, EXPORT_FILES.bundle),
    der: path.resolve(dir, EXPORT_FILES.caDer),
  };
  for (const file of Object.values(paths)) {
    await access(file).catch(() => {
      throw new UsageError(`${file} is missing: run "ca-bridge export --out ${dir}" first`);
    });
  }
  return paths;
}
