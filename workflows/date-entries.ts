import { continueAsNew, proxyActivities, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { EnrolmentCounts } from '../activities/enrolment.js';

const { dateEntryJourneys, enrolDueDates } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

const PAGE_SIZE = 500;
const PAGES_PER_RUN = 20;

export interface DateSweep {
  /** The moment the sweep looks at (its firing): every page decides "today" and "reached `at`" by it. */
  now: string;
  /** Date-entry journeys still to sweep, the first one in progress. */
  journeyIds: string[];
  afterId: string | null;
  /** Per journey swept or in progress. */
  counts: Record<string, EnrolmentCounts>;
}

const describe = (sweep: DateSweep) =>
  `Date entries at ${sweep.now}: ` +
  (Object.entries(sweep.counts)
    .map(([id, c]) => `**${id}** due ${c.matched} · started ${c.started} · already running ${c.running} · entered before or refused ${c.refused}`)
    .join('; ') || 'no date-entry journeys');

/**
 * The hourly sweep of date entries (Temporal Schedule `tideway:date-entries`): for each journey that
 * enters on a date, pages through the customers whose date can be today somewhere and enters those
 * whose local day it is and whose local time has reached the entry's `at`. A later firing enters the
 * ones whose time had not come yet; an occurrence entered once is not entered again.
 */
export async function dateEntries(input: Partial<DateSweep> = {}): Promise<DateSweep> {
  const sweep: DateSweep = {
    now: input.now ?? new Date(Date.now()).toISOString(),
    journeyIds: input.journeyIds ?? (await dateEntryJourneys.executeWithOptions({ summary: 'the journeys that enter on a date' }, [])),
    afterId: input.afterId ?? null,
    counts: input.counts ?? {},
  };
  for (let pages = 0; sweep.journeyIds.length; pages++) {
    if (pages === PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) await continueAsNew<typeof dateEntries>(sweep);
    const journeyId = sweep.journeyIds[0]!;
    setCurrentDetails(describe(sweep));
    const page = await enrolDueDates.executeWithOptions({ summary: `${journeyId}: customers after ${sweep.afterId ?? 'the first'}` }, [
      { journeyId, now: sweep.now, afterId: sweep.afterId, pageSize: PAGE_SIZE },
    ]);
    const counts = (sweep.counts[journeyId] ??= { examined: 0, matched: 0, started: 0, running: 0, refused: 0 });
    for (const key of ['examined', 'matched', 'started', 'running', 'refused'] as const) counts[key] += page[key];
    sweep.afterId = page.examined < PAGE_SIZE ? null : page.lastId;
    if (!sweep.afterId) sweep.journeyIds = sweep.journeyIds.slice(1);
  }
  setCurrentDetails(describe(sweep));
  return sweep;
}
