import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { LifecycleFacts } from '../activities/lifecycle.js';
import { durationToMs } from '../domain/durations.js';
import type { CustomerEvent } from '../domain/events.js';
import { EMPTY_SIGNALS } from '../domain/health.js';
import { STAGE_RULES } from '../domain/stage-rules.js';
import { customerEventSignal, type LifecycleState, lifecycleStateQuery } from './messages.js';
import { HealthScore, Stage } from './search-attributes.js';

const { applyCustomerEvent, applySilence, loadCustomerEvents } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
});

/** Event ids remembered for de-duplication, carried across continue-as-new. */
const REMEMBERED_EVENT_IDS = 500;
/** Continue as new past this many history events, well before Temporal's limits. */
export const MAX_HISTORY_EVENTS = 2_000;
/** Carried-over events are read back from the store this many at a time. */
const BACKLOG_BATCH = 100;

export interface LifecycleInput {
  customerId: string;
  facts?: LifecycleFacts;
  recentEventIds?: string[];
  eventsApplied?: number;
  /** How many times this customer's lifecycle continued as new before this run. */
  generation?: number;
  /** The score last mirrored to the HealthScore search attribute. */
  healthScore?: number | null;
  /**
   * Ids of events the previous run received and did not apply, in order. Only ids are carried (the
   * API stores every event before it signals), so a burst cannot push the input past Temporal's limits.
   */
  pendingEventIds?: string[];
}

/**
 * The customer's lifecycle: receives every event as a signal, in order and once per eventId,
 * applies the stage rules, and runs the silence timer (no polling). Continues as new to stay small.
 */
export async function customerLifecycle(input: LifecycleInput): Promise<void> {
  const { customerId } = input;
  const silenceMs = durationToMs(STAGE_RULES.silenceAfter);
  const state: LifecycleState = {
    customerId,
    stage: null,
    facts: input.facts ?? { orders: 0, totalValue: 0, lastInteractionAt: null, signals: EMPTY_SIGNALS },
    eventsApplied: input.eventsApplied ?? 0,
    generation: input.generation ?? 0,
    healthScore: input.healthScore ?? null,
  };
  const recent = input.recentEventIds ?? [];
  const backlog = [...(input.pendingEventIds ?? [])];
  const seen = new Set([...recent, ...backlog]);
  // Applied in this order: the previous run's events (read back a batch at a time), then this run's.
  const carried: CustomerEvent[] = [];
  const inbox: CustomerEvent[] = [];
  const hasEvents = () => carried.length > 0 || inbox.length > 0;

  setHandler(lifecycleStateQuery, () => state);
  setHandler(customerEventSignal, (event) => {
    if (seen.has(event.eventId)) return;
    seen.add(event.eventId);
    recent.push(event.eventId);
    inbox.push(event);
  });

  // A silent move that waits for approval (a sensitive change) is not retried until the next event.
  let silenceHeld = false;
  const silenceDueIn = () => {
    if (silenceHeld || !state.facts.lastInteractionAt || state.stage === 'silent' || state.stage === 'cold') return undefined;
    return Math.max(0, Date.parse(state.facts.lastInteractionAt) + silenceMs - Date.now());
  };

  for (;;) {
    if (carried.length === 0 && backlog.length > 0) carried.push(...(await loadCustomerEvents(backlog.splice(0, BACKLOG_BATCH))));
    const dueIn = silenceDueIn();
    const woke = dueIn === undefined
      ? (await condition(hasEvents), true)
      : await condition(hasEvents, dueIn, { summary: `silence timer: ${STAGE_RULES.silenceAfter} after the last interaction` });

    const queue = carried.length > 0 ? carried : inbox;
    const result = woke
      ? await applyCustomerEvent.executeWithOptions({ startToCloseTimeout: '1 minute', summary: `event ${queue[0]!.type}` }, [{ event: queue.shift()!, facts: state.facts }])
      : await applySilence.executeWithOptions({ startToCloseTimeout: '1 minute', summary: 'silence timer fired' }, [
          { customerId, facts: state.facts, silenceMs, now: new Date().toISOString() },
        ]);
    if (woke) state.eventsApplied += 1;
    silenceHeld = !woke && result.held === true;
    state.facts = result.facts;
    const updates: SearchAttributeUpdatePair[] = [];
    if (result.stage !== state.stage) {
      state.stage = result.stage;
      updates.push({ key: Stage, value: result.stage ?? 'none' });
    }
    if (result.healthScore !== undefined && result.healthScore !== state.healthScore && patched('health-score-search-attribute')) {
      state.healthScore = result.healthScore;
      updates.push({ key: HealthScore, value: result.healthScore });
    }
    if (updates.length > 0) upsertSearchAttributes(updates);

    if (workflowInfo().historyLength > MAX_HISTORY_EVENTS || workflowInfo().continueAsNewSuggested) {
      // A busy customer's inbox may never be empty: what is still in it moves to the next run, by id.
      await condition(allHandlersFinished);
      await continueAsNew<typeof customerLifecycle>({
        customerId,
        facts: state.facts,
        recentEventIds: recent.slice(-REMEMBERED_EVENT_IDS),
        eventsApplied: state.eventsApplied,
        generation: state.generation + 1,
        healthScore: state.healthScore,
        pendingEventIds: [...carried.map((event) => event.eventId), ...backlog, ...inbox.map((event) => event.eventId)],
      });
    }
  }
}
