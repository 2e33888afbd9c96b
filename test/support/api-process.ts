/** `api/main.ts` as its own process, against servers a suite names: a real API to pause its dependencies under. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../stack/ports.js';
import { type ManagedProcess, startProcess } from '../../stack/process.js';
import { httpAnswers, waitUntilReady } from '../../stack/readiness.js';
import { API_KEY } from './api-harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ApiProcess {
  baseUrl: string;
  proc: ManagedProcess;
}

/** Starts the API with `env` (TEMPORAL_ADDRESS, MONGODB_URI, TEMPORAL_TASK_QUEUE, …) and resolves once `/readyz` answers. */
export async function startApiProcess(env: Record<string, string>, logDir: string): Promise<ApiProcess> {
  const port = await freePort();
  const proc = startProcess({
    name: 'api',
    command: process.execPath,
    args: ['--import', 'tsx', 'api/main.ts'],
    cwd: root,
    env: { TIDEWAY_API_KEY: API_KEY, HOST: '127.0.0.1', PORT: String(port), ...env },
    logFile: join(logDir, 'api.log'),
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(proc, `${baseUrl}/readyz`, () => httpAnswers(`${baseUrl}/readyz`), { timeoutMs: 120_000, intervalMs: 500 });
  return { baseUrl, proc };
}
