import { setHandler } from '@temporalio/workflow';
import type { CustomerEvent } from '../domain/events.js';
import { allSteps, type Journey } from '../domain/journey.js';
import { type Refusal, refusalIn, refusalReason } from '../domain/refusal.js';
import { approvalDecidedSignal, customerEventSignal, endRunSignal, type RunOutcome, taskCompletedSignal } from './messages.js';
import type { RunResume } from './run-resume.js';

/**
 * Event ids a run remembers across continue-as-new, to ignore an event delivered twice: this many of
 * the events it waits for (a second delivery of one would change its path), and as many of the others.
 */
const REMEMBERED_EVENT_IDS = 500;

/** Thrown inside the run to stop it where it is: an `end` step, or a goal or exit event. */
export class StopRun {
  constructor(
    readonly outcome: RunOutcome,
    readonly reason: string,
  ) {}
}

type Carried = Pick<RunResume, 'awaitedEventIds' | 'seenEventIds' | 'lastEvent' | 'completedTasks' | 'decisions'>;

/** What reaches a run from outside (its customer's events, completed tasks, decisions, an end request), from what an earlier run carried on. */
export class RunInbox {
  readonly events: CustomerEvent[];
  readonly completedTasks: Map<string, string>;
  readonly decisions: Map<string, 'approved' | 'rejected'>;
  /** Set by a goal, exit or refusing event, or a request to end: the run stops at the wait it is in, or before its next step. */
  interrupt: StopRun | null = null;
  /** The run is finishing: nothing stops it any more. */
  ending = false;
  /** The reply that stopped the run as `refused`, for the refusal path (the opt-out, the `then` steps). */
  refusal: Refusal | null = null;
  private readonly seenEvents: Set<string>;
  /** Types the run waits for (an event step, the goal, an exit), and the ids of those it heard. */
  private readonly awaitedTypes: Set<string>;
  private readonly awaitedIds: Set<string>;

  /** `entered`: the event the run entered on (its first event; a continued run carries its last one instead). */
  constructor(journey: Journey, carried?: Carried, entered?: CustomerEvent) {
    const first = carried ? carried.lastEvent : entered;
    this.events = first ? [first] : [];
    this.seenEvents = new Set([...(carried?.awaitedEventIds ?? []), ...(carried?.seenEventIds ?? []), ...(!carried && entered ? [entered.eventId] : [])]);
    this.awaitedIds = new Set(carried?.awaitedEventIds);
    this.awaitedTypes = new Set([...allSteps(journey).flatMap((step) => (step.kind === 'waitForEvent' ? step.events : [])), ...(journey.goal?.events ?? []), ...(journey.exit?.events ?? []), ...(journey.refusal?.events ?? [])]);
    this.completedTasks = new Map(Object.entries(carried?.completedTasks ?? {}));
    this.decisions = new Map(Object.entries(carried?.decisions ?? {}));
    setHandler(customerEventSignal, (event) => {
      if (this.seenEvents.has(event.eventId) || this.interrupt || this.ending) return;
      this.seenEvents.add(event.eventId);
      if (this.awaitedTypes.has(event.type)) this.awaitedIds.add(event.eventId);
      this.events.push(event);
      // Runs whose snapshot has no refusal clause (all those started before it) hear events as they did.
      const refusal = journey.refusal?.events.includes(event.type) ? refusalIn(event) : undefined;
      if (refusal) {
        this.refusal = refusal;
        this.interrupt = new StopRun('refused', refusalReason(refusal));
      } else if (journey.goal?.events.includes(event.type)) this.interrupt = new StopRun('goal_reached', event.type);
      else if (journey.exit?.events.includes(event.type)) this.interrupt = new StopRun('exited', event.type);
    });
    const goalTasks = journey.goal?.tasks ?? [];
    setHandler(taskCompletedSignal, ({ taskKey, outcome }) => {
      this.completedTasks.set(taskKey, outcome);
      if (this.interrupt || this.ending) return;
      // A task key is `<runId>:<step key>`, and a run id holds no colon.
      const step = taskKey.slice(taskKey.indexOf(':') + 1);
      if (goalTasks.some((goal) => goal.step === step && goal.outcomes.includes(outcome))) this.interrupt = new StopRun('goal_reached', `task ${step}: ${outcome}`);
    });
    setHandler(approvalDecidedSignal, ({ approvalKey, decision }) => void this.decisions.set(approvalKey, decision));
    // Stops the run like an exit event: at the wait it is in, or before its next step.
    setHandler(endRunSignal, ({ reason }) => {
      if (!this.interrupt && !this.ending) this.interrupt = new StopRun('exited', reason);
    });
  }

  /** The event the run entered on or received last, as branches and templates see it. */
  latest(): { type: string; properties: Record<string, unknown> } | undefined {
    const last = this.events.at(-1);
    return last && { type: last.type, properties: last.properties };
  }

  /** The run finishes: goal and exit events, and requests to end, no longer stop it. */
  finish(): void {
    this.ending = true;
    this.interrupt = null;
  }

  /** What the continued run needs to go on hearing as this one did. */
  carry(): Carried {
    return {
      awaitedEventIds: [...this.awaitedIds].slice(-REMEMBERED_EVENT_IDS),
      seenEventIds: [...this.seenEvents].filter((id) => !this.awaitedIds.has(id)).slice(-REMEMBERED_EVENT_IDS),
      lastEvent: this.events.at(-1),
      completedTasks: Object.fromEntries(this.completedTasks),
      decisions: Object.fromEntries(this.decisions),
    };
  }
}
