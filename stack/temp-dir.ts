/** Throw-away folders for servers started without a data folder (tests): gone on stop or exit. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temp folder and the function that deletes it. */
export interface TempDir {
  path: string;
  /** Deletes the folder now (also done when this process exits). */
  remove(): void;
}

/** Creates `<tmpdir>/<prefix>XXXXXX`, deleted by `remove()` or when this process exits. */
export function makeTempDir(prefix: string): TempDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => {
    process.removeListener('exit', remove);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', remove);
  return { path: dir, remove };
}
