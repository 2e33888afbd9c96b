/**
 * The stack under test: the bench starts its own (Temporal dev server, FerretDB, maildev, then the
 * worker and the API as child processes, like `npm start`) on free ports in temp folders, or attaches
 * to a running one named on the command line. `stop()` stops whatever it started.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFerretDb } from '../stack/ferretdb-server.js';
import { startMailSink } from '../stack/mail-sink.js';
import { freePort } from '../stack/ports.js';
import { startProcess, type ManagedProcess } from '../stack/process.js';
import { httpAnswers, waitUntilReady } from '../stack/readiness.js';
import { makeTempDir } from '../stack/temp-dir.js';
import { startTemporalServer } from '../stack/temporal-server.js';
import { ensureTools } from '../stack/tools.js';
import { workerPolls } from '../stack/worker-ready.js';
import type { BenchOptions } from './args.js';
import { progress } from './progress.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

/** No quiet hours and no caps (domain/send-policy.ts NO_SEND_LIMITS), so the time of day changes nothing. */
const NO_SEND_LIMITS = { quietHours: null, defaultTimezone: 'UTC', caps: { email: [], sms: [] } };

export function attachStack(attach: NonNullable<BenchOptions['attach']>): BenchStack {
  return { apiUrl: attach.api, apiKey: attach.key, temporalAddress: attach.temporal, mailUrl: attach.mail, workerPid: attach.workerPid, crashed: () => undefined, stop: async () => {} };
}

/** Starts the stack; the servers log into `logDir` (kept after the run, for evidence). */
export async function startStack(opts: BenchOptions, logDir: string): Promise<BenchStack> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.splice(0).reverse()) await fn().catch(() => {});
  };
  try {
    const tools = await ensureTools((line) => progress(`  ${line}`));
    const work = makeTempDir('tideway-bench-');
    stops.push(async () => work.remove());
    progress(`starting Temporal, FerretDB and maildev (logs in ${logDir})`);
    const [temporal, store, mail] = await Promise.all([
      startTemporalServer({ bin: tools.temporal, headless: true, logFile: path.join(logDir, 'temporal.log') }),
      startFerretDb({ bin: tools.ferretdb, logFile: path.join(logDir, 'ferretdb.log') }),
      startMailSink({ bin: tools.maildev, logFile: path.join(logDir, 'maildev.log') }),
    ]);
    stops.push(temporal.stop, store.stop, mail.stop);

    const policyFile = path.join(work.path, 'send-policy.json');
    writeFileSync(policyFile, JSON.stringify(NO_SEND_LIMITS));
    const apiKey = `bench-${randomBytes(16).toString('hex')}`;
    const port = await freePort();
    const env = {
      TEMPORAL_ADDRESS: temporal.address,
      MONGODB_URI: store.mongodbUri,
      SMTP_URL: mail.smtpUrl,
      TIDEWAY_API_KEY: apiKey,
      PORT: String(port),
      HOST: '127.0.0.1',
      TIDEWAY_PUBLIC_URL: `http://127.0.0.1:${port}`,
      TIDEWAY_SEND_POLICY: policyFile,
      TIDEWAY_EMAIL_PER_SECOND: String(opts.emailPerSecond),
      TEMPORAL_NAMESPACE: opts.namespace,
      TEMPORAL_TASK_QUEUE: opts.taskQueue,
    };
    const children: ManagedProcess[] = [];
    const tsx = (name: string, entry: string): ManagedProcess => {
      const proc = startProcess({ name, command: process.execPath, args: ['--import', 'tsx', entry], cwd: root, env, logFile: path.join(logDir, `${name}.log`) });
      children.push(proc);
      stops.push(() => proc.stop(10_000));
      return proc;
    };
    progress('starting the worker and the API');
    const worker = tsx('worker', 'worker/main.ts');
    const api = tsx('api', 'api/main.ts');
    const apiUrl = `http://127.0.0.1:${port}`;
    const ready = { timeoutMs: 120_000, intervalMs: 500 };
    await Promise.all([
      waitUntilReady(api, `${apiUrl}/readyz`, () => httpAnswers(`${apiUrl}/readyz`), ready),
      waitUntilReady(worker, `a poller on task queue ${opts.taskQueue}`, () => workerPolls(temporal.address, opts.namespace, opts.taskQueue), ready),
    ]);
    const crashed = () => {
      const dead = children.find((proc) => proc.exit());
      if (!dead) return undefined;
      const exit = dead.exit()!;
      return `${dead.name} exited (${exit.signal ?? `code ${exit.code}`}); see ${dead.logFile}`;
    };
    return { apiUrl, apiKey, temporalAddress: temporal.address, mailUrl: mail.webUrl, workerPid: worker.pid, logDir, crashed, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
