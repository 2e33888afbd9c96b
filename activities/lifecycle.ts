import type { CustomerEvent } from '../domain/events.js';
import { applyEventToFacts, type CustomerFacts, silenceMove, type StageMove } from '../domain/stage-rules.js';
import type { Stage } from '../domain/stages.js';
import { changeStage } from '../store/customers.js';
import { CustomerModel } from '../store/models/customer.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';

export interface LifecycleDeps {
  runner: JourneyRunner;
}

/** Facts the workflow carries; the stage itself is read from the store, where journeys change it too. */
export type LifecycleFacts = Omit<CustomerFacts, 'stage' | 'stageSince'>;

export interface LifecycleResult {
  facts: LifecycleFacts;
  stage: Stage | null;
  moved?: StageMove;
}

async function storedFacts(customerId: string, facts: LifecycleFacts): Promise<CustomerFacts> {
  const customer = await CustomerModel.findOneAndUpdate(
    { _id: customerId },
    { $setOnInsert: { _id: customerId } },
    { upsert: true, returnDocument: 'after', lean: true },
  ).orFail();
  return { ...facts, stage: customer.stage ?? null, stageSince: customer.stageChangedAt?.toISOString() ?? null };
}

export function createLifecycleActivities({ runner }: LifecycleDeps) {
  /** Moves the stage if the rules say so (starting the journeys that enter on it), then mirrors the facts. */
  async function move(customerId: string, current: CustomerFacts, next: LifecycleFacts, move: StageMove | undefined, source: string): Promise<LifecycleResult> {
    let stage = current.stage;
    if (move) {
      await changeStage({ customerId, stage: move.to, reason: move.reason, source });
      await runner.onStageEntered(customerId, move.to);
      stage = move.to;
    }
    await CustomerModel.updateOne(
      { _id: customerId },
      { $set: { orders: next.orders, totalValue: next.totalValue, lastInteractionAt: next.lastInteractionAt ? new Date(next.lastInteractionAt) : null } },
    );
    return { facts: next, stage, moved: move };
  }

  /**
   * Applies one event: the stage rules, the journeys that enter on the event or the new stage, and
   * the event handed to the customer's running journeys. Idempotent, so a retry does no harm.
   */
  async function applyCustomerEvent({ event, facts }: { event: CustomerEvent; facts: LifecycleFacts }): Promise<LifecycleResult> {
    const current = await storedFacts(event.customerId, facts);
    const { facts: next, move: stageMove } = applyEventToFacts(current, event);
    const result = await move(event.customerId, current, next, stageMove, `event:${event.type}`);
    await runner.onEvent(event);
    return result;
  }

  /** Called when the silence timer fires: marks the customer silent if nothing was heard of them. */
  async function applySilence({ customerId, facts, silenceMs, now }: { customerId: string; facts: LifecycleFacts; silenceMs: number; now: string }): Promise<LifecycleResult> {
    const current = await storedFacts(customerId, facts);
    return move(customerId, current, facts, silenceMove(current, now, silenceMs), 'lifecycle:silence');
  }

  return { applyCustomerEvent, applySilence };
}
