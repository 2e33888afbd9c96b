/**
 * The per-user tool cache and its atomic, lock-protected builds.
 *
 * A tool is built into `<dir>.tmp-<pid>` next to its final folder and renamed into place
 * when complete, so an interrupted build never leaves a half tool behind. A lock file
 * `<dir>.lock` (holding the builder's pid) makes concurrent callers wait for one build.
 */
import { existsSync, unlinkSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** `${XDG_CACHE_HOME:-$HOME/.cache}/tideway`: where built tools live. */
export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'tideway');
}

/**
 * Makes sure `dir` holds a complete build: returns `false` at once when `dir` exists,
 * otherwise runs `build(tmpDir)` under the lock, renames the result to `dir` and returns
 * `true` (or `false` if another process finished the same build while this one waited).
 */
export async function buildOnce(
  dir: string,
  build: (tmpDir: string) => Promise<void>,
  log: (line: string) => void,
): Promise<boolean> {
  if (existsSync(dir)) return false;
  await mkdir(path.dirname(dir), { recursive: true });
  const release = await acquireLock(`${dir}.lock`, log);
  try {
    if (existsSync(dir)) return false;
    await removeLeftovers(dir);
    const tmp = `${dir}.tmp-${process.pid}`;
    await mkdir(tmp, { recursive: true });
    try {
      await build(tmp);
      await rename(tmp, dir);
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      if (isCode(err, 'EEXIST', 'ENOTEMPTY') && existsSync(dir)) return false;
      throw err;
    }
    return true;
  } finally {
    release();
  }
}

async function acquireLock(lockFile: string, log: (line: string) => void): Promise<() => void> {
  let announced = 0;
  for (;;) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: 'wx' });
      const unlock = () => {
        try {
          unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
      process.once('exit', unlock);
      return () => {
        process.removeListener('exit', unlock);
        unlock();
      };
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
    }
    const holder = await lockHolder(lockFile);
    if (holder === 'stale') {
      await rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() - announced > 30_000) {
      log(`waiting for another process (pid ${holder ?? '?'}) that is building ${path.basename(lockFile, '.lock')}`);
      announced = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The pid holding the lock, `'stale'` if that process is gone, `undefined` if unknown yet. */
async function lockHolder(lockFile: string): Promise<number | 'stale' | undefined> {
  try {
    const pid = Number((await readFile(lockFile, 'utf8')).trim());
    if (!pid) {
      const age = Date.now() - (await stat(lockFile)).mtimeMs;
      return age > 10_000 ? 'stale' : undefined;
    }
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    if (isCode(err, 'ENOENT')) return undefined;
    if (isCode(err, 'ESRCH')) return 'stale';
    return undefined;
  }
}

/** Removes temp folders left by builds that were killed (only called while holding the lock). */
async function removeLeftovers(dir: string): Promise<void> {
  const prefix = `${path.basename(dir)}.tmp-`;
  for (const name of await readdir(path.dirname(dir))) {
    if (name.startsWith(prefix)) await rm(path.join(path.dirname(dir), name), { recursive: true, force: true });
  }
}

function isCode(err: unknown, ...codes: string[]): boolean {
  return codes.includes((err as NodeJS.ErrnoException)?.code ?? '');
}
