/**
 * Which worker did what, from the workflows' histories (the server's record, not the workers' logs):
 * a completed workflow task carries the identity (`pid@host`) of the worker that completed it, a started
 * activity the identity of the worker that ran its last attempt.
 */
import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time.js';
import { closedLoop } from './load.js';

export interface WorkerShare {
  workflowTasks: number;
  activities: number;
  sendEmails: number;
  /** Activities whose completing attempt was not the first: picked up after another worker died, or retried. */
  retriedActivities: number;
}

export interface Spread {
  byIdentity: Record<string, WorkerShare>;
  /** When each sendEmail started (its last attempt), ms: the dispatches the email task queue's limit governs. */
  sendEmailStarts: number[];
  /** Workflows whose history could not be read. */
  unread: number;
}

const emptyShare = (): WorkerShare => ({ workflowTasks: 0, activities: 0, sendEmails: 0, retriedActivities: 0 });

/** Reads every workflow's history, `concurrency` at a time, and adds up who did what. */
export async function workerSpread(client: Client, workflowIds: string[], concurrency = 8): Promise<Spread> {
  const spread: Spread = { byIdentity: {}, sendEmailStarts: [], unread: 0 };
  const share = (identity: string | null | undefined) => (spread.byIdentity[identity || 'unknown'] ??= emptyShare());
  await closedLoop(workflowIds, concurrency, async (workflowId) => {
    try {
      const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
      const activityType = new Map<string, string>();
      for (const event of events) {
        const scheduled = event.activityTaskScheduledEventAttributes;
        if (scheduled) activityType.set(String(event.eventId), scheduled.activityType?.name ?? '');
        if (event.workflowTaskCompletedEventAttributes) share(event.workflowTaskCompletedEventAttributes.identity).workflowTasks += 1;
        const started = event.activityTaskStartedEventAttributes;
        if (!started) continue;
        const worker = share(started.identity);
        worker.activities += 1;
        if ((started.attempt ?? 1) > 1) worker.retriedActivities += 1;
        if (activityType.get(String(started.scheduledEventId)) === 'sendEmail') {
          worker.sendEmails += 1;
          spread.sendEmailStarts.push(tsToMs(event.eventTime));
        }
      }
      return { accepted: 1, status: 200 };
    } catch {
      spread.unread += 1;
      return { accepted: 0, status: 0 };
    }
  });
  return spread;
}
