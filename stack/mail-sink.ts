/**
 * Starts the maildev mail sink: an SMTP server that keeps every message, a web page to read
 * them, and a REST API (`GET /email`, `DELETE /email/all`) for tests.
 */
import path from 'node:path';
import { assertPortFree, freePort } from './ports.js';
import { defaultLogFile, startProcess, type ProcessExit } from './process.js';
import { httpAnswers, tcpAccepts, waitUntilReady } from './readiness.js';
import { makeTempDir } from './temp-dir.js';
import { ensureTool } from './tools.js';

/** Options of {@link startMailSink}; all optional. */
export interface MailSinkOptions {
  /** The maildev executable (default: `ensureTool('maildev')`). */
  bin?: string;
  /** Address to bind SMTP and web (default `127.0.0.1`). */
  host?: string;
  /** SMTP port (default: a free port). */
  smtpPort?: number;
  /** Web page and REST API port (default: a free port). */
  webPort?: number;
  /** Folder where maildev keeps messages (default: a temp folder deleted on stop). */
  mailDirectory?: string;
  /** Server output goes here (default: `<tmpdir>/tideway/maildev-<smtpPort>.log`). */
  logFile?: string;
  /** How long to wait for readiness (default 30 s). */
  timeoutMs?: number;
}

/** A running mail sink. */
export interface MailSink {
  smtpPort: number;
  webPort: number;
  /** `smtp://host:port`, for nodemailer's `createTransport(url)`. */
  smtpUrl: string;
  /** The web page; the REST API is under it (`/email`). */
  webUrl: string;
  logFile: string;
  /** Resolves when the server process ends, stopped or not. */
  exited: Promise<ProcessExit>;
  stop(): Promise<void>;
}

/** Starts maildev and resolves once both SMTP and its REST API answer. */
export async function startMailSink(opts: MailSinkOptions = {}): Promise<MailSink> {
  const bin = opts.bin ?? (await ensureTool('maildev')).path;
  const host = opts.host ?? '127.0.0.1';
  const smtpPort = opts.smtpPort ?? (await freePort(host));
  let webPort = opts.webPort ?? (await freePort(host));
  while (opts.webPort === undefined && webPort === smtpPort) webPort = await freePort(host);
  await assertPortFree(smtpPort, host, 'maildev SMTP');
  await assertPortFree(webPort, host, 'maildev web');
  const webUrl = `http://${host}:${webPort}`;
  const temp = opts.mailDirectory === undefined ? makeTempDir('tideway-maildev-') : undefined;
  const mailDirectory = temp ? temp.path : path.resolve(opts.mailDirectory ?? '.');
  const proc = startProcess({
    name: 'maildev',
    command: bin,
    args: ['--smtp', String(smtpPort), '--web', String(webPort), '--ip', host, '--web-ip', host, '--mail-directory', mailDirectory],
    logFile: opts.logFile ?? defaultLogFile('maildev', smtpPort),
  });
  const wait = { timeoutMs: opts.timeoutMs };
  try {
    await waitUntilReady(proc, `SMTP on ${host}:${smtpPort}`, () => tcpAccepts(host, smtpPort), wait);
    await waitUntilReady(proc, `GET ${webUrl}/email`, () => httpAnswers(`${webUrl}/email`), wait);
  } catch (err) {
    temp?.remove();
    throw err;
  }
  return {
    smtpPort,
    webPort,
    smtpUrl: `smtp://${host}:${smtpPort}`,
    webUrl,
    logFile: proc.logFile,
    exited: proc.exited,
    stop: async () => {
      await proc.stop();
      temp?.remove();
    },
  };
}
