import type { CustomerEvent } from '../domain/events.js';
import type { Journey } from '../domain/journey.js';
import type { Stage } from '../domain/stages.js';

/** Starts one journey run, unless one runs or the re-entry policy forbids it (the Temporal client does it). */
export interface JourneyStarter {
  start(journey: Journey, customerId: string, trigger: string, event?: CustomerEvent): Promise<{ workflowId: string; started: boolean; alreadyRunning?: boolean; reason?: string }>;
  /** Hands events to a run, in order; false when there is no such run (it ended). */
  handEvents(workflowId: string, events: CustomerEvent[]): Promise<boolean>;
}

export interface JourneyEntryDeps {
  journeys: readonly Journey[];
  starter: JourneyStarter;
}

/** What makes journeys enter: a stage the customer entered, or an event they sent (which the runs started get as their first). */
export type EntryTrigger = { customerId: string } & ({ stage: Stage } | { eventType: string; event?: CustomerEvent });

export interface EntryResult {
  /** Workflow ids of the runs started now. */
  started: string[];
  /** Ids of runs already running (they receive the customer's events). */
  running: string[];
  refused: { journeyId: string; reason: string }[];
}

/** The lifecycle's hands on journey runs: each activity does one thing to them. */
export function createJourneyEntryActivities({ journeys, starter }: JourneyEntryDeps) {
  /** Starts the journeys this stage or event is the entry of, where their re-entry policy lets the customer in. */
  async function startJourneys(trigger: EntryTrigger): Promise<EntryResult> {
    const label = 'stage' in trigger ? `stage:${trigger.stage}` : `event:${trigger.eventType}`;
    const entering = journeys.filter((j) => ('stage' in trigger ? 'stage' in j.entry && j.entry.stage === trigger.stage : 'event' in j.entry && j.entry.event === trigger.eventType));
    const results = await Promise.all(entering.map(async (journey) => ({ journey, result: await starter.start(journey, trigger.customerId, label, 'event' in trigger ? trigger.event : undefined) })));
    return {
      started: results.filter(({ result }) => result.started).map(({ result }) => result.workflowId),
      running: results.filter(({ result }) => result.alreadyRunning).map(({ result }) => result.workflowId),
      refused: results.filter(({ result }) => !result.started).map(({ journey, result }) => ({ journeyId: journey.id, reason: result.reason ?? '' })),
    };
  }

  /** Hands the events to each of the customer's running journeys; returns the runs that have ended. */
  async function handEventsToJourneys({ workflowIds, events }: { workflowIds: string[]; events: CustomerEvent[] }): Promise<{ ended: string[] }> {
    const reached = await Promise.all(workflowIds.map((workflowId) => starter.handEvents(workflowId, events)));
    return { ended: workflowIds.filter((_, k) => !reached[k]) };
  }

  return { startJourneys, handEventsToJourneys };
}
