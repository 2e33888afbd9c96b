/**
 * `npm start`: takes the data folder's lock, ensures the tools, starts Temporal (with its UI), the
 * store, the mail sink, the worker and the API, prints where everything is, restarts the worker or
 * the API when one dies, and stops it all on Ctrl-C or when a server dies.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, listenUrl } from '../config/env.js';
import { buildConsole } from '../console/build.js';
import { localApiKey } from './api-key.js';
import { DataDirLockedError, lockDataDir } from './data-lock.js';
import { startFerretDb } from './ferretdb-server.js';
import { startMailSink } from './mail-sink.js';
import { makeOwnerOnly, OWNER_ONLY_UMASK } from './owner-only.js';
import { describeExit, startProcess, type ProcessExit } from './process.js';
import { httpAnswers, waitUntilReady } from './readiness.js';
import { startSettingsSchema } from './start-settings.js';
import { supervise } from './supervisor.js';
import { startTemporalServer } from './temporal-server.js';
import { ensureTools } from './tools.js';
import { workerPolls } from './worker-ready.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => console.log(`tideway: ${line}`);

const parsed = startSettingsSchema.safeParse(process.env);
if (!parsed.success) {
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
const settings = parsed.data;
const dataDir = path.resolve(root, settings.TIDEWAY_DATA_DIR);
const logDir = path.join(dataDir, 'logs');
/** A path as the console shows it: relative when inside the project. */
const shown = (file: string) => (path.relative(root, file).startsWith('..') ? file : path.relative(root, file));

mkdirSync(dataDir, { recursive: true, mode: 0o700 });
try {
  lockDataDir(dataDir);
} catch (error) {
  if (!(error instanceof DataDirLockedError)) throw error;
  console.error(`tideway: cannot start: ${error.message}`);
  process.exit(1);
}
makeOwnerOnly(dataDir);
mkdirSync(logDir, { recursive: true, mode: 0o700 });

const stops: (() => Promise<void>)[] = [];
const shutdown = new AbortController();
async function stopAll(code: number): Promise<never> {
  if (!shutdown.signal.aborted) {
    shutdown.abort();
    log('stopping…');
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll(0));

/** A dead server is not restarted (its death points at its data or the machine, which a restart would hide): all stops, naming its log. */
const stopWhenDead = (name: string, server: { exited: Promise<ProcessExit>; logFile: string }) =>
  void server.exited.then((exit) => {
    if (shutdown.signal.aborted) return;
    log(`${name} stopped unexpectedly (${describeExit(exit)}); stopping everything; see ${server.logFile}`);
    void stopAll(1);
  });

try {
  log('checking tools (the first run builds them: several minutes)');
  const tools = await ensureTools((line) => log(`  ${line}`));
  const host = settings.HOST;
  process.umask(OWNER_ONLY_UMASK); // the servers' files and the logs: for this user only

  log('starting Temporal, the store and the mail sink; building the console');
  const [temporal, store, mail] = await Promise.all([
    startTemporalServer({
      bin: tools.temporal,
      host,
      port: settings.TEMPORAL_PORT,
      uiPort: settings.TEMPORAL_UI_PORT,
      dbFile: path.join(dataDir, 'temporal.db'),
      logFile: path.join(logDir, 'temporal.log'),
    }),
    settings.MONGODB_URI
      ? undefined
      : startFerretDb({ bin: tools.ferretdb, host, port: settings.STORE_PORT, dataDir: path.join(dataDir, 'ferretdb'), logFile: path.join(logDir, 'ferretdb.log') }),
    startMailSink({ bin: tools.maildev, host, smtpPort: settings.SMTP_PORT, webPort: settings.MAIL_WEB_PORT, logFile: path.join(logDir, 'maildev.log') }),
    buildConsole(),
  ]);
  stops.push(temporal.stop);
  stopWhenDead('Temporal', temporal);
  if (store) {
    stops.push(store.stop);
    stopWhenDead('the store (FerretDB)', store);
  }
  stops.push(mail.stop);
  stopWhenDead('the mail sink', mail);

  const key = settings.TIDEWAY_API_KEY.length > 0 ? undefined : localApiKey(dataDir);
  const env = {
    TEMPORAL_ADDRESS: temporal.address,
    ...(temporal.uiUrl ? { TEMPORAL_UI_URL: temporal.uiUrl } : {}),
    MONGODB_URI: settings.MONGODB_URI ?? store!.mongodbUri,
    SMTP_URL: mail.smtpUrl,
    ...(key ? { TIDEWAY_API_KEY: key.key } : {}),
    // The worker's metrics where the rest listens, not on every interface (its default, for containers).
    TIDEWAY_WORKER_METRICS_ADDRESS: process.env.TIDEWAY_WORKER_METRICS_ADDRESS ?? `${isIPv6(host) ? `[${host}]` : isIPv4(host) ? host : '127.0.0.1'}:9464`,
  };
  const tsx = (name: string, entry: string) => () =>
    startProcess({ name, command: process.execPath, args: ['--import', 'tsx', entry], cwd: root, env, logFile: path.join(logDir, `${name}.log`) });
  const startWorker = tsx('worker', 'worker/main.ts');
  const startApi = tsx('api', 'api/main.ts');
  log('starting the worker and the API');
  const worker = startWorker();
  const api = startApi();
  let running: { stop(graceMs?: number): Promise<void> }[] = [worker, api];
  stops.push(async () => void (await Promise.all(running.map((proc) => proc.stop(10_000)))));
  const apiUrl = listenUrl(host, settings.PORT);
  const ready = { timeoutMs: 120_000, intervalMs: 500 };
  await Promise.all([
    waitUntilReady(api, `${apiUrl}/readyz`, () => httpAnswers(`${apiUrl}/readyz`), ready),
    waitUntilReady(worker, `a poller on task queue ${settings.TEMPORAL_TASK_QUEUE}`, () =>
      workerPolls(temporal.address, settings.TEMPORAL_NAMESPACE, settings.TEMPORAL_TASK_QUEUE), ready),
  ]);
  // Both came up once, so their configuration is good: from now on a death is a crash, and they come back.
  running = [supervise(worker, { restart: startWorker, log, shutdown: shutdown.signal }), supervise(api, { restart: startApi, log, shutdown: shutdown.signal })];

  console.log(`
Tideway is running.

  Console       ${apiUrl}/console/   (first admin: npm run users -- add <name> --role admin)
  API           ${apiUrl}   (OpenAPI: ${apiUrl}/openapi.json)
  Metrics       ${apiUrl}/metrics, ${env.TIDEWAY_WORKER_METRICS_ADDRESS === 'off' ? 'worker: off' : `worker: http://${env.TIDEWAY_WORKER_METRICS_ADDRESS}/metrics`}
  API key       ${key ? `${key.key}   (kept in ${shown(key.file)})` : 'from TIDEWAY_API_KEY'}
  Public links  ${settings.TIDEWAY_PUBLIC_URL ?? apiUrl}   (unsubscribe links in emails)
  Temporal UI   ${temporal.uiUrl}
  Temporal      ${temporal.address}
  Mail sink     ${mail.webUrl}
  Store         ${env.MONGODB_URI}${store ? '' : '   (MONGODB_URI)'}
  Data          ${shown(dataDir)}/   (locked by pid ${process.pid}; logs in ${shown(logDir)}/)

Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`tideway: could not start: ${(error as Error).message ?? error}`);
  await stopAll(1);
}
