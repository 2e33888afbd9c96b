import { bundleWorkflowCode, type Logger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';

/** The workflow code's entry: the worker, the test kit and the replay tests all bundle it the same way. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * How the workflow code is bundled. Every cached workflow evaluates its own copy of the bundle's
 * modules; zod's (about 450 KiB of code) cost about 1.4 MiB of heap per workflow, so the worker's memory
 * grew with its cache. Preloaded, zod is evaluated once and shared. It holds no per-workflow state;
 * workflows only build schemas with it (the domain modules' own schemas stay per workflow).
 */
export const WORKFLOW_BUNDLER_OPTIONS = { preloadModules: ['zod'] };

export function bundleWorkflows(logger?: Logger): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...WORKFLOW_BUNDLER_OPTIONS, ...(logger ? { logger } : {}) }) as Promise<WorkflowBundleWithSourceMap>;
}
