import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeOwnerOnly } from '../stack/owner-only.js';
import { makeTempDir, type TempDir } from '../stack/temp-dir.js';

describe('data for its owner only', () => {
  let dir: TempDir;
  const mode = (name: string) => statSync(path.join(dir.path, name)).mode & 0o777;
  beforeEach(() => {
    dir = makeTempDir('tideway-modes-');
  });
  afterEach(() => dir.remove());

  it('takes group and other permissions off existing folders and files', () => {
    mkdirSync(path.join(dir.path, 'ferretdb', 'deep'), { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dir.path, 'temporal.db'), '', { mode: 0o644 });
    writeFileSync(path.join(dir.path, 'ferretdb', 'deep', 'tideway.sqlite'), '', { mode: 0o664 });
    makeOwnerOnly(dir.path);
    expect(['.', 'ferretdb', 'ferretdb/deep', 'temporal.db', 'ferretdb/deep/tideway.sqlite'].map(mode)).toEqual([0o700, 0o700, 0o700, 0o600, 0o600]);
  });

  it('creates a missing folder 0700', () => {
    makeOwnerOnly(path.join(dir.path, 'new', 'data'));
    expect([mode('new'), mode('new/data')]).toEqual([0o700, 0o700]);
  });
});
