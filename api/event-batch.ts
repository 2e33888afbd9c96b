import type { CustomerEvent } from '../domain/events.js';
import { identityKey } from '../domain/identities.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { inLanes, STORE_CALLS_AT_ONCE, StoreDeadlineError, withStoreDeadline } from '../store/connection.js';
import { type EventDoc, EventModel, findEvent, isSettled } from '../store/models/event.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';
import type { EventHandoffs } from './event-handoffs.js';
import { type CustomerEventInput, customerEventInputSchema } from './event-input.js';
import { customerOf, newEvent } from './event-intake.js';
import { countEvent } from './metrics.js';
import { fieldErrors } from './problem.js';
import type { EventBatchResult } from './schemas.js';

/**
 * Accepts a batch of events: each is validated on its own (a malformed one is rejected alone), the
 * valid ones are stored with one insert, and the batch's events are handed to their lifecycles by one
 * durable workflow start (`eventBatchDispatch`), which signals each customer's lifecycle in order.
 * Per event, as `POST /v1/events`: a stored eventId is `duplicate` once applied, handed over again until
 * then; an eventId repeated in the batch is `duplicate` after its first. Results are in request order.
 */
export async function acceptEventBatch(items: unknown[], runner: JourneyRunner, handoffs: EventHandoffs, now = new Date()): Promise<EventBatchResult[]> {
  const results: EventBatchResult[] = [];
  const valid: { index: number; input: CustomerEventInput }[] = [];
  items.forEach((item, index) => {
    const parsed = customerEventInputSchema.safeParse(item);
    if (parsed.success) valid.push({ index, input: parsed.data });
    else results[index] = { index, status: 'rejected', errors: fieldErrors(parsed.error) };
  });
  const customerIds = await customersOf(valid.map(({ input }) => input), now);

  const firsts = new Map<string, number>(); // eventId → index of its first copy in the batch
  const repeats: { index: number; first: number }[] = [];
  const fresh: { index: number; event: CustomerEvent }[] = [];
  valid.forEach(({ index, input }, k) => {
    const event = newEvent(input, customerIds[k]!, now);
    const first = firsts.get(event.eventId);
    if (first === undefined) {
      firsts.set(event.eventId, index);
      fresh.push({ index, event });
    } else repeats.push({ index, first });
  });

  const refused = await insertEvents(fresh.map(({ event }) => event), now).catch((error: unknown) => {
    if (error instanceof StoreDeadlineError) handoffs.maybeStored(fresh.map(({ event }) => event.eventId));
    throw error;
  });
  const stored = new Map<number, EventDoc | null>(); // what the store holds for the refused ones
  await inLanes([...refused], STORE_CALLS_AT_ONCE, async (k) => {
    stored.set(k, await withStoreDeadline(() => findEvent(fresh[k]!.event.eventId)));
  });
  const handOver: string[] = [];
  fresh.forEach(({ index, event }, k) => {
    const earlier = stored.get(k);
    if (earlier === null) throw new Error(`event ${event.eventId} was refused as a duplicate but is not in the store`);
    const applied = earlier !== undefined && isSettled(earlier);
    if (!applied) handOver.push(event.eventId);
    results[index] = { index, eventId: event.eventId, status: applied ? 'duplicate' : 'accepted', customerId: earlier?.customerId ?? event.customerId };
  });
  for (const { index, first } of repeats) {
    const { eventId, customerId } = results[first] as Extract<EventBatchResult, { eventId: string }>;
    results[index] = { index, eventId, status: 'duplicate', customerId };
  }

  if (handOver.length > 0) {
    await runner.startEventBatchDispatch(handOver).catch(async (error: unknown) => {
      await handoffs.stored(handOver);
      throw error;
    });
  }
  for (const result of results) if (result.status !== 'rejected') countEvent(result.status);
  return results;
}

/** The customer of each input; each distinct customer or identity is looked up once, a few at a time. */
async function customersOf(inputs: CustomerEventInput[], now: Date): Promise<string[]> {
  const keyOf = (input: CustomerEventInput) => (input.identity ? `identity:${identityKey(input.identity)}` : `id:${input.customerId}`);
  const distinct = new Map(inputs.map((input) => [keyOf(input), input]));
  const found = new Map<string, string>();
  await inLanes([...distinct], STORE_CALLS_AT_ONCE, async ([key, input]) => {
    found.set(key, await customerOf(input, now));
  });
  return inputs.map((input) => found.get(keyOf(input))!);
}

/**
 * Stores the events with one unordered insert; returns the positions the store refused as duplicates
 * (an eventId stored before). A MongoBulkWriteError names each refused document by its `index`.
 */
async function insertEvents(events: CustomerEvent[], now: Date): Promise<Set<number>> {
  if (events.length === 0) return new Set();
  const docs = events.map((event) => ({ _id: event.eventId, ...event, occurredAt: new Date(event.occurredAt), receivedAt: now, appliedAt: null }));
  try {
    await withStoreDeadline(() => EventModel.insertMany(docs, { ordered: false, lean: true }));
    return new Set();
  } catch (error) {
    const writeErrors = (error as { writeErrors?: { index: number; code?: number }[] }).writeErrors ?? [];
    if (writeErrors.length === 0 || !writeErrors.every(isDuplicateKeyError)) throw error;
    return new Set(writeErrors.map((writeError) => writeError.index));
  }
}
