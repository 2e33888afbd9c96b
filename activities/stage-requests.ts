import { type CustomerEvent, MANUAL_STAGE_EVENT_TYPE } from '../domain/events.js';
import type { Stage } from '../domain/stages.js';
import { recordEvent } from '../store/events.js';

/** Hands an event to a customer's lifecycle workflow (signal-with-start); the Temporal client does it. */
export interface LifecycleMailbox {
  deliverToLifecycle(event: CustomerEvent): Promise<void>;
}

export interface StageRequest {
  /** Made by the asker, the same on every retry: the lifecycle acts on it once. */
  eventId: string;
  customerId: string;
  stage: Stage;
  reason: string;
  /** Who asks: `journey:<id>`, `rollback:<version>`, … */
  source: string;
  /** Change only a customer who is in one of these stages. */
  onlyFrom?: Stage[];
}

/**
 * Asks the customer's lifecycle, the one writer of the stage, to change it. The request is stored as
 * an internal event first (a lifecycle carries waiting events across continue-as-new by id), then
 * signalled; the lifecycle records the change, mirrors it to the Stage search attribute and starts
 * the journeys that enter on the stage.
 */
export async function askLifecycleForStage(mailbox: LifecycleMailbox, { eventId, customerId, stage, reason, source, onlyFrom }: StageRequest, now = new Date()): Promise<void> {
  const event: CustomerEvent = {
    eventId,
    customerId,
    type: MANUAL_STAGE_EVENT_TYPE,
    occurredAt: now.toISOString(),
    properties: { stage, reason, source, ...(onlyFrom ? { onlyFrom } : {}) },
  };
  await recordEvent(event, now);
  await mailbox.deliverToLifecycle(event);
}
