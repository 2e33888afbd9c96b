import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities, proxyLocalActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { LifecycleContext, LifecycleFacts } from '../activities/lifecycle.js';
import { durationToMs } from '../domain/durations.js';
import type { CustomerEvent } from '../domain/events.js';
import { EMPTY_SIGNALS, healthScore, updateSignals } from '../domain/health.js';
import { riskOf } from '../domain/sentiment.js';
import { applyEventToFacts, isSensitive, refusesToReturn, silenceMove, STAGE_RULES, stageChangeSource, type StageMove } from '../domain/stage-rules.js';
import type { Stage } from '../domain/stages.js';
import { whyUnappliable } from '../domain/unappliable-events.js';
import { legacyLifecycle } from './lifecycle-legacy.js';
import { customerEventSignal, journeyStartedSignal, type LifecycleState, lifecycleStateQuery } from './messages.js';
import { LIFECYCLE_PARKS_EVENTS, LIFECYCLE_READS_STORED_CUSTOMER_FIRST, LIFECYCLE_REFUSAL_IS_NOT_A_RETURN, LIFECYCLE_STEADY_SILENCE_TIMER, LIFECYCLE_V2 } from './patches.js';
import { SilenceTimer } from './silence-timer.js';
import { permanentFailureReason } from './permanent-failure.js';
import { HealthScore, Stage as StageAttribute } from './search-attributes.js';

/** The one read that must be in the history before the events it precedes are applied. */
const durable = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });

// Every effect is its own step, a local activity: one marker in the history instead of three events.
const act = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Event ids remembered for de-duplication, carried across continue-as-new. */
const REMEMBERED_EVENT_IDS = 500;
/** Continue as new past this many history events, well before Temporal's limits. */
export const MAX_HISTORY_EVENTS = 2_000;
/** Carried-over events are read back from the store this many at a time. */
const BACKLOG_BATCH = 100;
const SILENCE_TIMER_SUMMARY = `silence timer: ${STAGE_RULES.silenceAfter} after the last interaction`;
/** Events applied together: one write of the facts, one hand-over to each running journey. */
const EVENT_BATCH = 100;

export interface LifecycleInput {
  customerId: string;
  facts?: LifecycleFacts;
  /** The stage this lifecycle keeps; absent, it is read from the store first (a first run, or one taken over). */
  stage?: Stage | null;
  stageSince?: string | null;
  recentEventIds?: string[];
  eventsApplied?: number;
  /** How many times this customer's lifecycle continued as new before this run. */
  generation?: number;
  /** The score last mirrored to the HealthScore search attribute. */
  healthScore?: number | null;
  /**
   * Ids of events the previous run received and did not apply, in order. Only ids are carried (every
   * event is stored before it is signalled), so a burst cannot push the input past Temporal's limits.
   */
  pendingEventIds?: string[];
  /** Workflow ids of the customer's journey runs that may still run: events are handed to these. */
  runningJourneys?: string[];
  /** A silent move waits for approval: it is not asked again until the next event. */
  silenceHeld?: boolean;
}

const EMPTY_FACTS: LifecycleFacts = { orders: 0, totalValue: 0, lastInteractionAt: null, signals: EMPTY_SIGNALS };

/**
 * The customer's lifecycle and the one writer of their stage. It receives every event as a signal, in
 * order and once per eventId (stage requests from journeys, people, approvals and rule rollbacks come
 * as events too), applies the stage rules and the health model, runs the silence timer (no polling),
 * records each stage change, mirrors it to the Stage search attribute, starts the journeys that enter
 * on it and hands events to the customer's running journeys. Continues as new to stay small.
 */
export async function customerLifecycle(input: LifecycleInput): Promise<void> {
  // Lifecycles recorded by the first version replay it; past their history it hands over to this one.
  if (!patched(LIFECYCLE_V2)) return legacyLifecycle(input);
  const { customerId } = input;
  const silenceMs = durationToMs(STAGE_RULES.silenceAfter);
  const running = new Set(input.runningJourneys ?? []);
  const state: LifecycleState = {
    customerId,
    stage: input.stage ?? null,
    facts: input.facts ?? EMPTY_FACTS,
    eventsApplied: input.eventsApplied ?? 0,
    generation: input.generation ?? 0,
    healthScore: input.healthScore ?? null,
    runningJourneys: [...running],
  };
  let stageSince = input.stageSince ?? null;
  let stageKnown = input.stage !== undefined;
  let silenceHeld = input.silenceHeld ?? false;
  const recent = input.recentEventIds ?? [];
  const backlog = [...(input.pendingEventIds ?? [])];
  const seen = new Set([...recent, ...backlog]);
  // Applied in this order: the previous run's events (read back a batch at a time), then this run's.
  const carried: CustomerEvent[] = [];
  const inbox: CustomerEvent[] = [];
  const hasEvents = () => carried.length > 0 || inbox.length > 0;

  setHandler(lifecycleStateQuery, () => ({ ...state, runningJourneys: [...running] }));
  setHandler(customerEventSignal, (event) => {
    if (seen.has(event.eventId)) return;
    seen.add(event.eventId);
    recent.push(event.eventId);
    inbox.push(event);
  });
  setHandler(journeyStartedSignal, ({ workflowId }) => void running.add(workflowId));

  /** The customer as stored, once, in the history before any event is applied (see `storedCustomer`). */
  async function readStoredCustomer(): Promise<void> {
    const stored = await durable.storedCustomer.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: 'the customer as stored' }, [customerId]);
    state.stage = stored.stage;
    stageSince = stored.stageSince;
    if (!input.facts) state.facts = { ...EMPTY_FACTS, orders: stored.orders, totalValue: stored.totalValue, lastInteractionAt: stored.lastInteractionAt };
    stageKnown = true;
  }

  /** The rules in force (read for every batch: a published version applies from the next event on) and the configuration; the first time, the customer as stored. */
  async function currentContext(): Promise<LifecycleContext> {
    const context = await act.lifecycleContext.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: stageKnown ? 'rules in force' : 'rules in force, the customer as stored' }, [
      { customerId, stored: !stageKnown },
    ]);
    if (!stageKnown && context.stored) {
      const { stage, stageSince: since, orders, totalValue, lastInteractionAt } = context.stored;
      state.stage = stage;
      stageSince = since;
      if (!input.facts) state.facts = { ...EMPTY_FACTS, orders, totalValue, lastInteractionAt };
      stageKnown = true;
    }
    return context;
  }

  /** Starts the journeys a stage or an event is the entry of; returns the ids of the runs started now. */
  async function startJourneys(trigger: { stage: Stage } | { eventType: string; event: CustomerEvent }): Promise<string[]> {
    const label = 'stage' in trigger ? `stage ${trigger.stage}` : `event ${trigger.eventType}`;
    const entry = await act.startJourneys.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `journeys entering on ${label}` }, [{ customerId, ...trigger }]);
    for (const workflowId of [...entry.started, ...entry.running]) running.add(workflowId);
    return entry.started;
  }

  /** Records a move (a sensitive one may be held for approval), mirrors it, pushes it and starts the journeys entering on it. */
  async function enterStage(ctx: LifecycleContext, move: StageMove, source: string): Promise<{ held: boolean; started: string[] }> {
    const from = state.stage;
    const outcome = await act.recordStageChange.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `stage ${from ?? 'none'} → ${move.to} (${source})` }, [
      { customerId, from, to: move.to, reason: move.reason, source, ruleVersion: ctx.rules.version, sensitive: isSensitive(ctx.rules, from, move.to), ...(move.approvalId ? { approvalId: move.approvalId } : {}) },
    ]);
    if (outcome.status === 'held') return { held: true, started: [] };
    state.stage = move.to;
    stageSince = outcome.at;
    upsertSearchAttributes([{ key: StageAttribute, value: move.to }]);
    if (ctx.crmPush) {
      const notice = { customerId, seq: outcome.seq, from, to: move.to, reason: move.reason, source, ruleVersion: ctx.rules.version, at: outcome.at };
      await act.startStageChangePush.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `CRM push of change ${outcome.seq}` }, [notice]);
    }
    return { held: false, started: ctx.entryStages.includes(move.to) ? await startJourneys({ stage: move.to }) : [] };
  }

  /** Sets an event aside for good, with why, so the customer's next events go on; a re-drive hands it over again. */
  async function park(event: CustomerEvent, reason: string): Promise<void> {
    seen.delete(event.eventId);
    const at = recent.indexOf(event.eventId);
    if (at >= 0) recent.splice(at, 1);
    const { workflowId, runId } = workflowInfo();
    await act.parkEvent.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `event ${event.eventId} (${event.type}) parked: ${reason}` }, [
      { event: { eventId: event.eventId, customerId, type: event.type }, reason, workflowId, runId },
    ]);
  }

  /**
   * The event's facts, health and risk, and why the lifecycle cannot apply it, if so. Pure: a throw here
   * is the event's doing, and leaves no facts.
   */
  function assess(ctx: LifecycleContext, event: CustomerEvent) {
    try {
      const { facts: ruled, move: ruledMove } = applyEventToFacts({ ...state.facts, stage: state.stage, stageSince }, event, ctx.rules);
      const move = refusesToReturn(ruledMove, event) && patched(LIFECYCLE_REFUSAL_IS_NOT_A_RETURN) ? undefined : ruledMove;
      const text = typeof event.properties.text === 'string' ? event.properties.text : '';
      const risk = riskOf(event.type, text);
      const signals = updateSignals(state.facts.signals, event, ctx.healthModel, risk.sentiment);
      const facts: LifecycleFacts = { orders: ruled.orders, totalValue: ruled.totalValue, lastInteractionAt: ruled.lastInteractionAt, signals };
      return { facts, move, risk, health: healthScore(signals, event.occurredAt, ctx.healthModel), refused: whyUnappliable(event, ruled, Date.now()) };
    } catch (error) {
      return { error, refused: `${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? String(error)}` };
    }
  }

  async function applyEvents(ctx: LifecycleContext, events: CustomerEvent[]): Promise<void> {
    const handOver = new Map<string, CustomerEvent[]>();
    const factsBefore = state.facts;
    let health: ReturnType<typeof healthScore> | null = null;
    const applied: string[] = [];
    for (const event of events) {
      const assessed = assess(ctx, event);
      // Parking is new: a lifecycle recorded before it replays the event as it went then.
      if (assessed.refused !== undefined && patched(LIFECYCLE_PARKS_EVENTS)) {
        await park(event, assessed.refused);
        continue;
      }
      if (!assessed.facts) throw assessed.error;
      const { facts, move, risk } = assessed;
      const previous = state.facts;
      state.facts = facts;
      try {
        if (risk.why) await act.openUrgentReview.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `urgent review: ${risk.why}` }, [{ event, why: risk.why }]);
        const startedNow = new Set<string>();
        if (move) for (const id of (await enterStage(ctx, move, stageChangeSource(event))).started) startedNow.add(id);
        if (ctx.entryEvents.includes(event.type)) for (const id of await startJourneys({ eventType: event.type, event })) startedNow.add(id);
        for (const id of running) if (!startedNow.has(id)) handOver.set(id, [...(handOver.get(id) ?? []), event]);
      } catch (error) {
        // An effect that failed for good (the store refuses a value): the event's facts are not kept, the
        // effects already made stay (each is made once per key, so a re-drive does not repeat them).
        const reason = permanentFailureReason(error);
        if (reason === undefined || !patched(LIFECYCLE_PARKS_EVENTS)) throw error;
        state.facts = previous;
        await park(event, reason);
        continue;
      }
      health = assessed.health;
      applied.push(event.eventId);
      state.eventsApplied += 1;
    }
    silenceHeld = false;
    if (applied.length > 0) {
      try {
        await act.saveLifecycleFacts.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `${applied.length} event(s) applied` }, [
          { customerId, facts: state.facts, health, appliedEventIds: applied },
        ]);
      } catch (error) {
        const reason = permanentFailureReason(error);
        if (reason === undefined || !patched(LIFECYCLE_PARKS_EVENTS)) throw error;
        state.facts = factsBefore;
        state.eventsApplied -= applied.length;
        for (const event of events.filter((e) => applied.includes(e.eventId))) await park(event, reason);
        return;
      }
    }
    if (health && health.score !== state.healthScore) {
      state.healthScore = health.score;
      upsertSearchAttributes([{ key: HealthScore, value: health.score }]);
    }
    for (const [workflowId, handed] of handOver) {
      const { ended } = await act.handEventsToJourneys.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `${handed.length} event(s) to ${workflowId}` }, [
        { workflowIds: [workflowId], events: handed },
      ]);
      for (const id of ended) running.delete(id);
    }
  }

  // Runs recorded before it restarted the silence timer at every event.
  const steadyTimer = patched(LIFECYCLE_STEADY_SILENCE_TIMER);
  const silenceTimer = new SilenceTimer(SILENCE_TIMER_SUMMARY);
  const silenceDueIn = () => {
    if (silenceHeld || !state.facts.lastInteractionAt || state.stage === 'silent' || state.stage === 'cold') return undefined;
    return Math.max(0, Date.parse(state.facts.lastInteractionAt) + silenceMs - Date.now());
  };

  // Lifecycles recorded before it read the customer in their first workflow task, with the events.
  if (!stageKnown && patched(LIFECYCLE_READS_STORED_CUSTOMER_FIRST)) await readStoredCustomer();

  for (;;) {
    if (carried.length === 0 && backlog.length > 0) {
      const ids = backlog.splice(0, BACKLOG_BATCH);
      carried.push(...(await act.loadCustomerEvents.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `${ids.length} carried-over events` }, [ids])));
    }
    const dueIn = silenceDueIn();
    let woke: boolean;
    if (steadyTimer) {
      if (dueIn !== undefined) silenceTimer.arm(Date.now() + dueIn);
      await condition(() => hasEvents() || silenceTimer.fired);
      woke = hasEvents();
      if (!woke) {
        silenceTimer.consume();
        // The timer was armed for an earlier interaction: not silent yet, it is armed again for what is left.
        if (silenceDueIn() !== 0) continue;
      }
    } else {
      woke = dueIn === undefined ? (await condition(hasEvents), true) : await condition(hasEvents, dueIn, { summary: SILENCE_TIMER_SUMMARY });
    }
    const ctx = await currentContext();
    if (woke) {
      await applyEvents(ctx, (carried.length > 0 ? carried : inbox).splice(0, EVENT_BATCH));
    } else {
      const move = silenceMove({ ...state.facts, stage: state.stage, stageSince }, new Date().toISOString(), silenceMs);
      silenceHeld = move ? (await enterStage(ctx, move, 'lifecycle:silence')).held : false;
    }

    if (workflowInfo().historyLength > MAX_HISTORY_EVENTS || workflowInfo().continueAsNewSuggested) {
      // A busy customer's inbox may never be empty: what is still in it moves to the next run, by id.
      await condition(allHandlersFinished);
      await continueAsNew<typeof customerLifecycle>({
        customerId,
        facts: state.facts,
        stage: state.stage,
        stageSince,
        recentEventIds: recent.slice(-REMEMBERED_EVENT_IDS),
        eventsApplied: state.eventsApplied,
        generation: state.generation + 1,
        healthScore: state.healthScore,
        pendingEventIds: [...carried.map((event) => event.eventId), ...backlog, ...inbox.map((event) => event.eventId)],
        runningJourneys: [...running],
        silenceHeld,
      });
    }
  }
}
