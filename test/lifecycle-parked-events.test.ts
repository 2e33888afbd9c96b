import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Activities } from '../activities/index.js';
import type { CustomerEvent } from '../domain/events.js';
import { DROP_WORKFLOW_SPANS } from '../telemetry/workflow-spans.js';
import { createJourneyKit, type JourneyKit } from '../testkit/journey-kit.js';
import { type JourneyRecord, recordingActivities } from '../testkit/recording-activities.js';
import { permanentFailures } from '../worker/permanent-failures.js';
import type { customerLifecycle } from '../workflows/customer-lifecycle.js';
import { customerEventSignal, lifecycleStateQuery } from '../workflows/messages.js';
import { eventually } from './support/eventually.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

let customers = 0;

/**
 * A lifecycle on the time-skipping server with in-memory activities and the worker's failure
 * classification; `send` takes the event's own time, as a service would send it.
 */
async function lifecycle(scenario: (customer: {
  send(type: string, properties?: Record<string, unknown>, occurredAt?: string): Promise<string>;
  applied(count: number): Promise<void>;
  /** Hands a sent event over again, as a re-drive does. */
  redrive(eventId: string): Promise<void>;
}, record: JourneyRecord) => Promise<void>, overrides: Partial<Activities> = {}) {
  const id = `parked-${++customers}`;
  const { activities, record, storeEvent } = recordingActivities({ id, stage: 'active' });
  const taskQueue = `lifecycle-${id}`;
  const worker = await Worker.create({
    connection: kit.env.nativeConnection,
    taskQueue,
    workflowBundle: kit.workflowBundle,
    sinks: DROP_WORKFLOW_SPANS,
    activities: { ...activities, ...overrides },
    interceptors: { activity: [permanentFailures] },
  });
  await worker.runUntil(async () => {
    const handle = await kit.env.client.workflow.start<typeof customerLifecycle>('customerLifecycle', { workflowId: `customer-${id}`, taskQueue, args: [{ customerId: id }] });
    let n = 0;
    const sent = new Map<string, CustomerEvent>();
    await scenario({
      async send(type, properties = {}, occurredAt) {
        const at = occurredAt ?? new Date(await kit.env.currentTimeMs()).toISOString();
        const event: CustomerEvent = { eventId: `${id}-e${++n}`, customerId: id, type, occurredAt: at, properties };
        storeEvent(event);
        sent.set(event.eventId, event);
        await handle.signal(customerEventSignal, event);
        return event.eventId;
      },
      redrive: (eventId) => handle.signal(customerEventSignal, sent.get(eventId)!),
      applied: (count) => eventually(() => handle.query(lifecycleStateQuery), (st) => st.eventsApplied >= count, { what: `${count} events applied` }).then(() => {}),
    }, record);
    await handle.terminate('test over');
  });
  return record;
}

describe('an event the lifecycle cannot apply is parked, and the customer goes on', () => {
  it('orders that would push the total value past what a number holds exactly: parked with the reason; the next order applies', async () => {
    const record = await lifecycle(async (customer, record) => {
      await customer.send('order.placed', { orderTotal: 5e15 });
      const overflow = await customer.send('order.placed', { orderTotal: 5e15 });
      await customer.send('order.placed', { orderTotal: 50 });
      await customer.applied(2);
      expect(record.parked).toEqual([{ eventId: overflow, reason: expect.stringContaining('total value would be 10000000000000000') }]);
    });
    expect(record.eventIds).toHaveLength(2);
    expect(record.eventIds).not.toContain(record.parked[0]!.eventId);
  });

  it('a time far in the future or before 2000: parked, so the silence timer is neither frozen nor set off', async () => {
    const record = await lifecycle(async (customer, record) => {
      const future = await customer.send('customer.interacted', {}, '9999-12-31T00:00:00.000Z');
      const past = await customer.send('customer.interacted', {}, '0001-01-01T00:00:00.000Z');
      await customer.send('customer.interacted', { channel: 'app' });
      await customer.applied(1);
      expect(record.parked.map((p) => p.eventId)).toEqual([future, past]);
      expect(record.parked[0]!.reason).toContain('more than a day ahead');
      expect(record.parked[1]!.reason).toContain('before 2000-01-01');
    });
    expect(record.customer.stage).toBe('active');
  });

  it('an effect the store refuses for good: the event is parked with the store\'s reason instead of retried forever', async () => {
    const record = await lifecycle(
      async (customer, record) => {
        const complaint = await customer.send('complaint.filed', { text: 'refused by the store' });
        await customer.send('order.placed', { orderTotal: 20 });
        await customer.applied(1);
        expect(record.parked).toEqual([{ eventId: complaint, reason: expect.stringMatching(/failed for good \(StoreRefusedValue\).*ValidationError/) }]);
      },
      {
        async openUrgentReview() {
          // What mongoose throws for a value its schema cannot hold.
          throw Object.assign(new Error('Task validation failed: title: Path `title` is longer than allowed'), { name: 'ValidationError' });
        },
      },
    );
    expect(record.eventIds).toHaveLength(1);
  });

  it('a parked event handed over again (a re-drive) is applied once it can be', async () => {
    let refuse = true;
    const record = await lifecycle(
      async (customer, record) => {
        const complaint = await customer.send('complaint.filed', { text: 'this is broken' });
        await eventually(async () => record.parked.length, (n) => n === 1, { what: 'the complaint parked' });
        refuse = false;
        const stored = record.parked[0]!;
        expect(stored.eventId).toBe(complaint);
        await customer.redrive(complaint);
        await customer.applied(1);
      },
      {
        async openUrgentReview() {
          if (refuse) throw Object.assign(new Error('refused'), { name: 'CastError' });
        },
      },
    );
    expect(record.eventIds).toHaveLength(1);
  });
});
