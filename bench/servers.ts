/**
 * The servers a bench starts for itself: Temporal dev server, FerretDB and maildev on free ports in
 * temp folders, and the environment the API and the workers it starts get to reach them.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NO_SEND_LIMITS } from '../domain/send-policy.js';
import { startFerretDb } from '../stack/ferretdb-server.js';
import { startMailSink } from '../stack/mail-sink.js';
import { freePort } from '../stack/ports.js';
import { type ManagedProcess, startProcess } from '../stack/process.js';
import { makeTempDir } from '../stack/temp-dir.js';
import { startTemporalServer } from '../stack/temporal-server.js';
import { ensureTools } from '../stack/tools.js';
import { progress } from './progress.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


export interface ServerSettings {
  emailPerSecond: number;
  namespace: string;
  taskQueue: string;
}

export interface BenchServers {
  temporalAddress: string;
  mongodbUri: string;
  mailUrl: string;
  apiKey: string;
  apiUrl: string;
  logDir: string;
  /** `api/main.ts` or `worker/main.ts` under tsx, one process (its pid is the worker's identity), logging to `<logDir>/<name>.log`. */
  startApp(name: string, entry: string, opts?: { detached?: boolean; env?: Record<string, string> }): ManagedProcess;
  /** Stops every app started and then the servers, last started first. */
  stop(): Promise<void>;
}

/** Starts the servers; they and the apps log into `logDir` (kept after the run, for evidence). */
export async function startServers(settings: ServerSettings, logDir: string): Promise<BenchServers> {
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
    writeFileSync(policyFile, JSON.stringify(NO_SEND_LIMITS)); // the time of day changes nothing
    const apiKey = `bench-${randomBytes(16).toString('hex')}`;
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const env = {
      TEMPORAL_ADDRESS: temporal.address,
      MONGODB_URI: store.mongodbUri,
      SMTP_URL: mail.smtpUrl,
      TIDEWAY_API_KEY: apiKey,
      PORT: String(port),
      HOST: '127.0.0.1',
      TIDEWAY_PUBLIC_URL: apiUrl,
      TIDEWAY_SEND_POLICY: policyFile,
      TIDEWAY_EMAIL_PER_SECOND: String(settings.emailPerSecond),
      TEMPORAL_NAMESPACE: settings.namespace,
      TEMPORAL_TASK_QUEUE: settings.taskQueue,
      // Several workers run on this one machine: none serves metrics (they would all want port 9464).
      TIDEWAY_WORKER_METRICS_ADDRESS: 'off',
    };
    const startApp: BenchServers['startApp'] = (name, entry, opts = {}) => {
      const logFile = path.join(logDir, `${name}.log`);
      const proc = startProcess({ name, command: process.execPath, args: ['--import', 'tsx', entry], cwd: root, env: { ...env, ...opts.env }, logFile, detached: opts.detached });
      stops.push(() => proc.stop(10_000));
      return proc;
    };
    return { temporalAddress: temporal.address, mongodbUri: store.mongodbUri, mailUrl: mail.webUrl, apiKey, apiUrl, logDir, startApp, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
