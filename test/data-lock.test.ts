import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../stack/data-lock.js';
import { makeTempDir, type TempDir } from '../stack/temp-dir.js';

describe('the lock on the data folder', () => {
  let dir: TempDir;
  let holder: ChildProcess | undefined;
  const lockFile = () => path.join(dir.path, 'lock');
  beforeEach(() => {
    dir = makeTempDir('tideway-lock-');
  });
  afterEach(() => {
    holder?.kill('SIGKILL');
    dir.remove();
  });

  it('is a file with our pid, for us only, removed on release', () => {
    const lock = lockDataDir(dir.path);
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid}\n`);
    expect(statSync(lockFile()).mode & 0o777).toBe(0o600);
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('refuses while the process named in it runs, naming it', () => {
    holder = spawn('sleep', ['30']);
    writeFileSync(lockFile(), `${holder.pid}\n`);
    const attempt = () => lockDataDir(dir.path);
    expect(attempt).toThrow(DataDirLockedError);
    expect(attempt).toThrow(`${dir.path} is in use by another npm start (pid ${holder.pid})`);
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${holder.pid}\n`);
  });

  it('takes over a lock whose process is dead, or that is empty, or that names us (a pid reused after a reboot)', () => {
    for (const stale of [`${spawnSync('true').pid}\n`, '', `${process.pid}\n`]) {
      writeFileSync(lockFile(), stale);
      const lock = lockDataDir(dir.path);
      expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid}\n`);
      lock.release();
    }
  });

  it('leaves a lock another start took in the meantime', () => {
    const lock = lockDataDir(dir.path);
    writeFileSync(lockFile(), '999999\n');
    lock.release();
    expect(readFileSync(lockFile(), 'utf8')).toBe('999999\n');
  });
});
