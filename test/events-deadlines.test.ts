import { Client, Connection } from '@temporalio/client';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import { lifecycleWorkflowId } from '../domain/workflow-ids.js';
import { type FerretDbServer, startFerretDb } from '../stack/ferretdb-server.js';
import { startTemporalServer, type TemporalServer } from '../stack/temporal-server.js';
import { connectStore, disconnectStore, STORE_DEADLINE_MS } from '../store/connection.js';
import { EventModel } from '../store/models/event.js';
import { PendingHandoffModel } from '../store/models/pending-handoff.js';
import { API_KEY } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { childWith, whilePaused } from './support/pause-process.js';

/** The API's deadline for one call to Temporal (temporal/journey-runner.ts). */
const TEMPORAL_DEADLINE_MS = 5_000;
/** What the API may take beyond a deadline to answer. */
const SLACK_MS = 1_500;

// A store and a Temporal server of this suite's own, so pausing them stops nobody else's tests.
let store: FerretDbServer;
let temporal: TemporalServer;
let connection: Connection;
let server: Server;
let baseUrl: string;
const unique = Date.now().toString(36);

beforeAll(async () => {
  [store, temporal] = await Promise.all([startFerretDb(), startTemporalServer({ headless: true })]);
  await connectStore(store.mongodbUri);
  connection = await Connection.connect({ address: temporal.address });
  const app = createApp({ temporal: new Client({ connection }), taskQueue: `deadlines-${unique}`, apiKeys: [API_KEY], log: () => {}, handoffSweepMs: 1_000 });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await connection?.close();
  await disconnectStore();
  await Promise.all([store?.stop(), temporal?.stop()]);
});

async function post(path: string, body: unknown) {
  const started = Date.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), type: response.headers.get('content-type'), body: await response.json(), ms: Date.now() - started };
}

const accepted = (path: string, body: unknown) =>
  eventually(() => post(path, body), (r) => r.status === 202, { timeoutMs: 20_000, intervalMs: 500, what: `${path} accepted again` });

/**
 * Sends an event and a batch while the process is stopped: each must be a 503 with Retry-After within
 * `deadlineMs`. Once it runs again, the same requests are accepted. Returns the customer they were for.
 */
async function refusedWhilePausedThenAccepted(what: string, pid: number, deadlineMs: number): Promise<string> {
  const customerId = `${what}-paused-${unique}`;
  const event = { eventId: `${customerId}-single`, customerId, type: 'newsletter.opened' };
  const events = [1, 2].map((n) => ({ eventId: `${customerId}-batch-${n}`, customerId, type: 'newsletter.opened' }));
  const [one, many] = await whilePaused(pid, async () => [await post('/v1/events', event), await post('/v1/events:batch', { events })]);
  console.log(`${what} paused: POST /v1/events answered ${one.status} in ${one.ms} ms, POST /v1/events:batch ${many.status} in ${many.ms} ms`);
  for (const answer of [one, many]) {
    expect(answer).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^\d+$/), type: expect.stringContaining('application/problem+json') });
    expect(answer.ms).toBeLessThan(deadlineMs + SLACK_MS);
  }

  expect((await accepted('/v1/events', event)).body).toEqual({ eventId: event.eventId, status: 'accepted', customerId });
  const batch = await accepted('/v1/events:batch', { events });
  expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
  return customerId;
}

describe('a slow or stopped dependency gets a 503 with Retry-After within the deadline, never a hang', () => {
  it('store paused: 503 within the store deadline; after it resumes the same requests are accepted', async () => {
    await refusedWhilePausedThenAccepted('store', childWith(`127.0.0.1:${store.port}`), STORE_DEADLINE_MS);
  });

  it('Temporal paused: 503 within the Temporal deadline; after it resumes the stored events are handed over', async () => {
    const customerId = await refusedWhilePausedThenAccepted('temporal', childWith(String(temporal.port)), TEMPORAL_DEADLINE_MS);
    // No worker serves this suite's queue: the lifecycle was started, and waits with the events for one.
    const lifecycle = await new Client({ connection }).workflow.getHandle(lifecycleWorkflowId(customerId)).describe();
    expect(lifecycle.status.name).toBe('RUNNING');
  });

  it('an event stored before a 503 and never sent again is handed over by the API itself once Temporal is back', async () => {
    const customerId = `forgotten-${unique}`;
    const event = { eventId: `${customerId}-1`, customerId, type: 'newsletter.opened' };
    const answer = await whilePaused(childWith(String(temporal.port)), () => post('/v1/events', event));
    expect(answer.status).toBe(503);
    expect(await EventModel.exists({ _id: event.eventId })).toBeTruthy();
    // The client gives up. The API's own sweep hands the stored event to the customer's lifecycle.
    const handle = new Client({ connection }).workflow.getHandle(lifecycleWorkflowId(customerId));
    const signalled = async () =>
      ((await handle.fetchHistory()).events ?? [])
        .filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'customerEvent')
        .map((e) => JSON.parse(Buffer.from(e.workflowExecutionSignaledEventAttributes!.input!.payloads![0]!.data!).toString()).eventId);
    await eventually(signalled, (ids) => ids.includes(event.eventId), { timeoutMs: 20_000, intervalMs: 500, what: 'the event signalled to the lifecycle' });
    expect(await PendingHandoffModel.exists({ _id: event.eventId })).toBeFalsy();
  });
});
