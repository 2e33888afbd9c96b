/**
 * One `npm start` per data folder: two Temporal servers on one SQLite file corrupt it. The lock is a
 * file in the folder holding the pid of the start that owns it, created only if absent (`wx`); a lock
 * whose pid is dead was left by a start that was killed, and is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Thrown when another live process holds the data folder's lock. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    /** The process that holds the lock. */
    readonly pid: number,
  ) {
    super(
      `${dataDir} is in use by another npm start (pid ${pid}): stop that one first (Ctrl-C in its terminal, or kill ${pid}), ` +
        `or give this one another TIDEWAY_DATA_DIR. If pid ${pid} is not Tideway, delete ${lockFile}.`,
    );
  }
}

/** A held lock; released by `release()` or when this process exits. */
export interface DataDirLock {
  file: string;
  release(): void;
}

/** Takes the lock of `dataDir` (which must exist) for this process, or throws {@link DataDirLockedError}. */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'lock');
  for (let attempt = 1; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(file);
      if (holder !== undefined && isAlive(holder)) throw new DataDirLockedError(dataDir, file, holder);
      if (attempt > 1) throw new Error(`could not take over the stale lock ${file}: another start keeps taking it`, { cause: error });
      rmSync(file, { force: true }); // stale: its start was killed
    }
  }
  const release = () => {
    process.removeListener('exit', release);
    if (lockHolder(file) === process.pid) rmSync(file, { force: true });
  };
  process.once('exit', release);
  return { file, release };
}

/** The pid written in the lock file; undefined when it is gone or unreadable (a start killed mid-write). */
function lockHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `pid` runs; our own pid in an old lock means a start before a reboot or a container restart. */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
