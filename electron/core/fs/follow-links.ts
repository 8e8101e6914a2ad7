import { lstat, readlink } from 'node:fs/promises';
import path from 'node:path';

/** More hops than any real chain of dotfile links; a loop of links stops here instead of spinning. */
const MAX_HOPS = 40;

/**
 * The file a path stands for once symbolic links are followed, link by link, also to a file that does
 * not exist yet (a dotfile manager's link to a file it will create). Writing there instead of renaming
 * over the link keeps the link a link. A path that cannot be examined further (missing, or through a
 * file) is returned as it is: the caller's own read or write reports it.
 */
export async function followLinks(file: string): Promise<string> {
  let current = file;
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    let info;
    try {
      info = await lstat(current);
    } catch {
      return current;
    }
    if (!info.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await readlink(current));
  }
  throw new Error(`${file}: too many levels of symbolic links`);
}
