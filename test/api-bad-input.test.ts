import { Client, Connection } from '@temporalio/client';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import { journeyWorkflowId } from '../temporal/journey-runner.js';
import { EventModel } from '../store/models/event.js';
import { CustomerId } from '../workflows/search-attributes.js';
import { eventually } from './support/eventually.js';
import { API_KEY, callApi, type Harness, startHarness } from './support/api-harness.js';

let api: Harness;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`e2e-input-${unique}`);
});

afterAll(async () => {
  await api?.close();
});

describe('bad input gets a clear 4xx and changes nothing', () => {
  it('401 without an API key or with a wrong one', async () => {
    const none = await fetch(`${api.baseUrl}/v1/customers/x`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    const wrong = await api.call('GET', '/v1/customers/x', undefined, { authorization: 'Bearer not-the-key' });
    expect(wrong.status).toBe(401);
  });

  it('400 naming each bad field of a malformed event, and nothing recorded', async () => {
    const eventId = `bad-${unique}`;
    const response = await api.call('POST', '/v1/events', { eventId, customerId: '', type: 'Not A Type', occurredAt: 'yesterday', extra: 1 });
    expect(response.status).toBe(400);
    expect(response.type).toContain('application/problem+json');
    const paths = response.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['customerId', 'type', 'occurredAt']));
    expect(response.body.errors.some((e: { code: string }) => e.code === 'unrecognized_keys')).toBe(true);
    expect(await EventModel.countDocuments({ eventId })).toBe(0);
  });

  it('400 for a body that is not JSON', async () => {
    const response = await api.call('POST', '/v1/events', '{not json');
    expect(response.status).toBe(400);
    expect(response.body.title).toBe('Invalid JSON');
  });

  it('400 for a stage that does not exist; 404 for an unknown customer', async () => {
    const customerId = `stage-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { name: 'Stage Test' });
    const bad = await api.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'sleepy', reason: 'test' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('stage');
    expect((await api.call('GET', `/v1/customers/${customerId}`)).body.stage).toBeNull();
    const unknown = await api.call('POST', `/v1/customers/nobody-${unique}/stage`, { stage: 'new', reason: 'test' });
    expect(unknown.status).toBe(404);
  });

  it('400 for a malformed profile: bad email, phone and time zone', async () => {
    const response = await api.call('PUT', `/v1/customers/profile-${unique}`, { email: 'nope', phone: '12345', timezone: 'Mars/Base' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'phone', 'timezone']);
    expect((await api.call('GET', `/v1/customers/profile-${unique}`)).status).toBe(404);
  });
});

describe('a dependency that is down', () => {
  it('answers 503 when Temporal is unreachable, and the retried event is then acted on once', async () => {
    const deadTemporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const server: Server = await new Promise((resolve) => {
      const s = createApp({ temporal: deadTemporal, taskQueue: api.taskQueue, apiKeys: [API_KEY], log: () => {} }).listen(0, '127.0.0.1', () =>
        resolve(s),
      );
    });
    const downUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const customerId = `down-${unique}`;
    const event = { eventId: `down-${unique}`, customerId, type: 'customer.registered' };
    try {
      const started = Date.now();
      const refused = await callApi(downUrl, 'POST', '/v1/events', event);
      expect(refused.status).toBe(503);
      expect(refused.type).toContain('application/problem+json');
      expect(Date.now() - started).toBeLessThan(15_000);
      expect((await callApi(downUrl, 'GET', '/readyz')).status).toBe(503);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }

    const retried = await api.call('POST', '/v1/events', event);
    expect(retried.body.status).toBe('accepted');
    const described = await eventually(
      () => api.client.workflow.getHandle(journeyWorkflowId('welcome', customerId)).describe(),
      (d) => d.status.name === 'RUNNING',
      { what: 'the welcome run started by the retried event' },
    );
    expect(described.typedSearchAttributes.get(CustomerId)).toBe(customerId);
    // Applied by the lifecycle (once), the same event is a duplicate.
    await eventually(() => api.call('POST', '/v1/events', event), (r) => r.body.status === 'duplicate', { what: 'the event reported applied' });
  });
});
