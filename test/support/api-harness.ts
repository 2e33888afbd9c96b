import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMailer } from '../../worker/mailer.js';
import { inject } from 'vitest';
import type { ActivityDeps } from '../../activities/index.js';
import { createApp } from '../../api/app.js';
import { loadHealthModel } from '../../config/health-model.js';
import { NO_SEND_LIMITS } from '../../domain/send-policy.js';
import { JourneyRunner } from '../../temporal/journey-runner.js';
import { journeys, templates } from '../../journeys/index.js';
import { connectStore, disconnectStore } from '../../store/connection.js';
import { createWorkers, type WorkerOptions } from '../../worker/create-worker.js';
import { TRACING_OFF, type Tracing } from '../../telemetry/tracing.js';

export const API_KEY = 'test-key-0123456789abcdef';

/** The whole of Tideway (worker + API) in this process, against the real servers the global setup started. */
export interface Harness {
  baseUrl: string;
  client: Client;
  taskQueue: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; type: string; body: any }>;
  close(): Promise<void>;
}

/**
 * `deps` replace the worker's defaults, e.g. a CRM stage webhook; `sendRates` limit each channel's task queue;
 * `temporalAddress` is another Temporal server than the stack's (e.g. a time-skipping test server);
 * `tracing` wires the client and worker as the API's and worker's main do.
 */
export async function startHarness(taskQueue: string, deps: Partial<ActivityDeps> = {}, sendRates?: WorkerOptions['sendRates'], temporalAddress = inject('temporalAddress'), tracing: Tracing = TRACING_OFF): Promise<Harness> {
  await connectStore(inject('mongodbUri'));
  const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, interceptors: tracing.clientInterceptors });
  const mailer = createMailer(inject('smtpUrl'));
  const worker = await createWorkers({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    deps: {
      mailer,
      from: 'Tideway <hello@tideway.test>',
      templates,
      templateDefaults: { brand: 'Tideway', handbookUrl: 'http://tideway.test/handbook', surveyUrl: 'http://tideway.test/survey', couponUrl: 'http://tideway.test/coupon' },
      webhooks: {},
      webhookSecret: '',
      runner: new JourneyRunner(client, taskQueue),
      journeys,
      healthModel: loadHealthModel(),
      // Suites about other things must not depend on the time of day: quiet hours and caps have their own.
      sendPolicy: NO_SEND_LIMITS,
      ...deps,
    },
    sendRates,
    tracing,
  });
  const workerDone = worker.run();
  const server: Server = await new Promise((resolve) => {
    const s = createApp({ temporal: client, taskQueue, apiKeys: [API_KEY], log: (line) => console.error(line) }).listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    client,
    taskQueue,
    call: (method, path, body, headers) => callApi(baseUrl, method, path, body, headers),
    async close() {
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await workerDone;
      mailer.close();
      await Promise.all([connection.close(), nativeConnection.close()]);
      await disconnectStore();
    },
  };
}

export async function callApi(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}
