import { access } from 'node:fs/promises';

/** Whether something is at this path (any kind, readable or not); never throws. */
export const pathExists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );
