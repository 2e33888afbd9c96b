import { Client, Connection } from '@temporalio/client';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import { openApiDocument } from '../api/openapi.js';
import { lifecycleWorkflowId } from '../domain/workflow-ids.js';
import { EventModel } from '../store/models/event.js';
import { customerEventSignal, lifecycleStateQuery } from '../workflows/messages.js';
import { API_KEY, callApi, type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';

let api: Harness;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`e2e-batch-${unique}`);
});

afterAll(async () => {
  await api?.close();
});

const batch = (events: unknown[]) => api.call('POST', '/v1/events:batch', { events });
const lifecycle = (customerId: string) => api.client.workflow.getHandle(lifecycleWorkflowId(customerId));
const applied = (customerId: string) => lifecycle(customerId).query(lifecycleStateQuery).then((state) => state.eventsApplied);

/** The eventIds the customer's lifecycle received, in the order its history recorded the signals. */
async function signalledEventIds(customerId: string): Promise<string[]> {
  const history = await lifecycle(customerId).fetchHistory();
  return (history.events ?? []).flatMap((event) => {
    const signal = event.workflowExecutionSignaledEventAttributes;
    if (signal?.signalName !== customerEventSignal.name) return [];
    const payload = signal.input?.payloads?.[0]?.data;
    return payload ? [(JSON.parse(Buffer.from(payload).toString('utf8')) as { eventId: string }).eventId] : [];
  });
}

/** Waits until the lifecycle has applied `count` events, then a while longer to see it applies no more. */
async function appliesExactly(customerId: string, count: number): Promise<void> {
  await eventually(() => applied(customerId), (n) => n >= count, { what: `${customerId}'s lifecycle applying ${count} events` });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(await applied(customerId)).toBe(count);
}

describe('POST /v1/events:batch', () => {
  it('is in the OpenAPI document: up to 500 events, each the body of POST /v1/events, and a result per event', () => {
    const route = openApiDocument().paths['/v1/events:batch'].post;
    const body = route.requestBody.content['application/json'].schema as unknown as { properties: { events: { maxItems: number; items: unknown } } };
    expect(body.properties.events.maxItems).toBe(500);
    expect(body.properties.events.items).toEqual(openApiDocument().paths['/v1/events'].post.requestBody.content['application/json'].schema);
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['202', '400', '413', '503']));
  });

  it('routes /v1/events:batch to the batch, and /v1/events still takes one event', async () => {
    const customerId = `route-${unique}`;
    const one = await api.call('POST', '/v1/events', { eventId: `route-one-${unique}`, customerId, type: 'newsletter.opened' });
    expect(one).toMatchObject({ status: 202, body: { eventId: `route-one-${unique}`, status: 'accepted', customerId } });
    const many = await batch([{ eventId: `route-many-${unique}`, customerId, type: 'newsletter.opened' }]);
    expect(many).toMatchObject({ status: 202, body: { results: [{ index: 0, eventId: `route-many-${unique}`, status: 'accepted', customerId }] } });
    expect((await api.call('POST', '/v1/events:other', { events: [] })).status).toBe(404);
    await appliesExactly(customerId, 2);
  });

  it('answers per event, in request order: a malformed event is rejected alone, naming its fields', async () => {
    const customerId = `mixed-${unique}`;
    const email = `mixed-${unique}@example.com`;
    const response = await batch([
      { eventId: `mixed-1-${unique}`, customerId, type: 'customer.interacted' },
      { eventId: `mixed-2-${unique}`, customerId, type: 'Not A Type', extra: 1 },
      { identity: { kind: 'email', value: email }, type: 'newsletter.opened' },
      'not an event',
    ]);
    expect(response.status).toBe(202);
    const [first, bad, byIdentity, notAnObject] = response.body.results;
    expect(first).toEqual({ index: 0, eventId: `mixed-1-${unique}`, status: 'accepted', customerId });
    expect(bad).toMatchObject({ index: 1, status: 'rejected' });
    expect(bad.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['type']));
    expect(bad.errors.some((e: { code: string }) => e.code === 'unrecognized_keys')).toBe(true);
    // No eventId given: a random one, returned; an identity never seen makes a new customer.
    expect(byIdentity).toEqual({ index: 2, eventId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'accepted', customerId: expect.stringMatching(/^c-/) });
    expect(notAnObject).toMatchObject({ index: 3, status: 'rejected', errors: [{ path: '' }] });

    expect(await EventModel.countDocuments({ eventId: `mixed-2-${unique}` })).toBe(0);
    expect(await EventModel.findById(`mixed-1-${unique}`).lean()).toMatchObject({ eventId: `mixed-1-${unique}`, customerId, type: 'customer.interacted' });
    expect(await EventModel.findById(byIdentity.eventId).lean()).toMatchObject({ customerId: byIdentity.customerId, type: 'newsletter.opened' });
    await appliesExactly(customerId, 1);
    await appliesExactly(byIdentity.customerId, 1);
  });

  it('413 naming the limit for 501 events, 400 for a body that is not a batch; nothing stored', async () => {
    const events = Array.from({ length: 501 }, (_, k) => ({ eventId: `big-${k}-${unique}`, customerId: `big-${unique}`, type: 'newsletter.opened' }));
    const tooMany = await batch(events);
    expect(tooMany.status).toBe(413);
    expect(tooMany.type).toContain('application/problem+json');
    expect(tooMany.body).toMatchObject({ limit: 500, errors: [{ path: 'events' }] });
    expect(tooMany.body.detail).toContain('at most 500 events');
    expect(await EventModel.countDocuments({ eventId: `big-0-${unique}` })).toBe(0);

    const notBatches = [[], 'events', { events: {} }, { events: [] }, { events: [{ customerId: 'x', type: 'a.b' }], more: 1 }];
    const answers = await Promise.all(notBatches.map((body) => api.call('POST', '/v1/events:batch', body)));
    expect(answers.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    expect(answers.map((r) => r.type)).toEqual(Array(5).fill(expect.stringContaining('application/problem+json')));
    expect(answers[3]!.body.errors).toMatchObject([{ path: 'events' }]);
    // Over the API's 1 MB body limit: a 413 too, not a 500.
    const huge = await batch([{ customerId: `big-${unique}`, type: 'newsletter.opened', properties: { text: 'x'.repeat(1_100_000) } }]);
    expect(huge).toMatchObject({ status: 413, type: expect.stringContaining('application/problem+json'), body: { limit: 1_048_576 } });
    // 500 is the limit, not over it (all but one rejected, so the worker is not kept busy).
    const atLimit = await batch([events[0], ...events.slice(1, 500).map((event) => ({ ...event, type: 'Bad' }))]);
    expect(atLimit.status).toBe(202);
    expect(atLimit.body.results).toHaveLength(500);
    expect(atLimit.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', ...Array(499).fill('rejected')]);
    expect(atLimit.body.results.map((r: { index: number }) => r.index)).toEqual([...Array(500).keys()]);
    await appliesExactly(`big-${unique}`, 1);
  });

  it('the same eventId twice in a batch, and in two batches, is acted on once', async () => {
    const customerId = `twice-${unique}`;
    const order = (n: number) => ({ eventId: `twice-${n}-${unique}`, customerId, type: 'order.placed', properties: { orderTotal: 10 } });
    const first = await batch([order(1), order(1)]);
    expect(first.body.results).toEqual([
      { index: 0, eventId: `twice-1-${unique}`, status: 'accepted', customerId },
      { index: 1, eventId: `twice-1-${unique}`, status: 'duplicate', customerId },
    ]);
    // At once again, before the lifecycle may have applied it: handed over again, applied once.
    const again = await batch([order(1), order(2)]);
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual([expect.stringMatching(/^(accepted|duplicate)$/), 'accepted']);
    await appliesExactly(customerId, 2);
    expect((await lifecycle(customerId).query(lifecycleStateQuery)).facts).toMatchObject({ orders: 2, totalValue: 20 });
    // Once applied, the same eventId is a duplicate: nothing is handed over.
    const applied = await eventually(() => batch([order(1), order(2)]), (r) => r.body.results.every((x: { status: string }) => x.status === 'duplicate'), {
      what: 'both events reported applied',
    });
    expect(applied.body.results.map((r: { customerId: string }) => r.customerId)).toEqual([customerId, customerId]);
    await appliesExactly(customerId, 2);
  });

  it("hands a batch's events to each customer's lifecycle in the batch's order", async () => {
    const customers = ['a', 'b', 'c'].map((name) => `order-${name}-${unique}`);
    const events = Array.from({ length: 15 }, (_, k) => ({
      eventId: `order-${k}-${unique}`,
      customerId: customers[k % 3],
      type: k % 2 ? 'customer.interacted' : 'order.placed',
      properties: { orderTotal: k },
    }));
    const response = await batch(events);
    expect(response.body.results.map((r: { status: string }) => r.status)).toEqual(Array(15).fill('accepted'));
    for (const [c, customerId] of customers.entries()) {
      await appliesExactly(customerId, 5);
      const sent = events.filter((_, k) => k % 3 === c).map((event) => event.eventId);
      expect(await signalledEventIds(customerId)).toEqual(sent);
    }
  });

  it('answers 503 when Temporal is unreachable; the same batch sent again is then acted on once', async () => {
    const deadTemporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const server: Server = await new Promise((resolve) => {
      const s = createApp({ temporal: deadTemporal, taskQueue: api.taskQueue, apiKeys: [API_KEY], log: () => {} }).listen(0, '127.0.0.1', () => resolve(s));
    });
    const customerId = `down-${unique}`;
    const events = [1, 2].map((n) => ({ eventId: `down-${n}-${unique}`, customerId, type: 'order.placed', properties: { orderTotal: 5 } }));
    try {
      const started = Date.now();
      const refused = await callApi(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'POST', '/v1/events:batch', { events });
      expect(refused).toMatchObject({ status: 503, type: expect.stringContaining('application/problem+json') });
      expect(Date.now() - started).toBeLessThan(7_000);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // Stored, not handed over: the retry finds both and hands them over.
    const retried = await batch(events);
    expect(retried.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    await appliesExactly(customerId, 2);
    expect((await lifecycle(customerId).query(lifecycleStateQuery)).facts).toMatchObject({ orders: 2, totalValue: 10 });
  });
});
