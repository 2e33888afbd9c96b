import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const logs = mkdtempSync(join(tmpdir(), 'tideway-worker-'));

/** `worker/main.ts` as its own process and process group, against the suite's servers; `env` adds to its configuration. */
export function startWorkerProcess(name: string, taskQueue: string, env: Record<string, string>): ChildProcess {
  const log = openSync(join(logs, `${name}.log`), 'a');
  return spawn(join(root, 'node_modules/.bin/tsx'), ['worker/main.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: taskQueue,
      MONGODB_URI: inject('mongodbUri'),
      SMTP_URL: inject('smtpUrl'),
      ...env,
    },
  });
}

/** SIGKILL for the worker and everything it started: no shutdown, as when a machine dies. */
export function killHard(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
}
