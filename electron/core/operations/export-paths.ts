import path from 'node:path';
import type { ExportPaths } from '../../../shared/guidance/render.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { EXPORT_FILES } from '../export/write.js';
import { pathExists } from '../fs/path-exists.js';

/**
 * The three files of an export folder, named once (EXPORT_FILES) for the CLI and the page alike, after
 * checking they are there: settings pointing at a missing file break every tool that reads them.
 */
export async function locateExport(dir: string): Promise<Result<ExportPaths>> {
  const paths = {
    ca: path.resolve(dir, EXPORT_FILES.caPem),
    bundle: path.resolve(dir, EXPORT_FILES.bundle),
    der: path.resolve(dir, EXPORT_FILES.caDer),
  };
  for (const file of Object.values(paths)) {
    if (!(await pathExists(file)))
      return fail('missing-export', `${file} is missing: run "ca-bridge export --out ${dir}" first`, 'dir', {
        key: 'export-file-missing',
        params: { file, dir },
      });
  }
  return ok(paths);
}
