import { continueAsNew, defineQuery, proxyActivities, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { EnrolmentCounts } from '../activities/enrolment.js';

const { enrolSegmentPage } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/** Customers read per page: one store query, one activity. */
export const ENROLMENT_PAGE_SIZE = 500;
/** Pages per run before it continues as new, carrying the cursor and the counts. */
const PAGES_PER_RUN = 20;

export interface EnrolmentProgress extends EnrolmentCounts {
  journeyId: string;
  /** The firing: the segment is what it was at this moment, on every page. */
  firedAt: string;
  afterId: string | null;
  pages: number;
  done: boolean;
}

export const enrolmentProgressQuery = defineQuery<EnrolmentProgress>('enrolmentProgress');

/** The progress in words, as the Temporal UI shows it under the run's current details. */
export const describeProgress = (p: EnrolmentProgress) =>
  `**${p.journeyId}** fired ${p.firedAt}: ${p.done ? 'done' : `page ${p.pages + 1}`} · examined ${p.examined} · in segment ${p.matched} · started ${p.started} · already running ${p.running} · refused by re-entry ${p.refused}`;

/**
 * One firing of a scheduled journey (its Temporal Schedule starts it): pages through the customers in the
 * journey's segment at the firing time, in id order, and enrols each page through one activity.
 */
export async function segmentEnrolment(input: { journeyId: string } & Partial<EnrolmentProgress>): Promise<EnrolmentProgress> {
  const progress: EnrolmentProgress = {
    journeyId: input.journeyId,
    firedAt: input.firedAt ?? new Date(Date.now()).toISOString(),
    afterId: input.afterId ?? null,
    pages: input.pages ?? 0,
    examined: input.examined ?? 0,
    matched: input.matched ?? 0,
    started: input.started ?? 0,
    running: input.running ?? 0,
    refused: input.refused ?? 0,
    done: false,
  };
  setHandler(enrolmentProgressQuery, () => progress);
  for (let pagesThisRun = 0; ; pagesThisRun++) {
    if (pagesThisRun === PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) await continueAsNew<typeof segmentEnrolment>({ ...progress });
    setCurrentDetails(describeProgress(progress));
    const page = await enrolSegmentPage.executeWithOptions({ summary: `${progress.journeyId}: customers after ${progress.afterId ?? 'the first'}` }, [
      { journeyId: progress.journeyId, firedAt: progress.firedAt, afterId: progress.afterId, pageSize: ENROLMENT_PAGE_SIZE },
    ]);
    progress.pages += 1;
    for (const key of ['examined', 'matched', 'started', 'running', 'refused'] as const) progress[key] += page[key];
    if (!page.lastId || page.examined < ENROLMENT_PAGE_SIZE) break;
    progress.afterId = page.lastId;
  }
  progress.done = true;
  setCurrentDetails(describeProgress(progress));
  return progress;
}
