/**
 * `npm run build`: what the image runs, in dist/.
 *   - the API, the worker and the CLIs as JavaScript (tsconfig.build.json), beside the config files
 *     they read at run time (config/*.json);
 *   - the workflow code bundled once (dist/workflow-bundle.js), which the built worker loads;
 *   - the web console (dist/console), which the API serves.
 */
import { execFile } from 'node:child_process';
import { copyFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildConsole } from '../console/build.js';
import { APP_ROOT, DIST_DIR } from '../config/app-paths.js';
import { bundleWorkflows, PREBUILT_WORKFLOW_BUNDLE } from '../temporal/workflow-bundle.js';

const run = promisify(execFile);
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error };

/** Removes what an earlier build compiled (a folder per source folder), so nothing stale is left to load. */
async function clean(): Promise<void> {
  const entries = await readdir(DIST_DIR).catch(() => [] as string[]);
  const compiled = await Promise.all(
    entries.map(async (name) => name !== 'console' && (await stat(join(APP_ROOT, name)).then((s) => s.isDirectory(), () => false))),
  );
  await Promise.all(entries.filter((_, i) => compiled[i]).map((name) => rm(join(DIST_DIR, name), { recursive: true, force: true })));
  await rm(PREBUILT_WORKFLOW_BUNDLE, { force: true });
}

async function compile(): Promise<void> {
  await run(join(APP_ROOT, 'node_modules/.bin/tsc'), ['-p', join(APP_ROOT, 'tsconfig.build.json')], { cwd: APP_ROOT });
  const configs = (await readdir(join(APP_ROOT, 'config'))).filter((name) => name.endsWith('.json'));
  await Promise.all(configs.map((name) => copyFile(join(APP_ROOT, 'config', name), join(DIST_DIR, 'config', name))));
}

async function bundle(): Promise<number> {
  const { code } = await bundleWorkflows(quiet);
  await writeFile(PREBUILT_WORKFLOW_BUNDLE, code);
  return code.length;
}

const started = Date.now();
await clean();
const timed = async <T>(work: Promise<T>): Promise<[T, number]> => [await work, Date.now() - started];
try {
  const [[, compiledMs], [bundleBytes, bundledMs], [built]] = await Promise.all([timed(compile()), timed(bundle()), timed(buildConsole())]);
  console.log(`build: JavaScript in ${DIST_DIR} (${compiledMs} ms)`);
  console.log(`build: workflow bundle ${PREBUILT_WORKFLOW_BUNDLE}, ${(bundleBytes / 1024 / 1024).toFixed(1)} MiB (${bundledMs} ms)`);
  console.log(`build: console in ${built.outDir} (${built.ms} ms)`);
} catch (error) {
  const { stdout } = error as { stdout?: string };
  console.error(stdout || error);
  process.exitCode = 1;
}
