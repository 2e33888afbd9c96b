import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import type { Journey } from '../domain/journey.js';
import { inLanes, STORE_CALLS_AT_ONCE } from '../store/connection.js';
import { segmentPage } from '../store/segment-query.js';

/** Starts a run for an enrolment the lifecycle did not make, and tells the customer's lifecycle so the run gets their events. */
export interface JourneyEnroller {
  enroll(journey: Journey, customerId: string, trigger: string): Promise<{ workflowId: string; started: boolean; alreadyRunning?: boolean; reason?: string }>;
}

export interface EnrolmentDeps {
  journeys: readonly Journey[];
  runner: JourneyEnroller;
}

/** What one page of an enrolment did; the workflow adds the pages up for the Temporal UI. */
export interface EnrolmentCounts {
  /** Customers the page looked at. */
  examined: number;
  /** Of those, in the segment (or due on their date). */
  matched: number;
  started: number;
  /** A run of the journey was in progress already. */
  running: number;
  /** The re-entry policy kept them out (or, for a date, they entered on this occurrence already). */
  refused: number;
}

export interface EnrolmentPage extends EnrolmentCounts {
  /** The last customer looked at; null when none were left. */
  lastId: string | null;
}

/** Starts the runs of one page's customers, a few at a time, counting what became of each. */
export async function enrolAll(runner: JourneyEnroller, journey: Journey, entries: { customerId: string; trigger: string }[]): Promise<Omit<EnrolmentCounts, 'examined' | 'matched'>> {
  const counts = { started: 0, running: 0, refused: 0 };
  await inLanes(entries, STORE_CALLS_AT_ONCE, async ({ customerId, trigger }) => {
    const result = await runner.enroll(journey, customerId, trigger);
    if (result.started) counts.started += 1;
    else if (result.alreadyRunning) counts.running += 1;
    else counts.refused += 1;
    heartbeat(customerId);
  });
  return counts;
}

/** The catalogue's journey by id, with the entry kind the caller expects; a journey no longer there or changed fails for good. */
export function journeyWithEntry<K extends 'schedule' | 'date'>(journeys: readonly Journey[], journeyId: string, kind: K): Journey & { entry: Extract<Journey['entry'], Record<K, unknown>> } {
  const journey = journeys.find((j) => j.id === journeyId);
  if (!journey || !(kind in journey.entry)) {
    const gone = new EnrolmentJourneyGoneError(journeyId, kind);
    throw ApplicationFailure.create({ type: gone.name, message: gone.message, nonRetryable: true });
  }
  return journey as Journey & { entry: Extract<Journey['entry'], Record<K, unknown>> };
}

/** Thrown when a firing names a journey the catalogue no longer has with that entry (it was removed or changed since). */
export class EnrolmentJourneyGoneError extends Error {
  override name = 'EnrolmentJourneyGoneError';
  constructor(readonly journeyId: string, readonly kind: string) {
    super(`journey "${journeyId}" is not in the catalogue with a ${kind} entry`);
  }
}

export function createEnrolmentActivities({ journeys, runner }: EnrolmentDeps) {
  /** Enrols one page of a scheduled journey's segment as it stood at the firing (`firedAt`), in customer-id order after `afterId`. */
  async function enrolSegmentPage({ journeyId, firedAt, afterId, pageSize }: { journeyId: string; firedAt: string; afterId: string | null; pageSize: number }): Promise<EnrolmentPage> {
    const journey = journeyWithEntry(journeys, journeyId, 'schedule');
    const page = await segmentPage(journey.entry.schedule.segment, { afterId, pageSize, now: Date.parse(firedAt) });
    const trigger = `schedule:${firedAt}`;
    const counts = await enrolAll(runner, journey, page.members.map((m) => ({ customerId: m.id, trigger })));
    return { ...counts, examined: page.examined, matched: page.members.length, lastId: page.lastId };
  }

  /** The journeys the catalogue enters on a date: what an hourly sweep goes through. */
  async function dateEntryJourneys(): Promise<string[]> {
    return journeys.filter((j) => 'date' in j.entry).map((j) => j.id);
  }

  return { enrolSegmentPage, dateEntryJourneys };
}
