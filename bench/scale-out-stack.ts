/**
 * The scale-out stack: the servers, one API and N worker processes on one task queue, each worker its
 * own process group with its own log, as on machines of their own. A worker's Temporal identity is
 * `<pid>@<host>`, so the histories name the process that did the work.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import type { ManagedProcess } from '../stack/process.js';
import { httpAnswers, waitUntilReady } from '../stack/readiness.js';
import { pause, progress } from './progress.js';
import type { ScaleOutOptions } from './scale-out-args.js';
import { type BenchServers, startServers } from './servers.js';
import { firstExited } from './stack.js';

/** What worker/main.ts logs once it polls all its task queues (a poller list shows only one partition's pollers). */
const POLLING = 'worker: polling task queues';

export interface ScaleOutWorker {
  name: string;
  proc: ManagedProcess;
  identity: string;
  killedAt?: number;
}

export interface ScaleOutStack {
  servers: BenchServers;
  client: Client;
  workers: ScaleOutWorker[];
  /** A worker (not one the bench killed) or the API that exited, for an error message. */
  crashed(): string | undefined;
  /** SIGKILL to the worker's process group: no shutdown, as when its machine dies. */
  killHard(worker: ScaleOutWorker): void;
  stop(): Promise<void>;
}

export async function startScaleOutStack(opts: ScaleOutOptions, logDir: string): Promise<ScaleOutStack> {
  const servers = await startServers(opts, logDir);
  const connection = await Connection.connect({ address: servers.temporalAddress }).catch(async (error) => {
    await servers.stop();
    throw error;
  });
  const stop = async () => {
    await connection.close().catch(() => {});
    await servers.stop();
  };
  try {
    progress(`starting the API and ${opts.workers} workers (${opts.emailPerSecond} emails/s on the email task queue)`);
    const api = servers.startApp('api', 'api/main.ts');
    const workers = Array.from({ length: opts.workers }, (_, i): ScaleOutWorker => {
      const proc = servers.startApp(`worker-${i + 1}`, 'worker/main.ts', { detached: true, env: { LOG_LEVEL: 'info' } });
      return { name: `worker-${i + 1}`, proc, identity: `${proc.pid}@${os.hostname()}` };
    });
    const alive = () => firstExited([api, ...workers.filter((w) => w.killedAt === undefined).map((w) => w.proc)]);
    await waitUntilReady(api, `${servers.apiUrl}/readyz`, () => httpAnswers(`${servers.apiUrl}/readyz`), { timeoutMs: 180_000, intervalMs: 500 });
    const deadline = Date.now() + 240_000; // N workers bundle their workflows at once on few cores
    for (let poll = 0; ; poll++) {
      const dead = alive();
      if (dead) throw new Error(dead);
      const waiting = workers.filter((w) => !readFileSync(w.proc.logFile, 'utf8').includes(POLLING));
      if (waiting.length === 0) break;
      if (Date.now() > deadline) throw new Error(`not polling after 240 s: ${waiting.map((w) => `${w.name} (${w.proc.logFile})`).join(', ')}`);
      if (poll % 20 === 19) progress(`  waiting for ${waiting.map((w) => w.name).join(', ')} to poll`);
      await pause(500);
    }
    const killHard = (worker: ScaleOutWorker) => {
      worker.killedAt = Date.now();
      process.kill(-worker.proc.pid!, 'SIGKILL');
    };
    return { servers, client: new Client({ connection, namespace: opts.namespace }), workers, crashed: alive, killHard, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
