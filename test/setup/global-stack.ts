import type { TestProject } from 'vitest/node';
import { buildConsole } from '../../console/build.js';
import { startFerretDb } from '../../stack/ferretdb-server.js';
import { startMailSink } from '../../stack/mail-sink.js';
import { startTemporalServer } from '../../stack/temporal-server.js';
import { ensureTools } from '../../stack/tools.js';

/** Starts the real servers once for every suite, on free ports, and stops them after. */
export default async function setup(project: TestProject) {
  const log = (line: string) => console.log(`[stack] ${line}`);
  const tools = await ensureTools(log);
  const started = Date.now();
  const [temporal, store, mail, built] = await Promise.all([
    startTemporalServer({ bin: tools.temporal, headless: true }),
    startFerretDb({ bin: tools.ferretdb }),
    startMailSink({ bin: tools.maildev }),
    // The API serves the console from its build; the console suites click through it. A console that
    // does not build fails those suites (the API answers 503), not every other one.
    buildConsole().catch((error: Error) => error),
  ]);
  log(built instanceof Error ? `THE CONSOLE DID NOT BUILD: ${built.message}` : `console built in ${built.ms} ms (first load ${Math.round(built.firstLoad.gzipBytes / 1024)} KiB gzipped)`);
  log(`Temporal ${temporal.address}, FerretDB ${store.mongodbUri}, mail sink ${mail.webUrl} up in ${Date.now() - started} ms`);

  project.provide('testServerPath', tools.testServer);
  project.provide('temporalAddress', temporal.address);
  project.provide('mongodbUri', store.mongodbUri);
  project.provide('smtpUrl', mail.smtpUrl);
  project.provide('mailSinkUrl', mail.webUrl);

  return async () => {
    await Promise.all([temporal.stop(), store.stop(), mail.stop()]);
  };
}
