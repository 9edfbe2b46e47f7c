import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root: the nearest folder above this file whose package.json is Ladder's. */
export function projectRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ladder'
    ) {
      return folder;
    }
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error('cannot find the Ladder checkout above ' + fileURLToPath(import.meta.url));
    folder = parent;
  }
}

/** Where the local stack keeps data, logs and its state: `.ladder/` in the checkout (git-ignored). */
export function stackHome(): string {
  return join(projectRoot(), '.ladder');
}
