import { logger } from '../config/logger.js';
import type { CustomerEvent } from '../domain/events.js';
import { withStoreDeadline } from '../store/connection.js';
import { asCustomerEvent, findEvent, isSettled } from '../store/models/event.js';
import { PendingHandoffModel } from '../store/models/pending-handoff.js';

/** What hands an event to its customer's lifecycle (signal-with-start). */
export interface LifecycleDelivery {
  deliverToLifecycle(event: CustomerEvent): Promise<void>;
}

/** Events looked at per sweep. */
const SWEEP_BATCH = 200;

/**
 * Events the API may have stored but did not hand to their lifecycle, because a 503 cut the request
 * short: the API hands them on itself once the store and Temporal answer again, so nothing stored waits
 * on the client sending it again.
 * - Temporal failed after the insert: the event is stored. A `pending_handoffs` row keeps it across an
 *   API restart (and the API remembers it, in case the store refused that row too).
 * - The insert missed its deadline: it may land later. The API remembers the event and looks it up once
 *   the store answers: stored and not applied, it is handed on; not stored, the client's 503 stands.
 * The lifecycle acts once per eventId, so handing an event on twice (two API processes, a client's own
 * resend) is harmless.
 */
export class EventHandoffs {
  private readonly remembered = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> | undefined;

  constructor(
    private readonly lifecycles: LifecycleDelivery,
    private readonly warn: (message: string) => void = (message) => logger.warn(message),
  ) {}

  /** A stored event whose hand-over failed. */
  async stored(eventIds: string[]): Promise<void> {
    for (const eventId of eventIds) this.remembered.add(eventId);
    const since = new Date();
    await withStoreDeadline(() =>
      PendingHandoffModel.bulkWrite(eventIds.map((_id) => ({ updateOne: { filter: { _id }, update: { $setOnInsert: { since } }, upsert: true } }))),
    ).catch(() => {
      // The store is failing too: the events stay remembered in this process.
    });
  }

  /** An event whose insert did not answer in time: it may be stored. */
  maybeStored(eventIds: string[]): void {
    for (const eventId of eventIds) this.remembered.add(eventId);
  }

  /** Hands on what waits (up to one batch); what cannot be handed on yet stays for the next sweep. */
  async sweep(): Promise<{ handedOn: number; dropped: number; waiting: number }> {
    const rows = await withStoreDeadline(() => PendingHandoffModel.find({}, { _id: 1 }).limit(SWEEP_BATCH).lean());
    const eventIds = [...new Set([...this.remembered, ...rows.map((row) => row._id)])].slice(0, SWEEP_BATCH);
    let handedOn = 0;
    let dropped = 0;
    for (const eventId of eventIds) {
      const doc = await withStoreDeadline(() => findEvent(eventId));
      if (doc && !isSettled(doc)) {
        await this.lifecycles.deliverToLifecycle(asCustomerEvent(doc));
        handedOn += 1;
      } else if (!doc) dropped += 1;
      await withStoreDeadline(() => PendingHandoffModel.deleteOne({ _id: eventId }));
      this.remembered.delete(eventId);
    }
    return { handedOn, dropped, waiting: this.remembered.size };
  }

  /** Sweeps every `intervalMs` while anything may wait; a failed sweep (a dependency still down) is tried again. */
  start(intervalMs = 10_000): void {
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweep()
        .then(({ handedOn }) => {
          if (handedOn > 0) logger.info(`event hand-off: ${handedOn} stored event(s) handed to their lifecycle after a failed request`);
        })
        .catch((error: Error) => this.warn(`event hand-off: will try again (${error.name}: ${error.message})`))
        .finally(() => (this.sweeping = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }
}
