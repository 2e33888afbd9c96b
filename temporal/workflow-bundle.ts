import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type Logger, type WorkflowBundleOption, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DIST_DIR, RUNNING_BUILD } from '../config/app-paths.js';
import { WORKFLOW_TRACING_INTERCEPTORS } from '../telemetry/workflow-spans.js';

/** The workflow code's entry: the worker, the test kit, the replay tests and the build all bundle it the same way. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Where `npm run build` writes the bundle, and where the worker started from the build loads it. */
export const PREBUILT_WORKFLOW_BUNDLE = join(DIST_DIR, 'workflow-bundle.js');

/**
 * How the workflow code is bundled. Every cached workflow evaluates its own copy of the bundle's
 * modules; zod's (about 450 KiB of code) cost about 1.4 MiB of heap per workflow, so the worker's memory
 * grew with its cache. Preloaded, zod is evaluated once and shared. It holds no per-workflow state;
 * workflows only build schemas with it (the domain modules' own schemas stay per workflow).
 */
export const WORKFLOW_BUNDLER_OPTIONS = { preloadModules: ['zod'] };

export function bundleWorkflows(logger?: Logger): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: [WORKFLOW_TRACING_INTERCEPTORS],
    ...WORKFLOW_BUNDLER_OPTIONS,
    ...(logger ? { logger } : {}),
  }) as Promise<WorkflowBundleWithSourceMap>;
}

/**
 * The workflow code a worker runs. Started from the build (`node dist/worker/main.js`), the bundle
 * `npm run build` made: no webpack at start. Started from the source (tsx: `npm start`, the tests), a
 * fresh bundle of the code as it is now.
 */
export async function workerWorkflowBundle(logger?: Logger): Promise<WorkflowBundleOption> {
  if (!RUNNING_BUILD) return { code: (await bundleWorkflows(logger)).code };
  if (!existsSync(PREBUILT_WORKFLOW_BUNDLE)) throw new Error(`The workflow bundle ${PREBUILT_WORKFLOW_BUNDLE} is missing: run "npm run build".`);
  return { codePath: PREBUILT_WORKFLOW_BUNDLE };
}
