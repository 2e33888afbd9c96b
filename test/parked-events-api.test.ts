import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerEvent } from '../domain/events.js';
import { MAX_EVENT_LEAD_MS } from '../domain/unappliable-events.js';
import { recordEvent } from '../store/events.js';
import { EventModel } from '../store/models/event.js';
import { JourneyRunner } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';

let api: Harness;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`parked-${unique}`);
});
afterAll(async () => {
  await api?.close();
});

/** Stores an event and hands it to its lifecycle as the API would, past the API's own checks (an event stored before them). */
async function deliverStored(event: CustomerEvent): Promise<void> {
  await recordEvent(event);
  await new JourneyRunner(api.client, api.taskQueue).deliverToLifecycle(event);
}

describe('parked events: listed for ops with the reason, and re-driven once the cause is gone', () => {
  it('an event dated past the lifecycle\'s window is parked, the next event applies, and a re-drive applies it once its time has come', async () => {
    const customerId = `parked-${unique}`;
    const leadMs = 15_000;
    const early: CustomerEvent = { eventId: `${customerId}-early`, customerId, type: 'customer.interacted', occurredAt: new Date(Date.now() + MAX_EVENT_LEAD_MS + leadMs).toISOString(), properties: {} };
    await deliverStored(early);
    const parked = await eventually(
      async () => (await api.call('GET', `/v1/parked-events?customerId=${customerId}`)).body.parked,
      (rows: unknown[]) => rows.length === 1,
      { timeoutMs: 30_000, what: 'the event parked' },
    );
    expect(parked[0]).toMatchObject({ eventId: early.eventId, customerId, type: 'customer.interacted', reason: expect.stringContaining('more than a day ahead'), workflowId: `customer-${customerId}` });
    expect((await EventModel.findById(early.eventId).lean())?.parkedAt).toBeInstanceOf(Date);

    // The customer is not stalled: their next event applies.
    const next = await api.call('POST', '/v1/events', { eventId: `${customerId}-next`, customerId, type: 'customer.registered' });
    expect(next.status).toBe(202);
    await eventually(() => EventModel.findById(`${customerId}-next`).lean(), (doc) => Boolean(doc?.appliedAt), { timeoutMs: 30_000, what: 'the next event applied' });
    // A resend of the parked event by its service is a duplicate, not a new hand-over.
    expect((await api.call('POST', '/v1/events', { eventId: early.eventId, customerId, type: 'customer.interacted' })).body.status).toBe('duplicate');

    expect((await api.call('POST', '/v1/parked-events/no-such-event/redrive')).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, leadMs));
    const redrive = await api.call('POST', `/v1/parked-events/${early.eventId}/redrive`);
    expect(redrive).toMatchObject({ status: 202, body: { eventId: early.eventId, customerId, status: 'redriven' } });
    await eventually(() => EventModel.findById(early.eventId).lean(), (doc) => Boolean(doc?.appliedAt) && !doc?.parkedAt, { timeoutMs: 30_000, what: 'the re-driven event applied' });
    expect((await api.call('GET', `/v1/parked-events?customerId=${customerId}`)).body.parked).toEqual([]);
  });
});
