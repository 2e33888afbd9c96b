/**
 * deploy/worker-healthcheck.mjs run as the worker container runs it: with node, in the app's folder,
 * where it finds the Temporal client and the built config code (dist/config). Without a full
 * `npm run build`, the folder here is package.json, the repo's node_modules and dist/config compiled
 * from the sources with esbuild.
 */
import { execFile } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildSync } from 'esbuild';
import { makeTempDir } from '../../stack/temp-dir.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
export const HEALTHCHECK = join(root, 'deploy/worker-healthcheck.mjs');

let appDir: string | undefined;

/** A folder the health check runs in, as /app in the image (made once per suite). */
export function healthcheckAppDir(): string {
  if (appDir) return appDir;
  const dir = makeTempDir('tideway-healthcheck-').path;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'tideway', type: 'module' }));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  buildSync({
    entryPoints: ['config/env.ts', 'config/temporal-connection.ts'].map((file) => join(root, file)),
    outbase: root,
    outdir: join(dir, 'dist'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'error',
  });
  appDir = dir;
  return dir;
}

/** Runs the health check with `env` (and PATH) only; `ok` is its exit code 0, `stderr` its reason otherwise. */
export async function runWorkerHealthcheck(env: Record<string, string>, cwd = healthcheckAppDir()): Promise<{ ok: boolean; stderr: string }> {
  try {
    await run(process.execPath, [HEALTHCHECK], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 });
    return { ok: true, stderr: '' };
  } catch (error) {
    return { ok: false, stderr: String((error as { stderr?: string }).stderr ?? error) };
  }
}
