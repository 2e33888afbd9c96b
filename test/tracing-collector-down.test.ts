/**
 * A collector that takes the connection and never answers: spans wait in the background queue while
 * the event is accepted and its email sent, and shutting down gives up on them within its bound.
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SHUTDOWN_TIMEOUT_MS, startTracing, type Tracing } from '../telemetry/tracing.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';

const unique = Date.now().toString(36);
const customerId = `untraced-${unique}`;
const email = `untraced-${unique}@example.com`;
const held: Socket[] = [];
const blackHole = createServer((socket) => held.push(socket));
let tracing: Tracing;
let api: Harness;

beforeAll(async () => {
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  tracing = startTracing({ serviceName: 'tideway-test', endpoint: `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}` });
  api = await startHarness(`collector-down-${unique}`, {}, undefined, undefined, tracing);
});
afterAll(async () => {
  await api?.close();
  for (const socket of held) socket.destroy();
  blackHole.close();
});

describe('a trace collector that does not answer', () => {
  it('holds up neither the event nor its email, and shutting down gives up on it in time', async () => {
    await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada', locale: 'en' });
    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in', source: 'signup-form' });
    void tracing.flush().catch(() => {});
    await eventually(async () => held.length, (connections) => connections > 0, { what: 'an export hanging on the collector' });

    const registered = await api.call('POST', '/v1/events', { eventId: `${customerId}-registered`, customerId, type: 'customer.registered' });
    expect(registered.status).toBe(202);
    await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length > 0, { what: 'the welcome email', timeoutMs: 60_000 });

    const stopping = Date.now();
    await tracing.shutdown();
    expect(Date.now() - stopping).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1_000);
  });
});
