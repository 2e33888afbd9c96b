/**
 * Tideway as it runs in production, `api/main.ts` and `worker/main.ts` each its own process, against the
 * suite's servers but in a database and task queue of its own: what a fuzzer writes (stage rules,
 * approvals, thousands of customers) stays out of the other suites' way.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { startProcess } from '../../stack/process.js';
import { API_KEY } from './api-harness.js';
import { type ApiProcess, startApiProcess } from './api-process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface FuzzStack {
  baseUrl: string;
  /** Where the API process writes its log (what a 500 logs). */
  apiLog: string;
  stop(): Promise<void>;
}

export async function startFuzzStack(name: string): Promise<FuzzStack> {
  const logDir = mkdtempSync(join(tmpdir(), `tideway-${name}-`));
  const env = {
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: name,
    MONGODB_URI: inject('mongodbUri').replace(/\/[^/]*$/, `/${name}`),
    SMTP_URL: inject('smtpUrl'),
    TIDEWAY_API_KEY: API_KEY,
  };
  const worker = startProcess({ name: 'worker', command: process.execPath, args: ['--import', 'tsx', 'worker/main.ts'], cwd: root, env, logFile: join(logDir, 'worker.log') });
  let api: ApiProcess;
  try {
    api = await startApiProcess(env, logDir);
  } catch (error) {
    await worker.stop();
    throw error;
  }
  return {
    baseUrl: api.baseUrl,
    apiLog: api.proc.logFile,
    stop: async () => {
      await Promise.all([worker.stop(), api.proc.stop()]);
    },
  };
}
