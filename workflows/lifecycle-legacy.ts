import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { LifecycleFacts } from '../activities/lifecycle.js';
import type { Stage as StageName } from '../domain/stages.js';
import { durationToMs } from '../domain/durations.js';
import type { CustomerEvent } from '../domain/events.js';
import { EMPTY_SIGNALS } from '../domain/health.js';
import { STAGE_RULES } from '../domain/stage-rules.js';
import type { customerLifecycle, LifecycleInput } from './customer-lifecycle.js';
import { customerEventSignal, type LifecycleState, lifecycleStateQuery } from './messages.js';
import { LIFECYCLE_HANDOVER } from './patches.js';
import { HealthScore, Stage } from './search-attributes.js';

/** The activities of the first lifecycle: no worker runs them now; their results come from recorded histories. */
interface LegacyActivities {
  applyCustomerEvent(input: { event: CustomerEvent; facts: LifecycleFacts }): Promise<LegacyResult>;
  applySilence(input: { customerId: string; facts: LifecycleFacts; silenceMs: number; now: string }): Promise<LegacyResult>;
  loadCustomerEvents(eventIds: string[]): Promise<CustomerEvent[]>;
}
interface LegacyResult {
  facts: LifecycleFacts;
  stage: StageName | null;
  healthScore?: number;
  held?: boolean;
}

const { applyCustomerEvent, applySilence, loadCustomerEvents } = proxyActivities<LegacyActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
});

const REMEMBERED_EVENT_IDS = 500;
const MAX_HISTORY_EVENTS = 2_000;
const BACKLOG_BATCH = 100;

/**
 * The first lifecycle, kept so that runs recorded with it replay. It made every effect inside one
 * activity. Past the end of its recorded history it hands over: it continues as new, and the new run
 * is the current lifecycle (workflows/customer-lifecycle.ts), which takes the same input.
 */
export async function legacyLifecycle(input: LifecycleInput): Promise<void> {
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

  const carryOver = (): LifecycleInput => ({
    customerId,
    facts: state.facts,
    recentEventIds: recent.slice(-REMEMBERED_EVENT_IDS),
    eventsApplied: state.eventsApplied,
    generation: state.generation + 1,
    healthScore: state.healthScore,
    pendingEventIds: [...carried.map((event) => event.eventId), ...backlog, ...inbox.map((event) => event.eventId)],
  });

  // A silent move that waits for approval (a sensitive change) is not retried until the next event.
  let silenceHeld = false;
  const silenceDueIn = () => {
    if (silenceHeld || !state.facts.lastInteractionAt || state.stage === 'silent' || state.stage === 'cold') return undefined;
    return Math.max(0, Date.parse(state.facts.lastInteractionAt) + silenceMs - Date.now());
  };

  for (;;) {
    if (patched(LIFECYCLE_HANDOVER)) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof customerLifecycle>(carryOver());
    }
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
      await continueAsNew<typeof customerLifecycle>(carryOver());
    }
  }
}
