/**
 * Finds or builds the executables of the embedded stack.
 *
 * For each tool, in order: the env var that names it (e.g. `TIDEWAY_TEMPORAL_BIN`); for
 * `temporal` only, a `temporal` on PATH; the per-user cache
 * `${XDG_CACHE_HOME:-$HOME/.cache}/tideway/<tool>-<version>/`; else it is built there
 * (minutes the first time), with progress lines sent to `log`.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { formatDuration } from './build-step.js';
import { buildOnce, cacheRoot } from './cache.js';
import { RECIPES, type ToolName } from './recipes.js';

export type { ToolName } from './recipes.js';

/** Absolute paths of the stack's executables. */
export interface Tools {
  /** The Temporal CLI (`temporal server start-dev`, `temporal operator …`). */
  temporal: string;
  /** Our embedded FerretDB (`-listen host:port -data dir`). */
  ferretdb: string;
  /** The maildev mail sink. */
  maildev: string;
  /** The Java time-skipping test server wrapper, for `@temporalio/testing`'s `existing-path`. */
  testServer: string;
}

/** Where a tool was found: named by its env var, on PATH, in the cache, or built just now. */
export type ToolSource = 'env' | 'PATH' | 'cache' | 'built';

/** One tool's executable and where it came from. */
export interface ResolvedTool {
  name: ToolName;
  path: string;
  source: ToolSource;
}

const TOOL_NAMES = Object.keys(RECIPES) as ToolName[];

/** Finds or builds one tool. Throws with a clear message if an env var names a missing file. */
export async function ensureTool(name: ToolName, log: (line: string) => void = () => {}): Promise<ResolvedTool> {
  const recipe = RECIPES[name];
  const fromEnv = process.env[recipe.envVar];
  if (fromEnv) {
    const file = path.resolve(fromEnv);
    if (!isExecutable(file)) throw new Error(`${recipe.envVar}=${fromEnv} is not an executable file`);
    return { name, path: file, source: 'env' };
  }
  const onPath = recipe.pathCommand && findOnPath(recipe.pathCommand);
  if (onPath) return { name, path: onPath, source: 'PATH' };

  const dir = path.join(cacheRoot(), recipe.cacheName);
  const file = path.join(dir, recipe.executable);
  const started = Date.now();
  const built = await buildOnce(
    dir,
    async (tmp) => {
      log(`${name}: building ${recipe.cacheName} into ${dir} (first time only, may take minutes)`);
      await recipe.build(tmp, log);
    },
    log,
  );
  if (built) log(`${name}: built in ${formatDuration(Date.now() - started)}`);
  if (!isExecutable(file)) throw new Error(`${name}: ${file} is missing; delete ${dir} and run \`npm run tools\` again`);
  return { name, path: file, source: built ? 'built' : 'cache' };
}

/** Finds or builds every tool (builds run side by side) and tells where each came from. */
export async function resolveTools(log: (line: string) => void = () => {}): Promise<Record<ToolName, ResolvedTool>> {
  const results = await Promise.allSettled(TOOL_NAMES.map((name) => ensureTool(name, log)));
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error)?.message ?? r.reason)] : []));
  if (failed.length) throw new Error(`could not get every tool of the stack:\n${failed.join('\n\n')}`);
  const resolved = results.map((r) => (r as PromiseFulfilledResult<ResolvedTool>).value);
  return Object.fromEntries(resolved.map((t) => [t.name, t])) as Record<ToolName, ResolvedTool>;
}

/** Finds or builds every tool of the stack and returns their absolute paths. */
export async function ensureTools(log?: (line: string) => void): Promise<Tools> {
  const resolved = await resolveTools(log);
  return Object.fromEntries(TOOL_NAMES.map((name) => [name, resolved[name].path])) as unknown as Tools;
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, command);
    if (isExecutable(file)) return file;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
