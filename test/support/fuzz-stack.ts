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
import { freePort } from '../../stack/ports.js';
import { type ManagedProcess, startProcess } from '../../stack/process.js';
import { httpAnswers, waitUntilReady } from '../../stack/readiness.js';
import { API_KEY } from './api-harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface FuzzStack {
  baseUrl: string;
  /** Where the API process writes its log (what a 500 logs). */
  apiLog: string;
  stop(): Promise<void>;
}

export async function startFuzzStack(name: string): Promise<FuzzStack> {
  const logDir = mkdtempSync(join(tmpdir(), `tideway-${name}-`));
  const port = await freePort();
  const env = {
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: name,
    MONGODB_URI: inject('mongodbUri').replace(/\/[^/]*$/, `/${name}`),
    SMTP_URL: inject('smtpUrl'),
    TIDEWAY_API_KEY: API_KEY,
    HOST: '127.0.0.1',
    PORT: String(port),
  };
  const start = (what: string, main: string) =>
    startProcess({ name: what, command: process.execPath, args: ['--import', 'tsx', main], cwd: root, env, logFile: join(logDir, `${what}.log`) });
  const processes: ManagedProcess[] = [start('worker', 'worker/main.ts'), start('api', 'api/main.ts')];
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await Promise.all(processes.map((proc) => proc.stop()));
  };
  try {
    await waitUntilReady(processes[1]!, `${baseUrl}/readyz`, () => httpAnswers(`${baseUrl}/readyz`), { timeoutMs: 120_000, intervalMs: 500 });
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, apiLog: processes[1]!.logFile, stop };
}
