import { log } from '@temporalio/activity';
import type { CustomerEvent } from '../domain/events.js';
import { applyEventToFacts, type CustomerFacts, silenceMove, type StageMove, type StageRules } from '../domain/stage-rules.js';
import { MANUAL_STAGE_EVENT_TYPE } from '../domain/events.js';
import { activeStageRules } from '../store/stage-rules.js';
import { healthScore, type HealthModel, type HealthSignals, updateSignals } from '../domain/health.js';
import { CLEARLY_NEGATIVE, sentimentScore } from '../domain/sentiment.js';
import type { Stage } from '../domain/stages.js';
import { CustomerModel } from '../store/models/customer.js';
import { EventModel } from '../store/models/event.js';
import { insertOnce } from '../store/insert-once.js';
import { TaskModel } from '../store/models/task.js';
import { createStageEntry, type StageEntryDeps } from './stage-entry.js';
import { NO_RULES, routedTaskFields, type TaskDeps } from './tasks.js';
import type { TaskRouting } from '../domain/task-routing.js';

export interface LifecycleDeps extends StageEntryDeps, TaskDeps {
  healthModel: HealthModel;
}

/** Facts the workflow carries; the stage itself is read from the store, where journeys change it too. */
export type LifecycleFacts = Omit<CustomerFacts, 'stage' | 'stageSince'> & { signals: HealthSignals };

/** Where urgent reviews go; an open one holds the customer's marketing sends. */
export const URGENT_REVIEW_QUEUE = 'urgent-review';
const URGENT_REVIEW_SLA_MS = 4 * 3_600_000;

export interface LifecycleResult {
  facts: LifecycleFacts;
  stage: Stage | null;
  moved?: StageMove;
  /** 0–100, when the event changed it. */
  healthScore?: number;
  /** The move waits for a person's approval (a sensitive change); the stage stays as it was meanwhile. */
  held?: boolean;
}

async function storedFacts(customerId: string, facts: LifecycleFacts): Promise<CustomerFacts> {
  const customer = await CustomerModel.findOneAndUpdate(
    { _id: customerId },
    { $setOnInsert: { _id: customerId } },
    { upsert: true, returnDocument: 'after', lean: true },
  ).orFail();
  return { ...facts, stage: customer.stage ?? null, stageSince: customer.stageChangedAt?.toISOString() ?? null };
}

/** Opens one urgent review per triggering event (seed 000: 风险预警, 临时强制复核), routed like any task. */
async function openUrgentReview(rules: TaskRouting, event: CustomerEvent, why: string): Promise<void> {
  const trigger = event.type === 'complaint.filed' ? 'complaint' : 'negative-message';
  const routed = await routedTaskFields(rules, { customerId: event.customerId, queue: URGENT_REVIEW_QUEUE, trigger, priority: 'high', slaMs: URGENT_REVIEW_SLA_MS });
  await insertOnce(TaskModel, { taskKey: `review:${event.eventId}` }, {
    customerId: event.customerId,
    title: `Urgent review: ${why}`,
    status: 'open',
    ...routed,
  });
}

export function createLifecycleActivities(deps: LifecycleDeps) {
  const { runner, healthModel, taskRouting = NO_RULES } = deps;
  const enterStage = createStageEntry(deps);
  /** Moves the stage if the rules say so (starting the journeys that enter on it), then mirrors the facts (and `mirrored`, in the same write). */
  async function move(customerId: string, current: CustomerFacts, next: LifecycleFacts, move: StageMove | undefined, source: string, rules: StageRules, mirrored: object = {}): Promise<LifecycleResult> {
    let stage = current.stage;
    let held = false;
    if (move) {
      const entered = await enterStage({ customerId, stage: move.to, reason: move.reason, source, approvalId: move.approvalId }, rules);
      if (entered.inStage) stage = move.to;
      held = Boolean(entered.held);
    }
    await CustomerModel.updateOne(
      { _id: customerId },
      { $set: { orders: next.orders, totalValue: next.totalValue, lastInteractionAt: next.lastInteractionAt ? new Date(next.lastInteractionAt) : null, ...mirrored } },
    );
    return { facts: next, stage, moved: move, ...(held ? { held } : {}) };
  }

  /**
   * Applies one event: the stage rules, the journeys that enter on the event or the new stage, and
   * the event handed to the customer's running journeys. Idempotent, so a retry does no harm.
   */
  async function applyCustomerEvent({ event, facts }: { event: CustomerEvent; facts: LifecycleFacts }): Promise<LifecycleResult> {
    const [current, rules] = await Promise.all([storedFacts(event.customerId, facts), activeStageRules()]);
    const { facts: ruled, move: stageMove } = applyEventToFacts(current, event, rules);
    const { orders, totalValue, lastInteractionAt } = ruled;
    const text = typeof event.properties.text === 'string' ? event.properties.text : '';
    const sentiment = text ? sentimentScore(text) : 0;
    const next: LifecycleFacts = { orders, totalValue, lastInteractionAt, signals: updateSignals(facts.signals, event, healthModel, sentiment) };
    const health = healthScore(next.signals, event.occurredAt, healthModel);
    if (event.type === 'complaint.filed') await openUrgentReview(taskRouting, event, 'complaint filed');
    else if (event.type === 'customer.interacted' && sentiment <= CLEARLY_NEGATIVE) await openUrgentReview(taskRouting, event, `negative message: "${text.slice(0, 80)}"`);
    const source = event.type === MANUAL_STAGE_EVENT_TYPE ? String(event.properties.source ?? 'api') : `event:${event.type}`;
    const result = await move(event.customerId, current, next, stageMove, source, rules, { health: { ...health, updatedAt: new Date() } });
    await runner.onEvent(event);
    return { ...result, healthScore: health.score };
  }

  /** Called when the silence timer fires: marks the customer silent if nothing was heard of them. */
  async function applySilence({ customerId, facts, silenceMs, now }: { customerId: string; facts: LifecycleFacts; silenceMs: number; now: string }): Promise<LifecycleResult> {
    const [current, rules] = await Promise.all([storedFacts(customerId, facts), activeStageRules()]);
    return move(customerId, current, facts, silenceMove(current, now, silenceMs), 'lifecycle:silence', rules);
  }

  /** Reads back, in the given order, events a lifecycle run carried over by id; an id not stored is dropped. */
  async function loadCustomerEvents(eventIds: string[]): Promise<CustomerEvent[]> {
    const docs = await EventModel.find({ eventId: { $in: eventIds } }).lean();
    const byId = new Map(docs.map((doc) => [doc.eventId, doc]));
    return eventIds.flatMap((id) => {
      const doc = byId.get(id);
      if (!doc) {
        log.warn('a carried-over event is not in the store; skipped', { eventId: id });
        return [];
      }
      return [{ eventId: doc.eventId, customerId: doc.customerId, type: doc.type, occurredAt: doc.occurredAt.toISOString(), properties: (doc.properties ?? {}) as Record<string, unknown> }];
    });
  }

  return { applyCustomerEvent, applySilence, loadCustomerEvents };
}
