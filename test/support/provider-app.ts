import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppDeps, createApp } from '../../api/app.js';
import { API_KEY, type Harness } from './api-harness.js';

/** A second API on the harness's client and task queue, with the provider settings the harness leaves out. */
export async function listenProviderApp(api: Harness, deps: Pick<AppDeps, 'twilioWebhook' | 'emailFeedbackSecret'>): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const app = createApp({ temporal: api.client, taskQueue: api.taskQueue, apiKeys: [API_KEY], log: () => {}, ...deps });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
