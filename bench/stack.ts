/**
 * The stack under test: the bench starts its own (Temporal dev server, FerretDB, maildev, then the
 * worker and the API as child processes, like `npm start`) on free ports in temp folders, or attaches
 * to a running one named on the command line. `stop()` stops whatever it started.
 */
import { type ManagedProcess } from '../stack/process.js';
import { httpAnswers, waitUntilReady } from '../stack/readiness.js';
import { workerPolls } from '../stack/worker-ready.js';
import type { BenchOptions } from './args.js';
import { progress } from './progress.js';
import { startServers } from './servers.js';

export interface BenchStack {
  apiUrl: string;
  apiKey: string;
  temporalAddress: string;
  mailUrl: string;
  /** The worker process, when the bench started it (or `--worker-pid` named it): for its RSS. */
  workerPid?: number;
  /** Where the bench's servers log, when it started them. */
  logDir?: string;
  /** Whether the worker or the API the bench started has exited; undefined while they run. */
  crashed(): string | undefined;
  stop(): Promise<void>;
}

export function attachStack(attach: NonNullable<BenchOptions['attach']>): BenchStack {
  return { apiUrl: attach.api, apiKey: attach.key, temporalAddress: attach.temporal, mailUrl: attach.mail, workerPid: attach.workerPid, crashed: () => undefined, stop: async () => {} };
}

/** Which of `children` has exited, for an error message; undefined while all run. */
export function firstExited(children: ManagedProcess[]): string | undefined {
  const dead = children.find((proc) => proc.exit());
  if (!dead) return undefined;
  const exit = dead.exit()!;
  return `${dead.name} exited (${exit.signal ?? `code ${exit.code}`}); see ${dead.logFile}`;
}

/** Starts the stack; the servers log into `logDir` (kept after the run, for evidence). */
export async function startStack(opts: BenchOptions, logDir: string): Promise<BenchStack> {
  const servers = await startServers(opts, logDir);
  try {
    progress('starting the worker and the API');
    const worker = servers.startApp('worker', 'worker/main.ts');
    const api = servers.startApp('api', 'api/main.ts');
    const { apiUrl } = servers;
    const ready = { timeoutMs: 120_000, intervalMs: 500 };
    await Promise.all([
      waitUntilReady(api, `${apiUrl}/readyz`, () => httpAnswers(`${apiUrl}/readyz`), ready),
      waitUntilReady(worker, `a poller on task queue ${opts.taskQueue}`, () => workerPolls(servers.temporalAddress, opts.namespace, opts.taskQueue), ready),
    ]);
    return {
      apiUrl, apiKey: servers.apiKey, temporalAddress: servers.temporalAddress, mailUrl: servers.mailUrl, workerPid: worker.pid, logDir,
      crashed: () => firstExited([worker, api]), stop: servers.stop,
    };
  } catch (error) {
    await servers.stop();
    throw error;
  }
}
