/**
 * `npm start`: ensures the tools, starts Temporal (with its UI), the store, the mail sink, the
 * worker and the API, prints where everything is, and stops it all on Ctrl-C.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/env.js';
import { localApiKey } from './api-key.js';
import { startFerretDb } from './ferretdb-server.js';
import { startMailSink } from './mail-sink.js';
import { startProcess, type ManagedProcess } from './process.js';
import { httpAnswers, waitUntilReady } from './readiness.js';
import { startSettingsSchema } from './start-settings.js';
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
mkdirSync(logDir, { recursive: true });

const stops: (() => Promise<void>)[] = [];
let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('stopping…');
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll(0));

try {
  log('checking tools (the first run builds them: several minutes)');
  const tools = await ensureTools((line) => log(`  ${line}`));
  const host = settings.HOST;

  log('starting Temporal, the store and the mail sink');
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
  ]);
  stops.push(temporal.stop);
  if (store) stops.push(store.stop);
  stops.push(mail.stop);

  const key = settings.TIDEWAY_API_KEY.length > 0 ? undefined : localApiKey(dataDir);
  const env = {
    TEMPORAL_ADDRESS: temporal.address,
    MONGODB_URI: settings.MONGODB_URI ?? store!.mongodbUri,
    SMTP_URL: mail.smtpUrl,
    ...(key ? { TIDEWAY_API_KEY: key.key } : {}),
  };
  const tsx = (name: string, entry: string): ManagedProcess => {
    const proc = startProcess({ name, command: process.execPath, args: ['--import', 'tsx', entry], cwd: root, env, logFile: path.join(logDir, `${name}.log`) });
    stops.push(() => proc.stop(10_000));
    void proc.exited.then((exit) => {
      if (!stopping) {
        log(`${name} stopped unexpectedly (${exit.signal ?? `code ${exit.code}`}); see ${proc.logFile}`);
        void stopAll(1);
      }
    });
    return proc;
  };
  log('starting the worker and the API');
  const worker = tsx('worker', 'worker/main.ts');
  const api = tsx('api', 'api/main.ts');
  const apiUrl = `http://${host}:${settings.PORT}`;
  const ready = { timeoutMs: 120_000, intervalMs: 500 };
  await Promise.all([
    waitUntilReady(api, `${apiUrl}/readyz`, () => httpAnswers(`${apiUrl}/readyz`), ready),
    waitUntilReady(worker, `a poller on task queue ${settings.TEMPORAL_TASK_QUEUE}`, () =>
      workerPolls(temporal.address, settings.TEMPORAL_NAMESPACE, settings.TEMPORAL_TASK_QUEUE), ready),
  ]);

  console.log(`
Tideway is running.

  API           ${apiUrl}   (OpenAPI: ${apiUrl}/openapi.json)
  API key       ${key ? `${key.key}   (kept in ${path.relative(root, key.file)})` : 'from TIDEWAY_API_KEY'}
  Temporal UI   ${temporal.uiUrl}
  Temporal      ${temporal.address}
  Mail sink     ${mail.webUrl}
  Store         ${env.MONGODB_URI}${store ? '' : '   (MONGODB_URI)'}
  Logs          ${path.relative(root, logDir)}/

Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`tideway: could not start: ${(error as Error).message ?? error}`);
  await stopAll(1);
}
