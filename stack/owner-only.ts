/**
 * Server data is readable by its owner only (customers' personal data, the API key): folders 0700,
 * files 0600. Existing files are fixed at start; new ones get it from the umask the servers inherit.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The umask that makes what a process creates 0700 (folders) and 0600 (files). */
export const OWNER_ONLY_UMASK = 0o077;

/** Creates `dir` (0700) if needed and takes group and other permissions off everything in it. */
export function makeOwnerOnly(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  restrict(dir);
}

function restrict(file: string): void {
  const stat = lstatSync(file);
  if (stat.isSymbolicLink()) return;
  if ((stat.mode & 0o077) !== 0) {
    try {
      chmodSync(file, stat.mode & 0o700);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error; // another user's file: theirs to guard
    }
  }
  if (stat.isDirectory()) for (const name of readdirSync(file)) restrict(path.join(file, name));
}
