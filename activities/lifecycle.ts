import { log } from '@temporalio/activity';
import type { CustomerEvent } from '../domain/events.js';
import type { HealthModel, HealthSignals } from '../domain/health.js';
import type { Journey } from '../domain/journey.js';
import type { StageRules } from '../domain/stage-rules.js';
import type { Stage } from '../domain/stages.js';
import { URGENT_REVIEW_QUEUE } from '../domain/task-routing.js';
import { insertOnce } from '../store/insert-once.js';
import { CustomerModel } from '../store/models/customer.js';
import { EventModel } from '../store/models/event.js';
import { TaskModel } from '../store/models/task.js';
import { activeStageRules } from '../store/stage-rules.js';
import { countTaskOpened } from './metrics.js';
import { NO_RULES, routedTaskFields, type TaskDeps } from './tasks.js';

export interface LifecycleDeps extends TaskDeps {
  healthModel: HealthModel;
  /** The journey catalogue: the lifecycle starts the ones whose entry is a stage or an event. */
  journeys: readonly Journey[];
  /** Unset: stage changes are not pushed to a CRM. */
  crmStageWebhook?: string;
}

/** What the lifecycle knows of a customer besides the stage, carried across continue-as-new. */
export interface LifecycleFacts {
  orders: number;
  totalValue: number;
  lastInteractionAt: string | null;
  signals: HealthSignals;
}

export { URGENT_REVIEW_QUEUE };
const URGENT_REVIEW_SLA_MS = 4 * 3_600_000;

/** What a lifecycle needs from outside the workflow: configuration reaches workflows through an activity. */
export interface LifecycleContext {
  rules: StageRules;
  healthModel: HealthModel;
  /** Stages and event types some journey enters on: only these make the lifecycle look for journeys to start. */
  entryStages: Stage[];
  entryEvents: string[];
  /** Stage changes are pushed to the CRM. */
  crmPush: boolean;
  /** The customer as stored, when the workflow asked (its first run, or one taken over from an older lifecycle). */
  stored?: { stage: Stage | null; stageSince: string | null; orders: number; totalValue: number; lastInteractionAt: string | null };
}

/** What a lifecycle's first run starts from: the customer as stored (a new customer: nothing yet). */
export type StoredCustomer = NonNullable<LifecycleContext['stored']>;

/**
 * The customer as the store has them, read by a lifecycle's first run (or one taken over). A regular
 * activity, so its answer is in the history before any event is applied: a local one would be read
 * again when the workflow task is retried, and would find the facts that task's first attempt had
 * already saved (its events counted twice).
 */
export async function storedCustomer(customerId: string): Promise<StoredCustomer> {
  const customer = await CustomerModel.findById(customerId).lean();
  return {
    stage: (customer?.stage ?? null) as Stage | null,
    stageSince: customer?.stageChangedAt?.toISOString() ?? null,
    orders: customer?.orders ?? 0,
    totalValue: customer?.totalValue ?? 0,
    lastInteractionAt: customer?.lastInteractionAt?.toISOString() ?? null,
  };
}

export interface SavedFacts {
  customerId: string;
  facts: LifecycleFacts;
  health: { score: number; components: Record<string, number> } | null;
  /** The events these facts include: marked applied, so the API answers a resend with `duplicate`. */
  appliedEventIds: string[];
}

export function createLifecycleActivities(deps: LifecycleDeps) {
  const { healthModel, journeys, crmStageWebhook, taskRouting = NO_RULES } = deps;
  const entryStages = [...new Set(journeys.flatMap((j) => ('stage' in j.entry ? [j.entry.stage] : [])))];
  const entryEvents = [...new Set(journeys.flatMap((j) => ('event' in j.entry ? [j.entry.event] : [])))];

  /** The rules in force and the worker's configuration; with `stored` (lifecycles recorded before `storedCustomer`), the customer as the store has them. */
  async function lifecycleContext({ customerId, stored }: { customerId: string; stored: boolean }): Promise<LifecycleContext> {
    const [rules, customer] = await Promise.all([activeStageRules(), stored ? storedCustomer(customerId) : undefined]);
    const context: LifecycleContext = { rules, healthModel, entryStages, entryEvents, crmPush: Boolean(crmStageWebhook) };
    return customer ? { ...context, stored: customer } : context;
  }

  /** Mirrors the lifecycle's facts and health score to the customer (creating them on their first event) and marks the events applied. */
  async function saveLifecycleFacts({ customerId, facts, health, appliedEventIds }: SavedFacts): Promise<void> {
    const { orders, totalValue, lastInteractionAt } = facts;
    await CustomerModel.updateOne(
      { _id: customerId },
      {
        $set: { orders, totalValue, lastInteractionAt: lastInteractionAt ? new Date(lastInteractionAt) : null, ...(health ? { health: { ...health, updatedAt: new Date() } } : {}) },
        $setOnInsert: { _id: customerId },
      },
      { upsert: true },
    );
    const appliedAt = new Date();
    await Promise.all(appliedEventIds.map((eventId) => EventModel.updateOne({ _id: eventId }, { $set: { appliedAt } })));
  }

  /** Opens one urgent review per triggering event (seed 000: 风险预警, 临时强制复核), routed like any task. */
  async function openUrgentReview({ event, why }: { event: CustomerEvent; why: string }): Promise<void> {
    const trigger = event.type === 'complaint.filed' ? 'complaint' : 'negative-message';
    const routed = await routedTaskFields(taskRouting, { customerId: event.customerId, queue: URGENT_REVIEW_QUEUE, trigger, priority: 'high', slaMs: URGENT_REVIEW_SLA_MS });
    await insertOnce(TaskModel, { taskKey: `review:${event.eventId}` }, { customerId: event.customerId, title: `Urgent review: ${why}`, status: 'open', ...routed });
    countTaskOpened(URGENT_REVIEW_QUEUE);
  }

  /** Reads back, in the given order, events a lifecycle run carried over by id; an id not stored is dropped. */
  async function loadCustomerEvents(eventIds: string[]): Promise<CustomerEvent[]> {
    const docs = await Promise.all(eventIds.map((eventId) => EventModel.findById(eventId).lean()));
    return docs.flatMap((doc, k) => {
      if (!doc) {
        log.warn('a carried-over event is not in the store; skipped', { eventId: eventIds[k] });
        return [];
      }
      return [{ eventId: doc.eventId, customerId: doc.customerId, type: doc.type, occurredAt: doc.occurredAt.toISOString(), properties: (doc.properties ?? {}) as Record<string, unknown> }];
    });
  }

  return { lifecycleContext, saveLifecycleFacts, openUrgentReview, loadCustomerEvents };
}
