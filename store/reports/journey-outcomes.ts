import { CustomerModel } from '../models/customer.js';
import { JourneyRunModel } from '../models/journey-run.js';

export interface RunCounts {
  entered: number;
  inProgress: number;
  /** Finished runs by outcome: `goal_reached`, `refused`, `failed`, `exited`, `completed`. */
  finished: Record<string, number>;
}

/** Runs of these journeys: entered, in progress, and finished by outcome (one `$group` over `journey_runs`). */
export async function runCounts(journeyIds: readonly string[]): Promise<RunCounts> {
  const groups = await JourneyRunModel.aggregate<{ _id: { status: string; outcome?: string | null }; count: number }>([
    { $match: { journeyId: { $in: [...journeyIds] } } },
    { $group: { _id: { status: '$status', outcome: '$outcome' }, count: { $sum: 1 } } },
  ]);
  const counts: RunCounts = { entered: 0, inProgress: 0, finished: {} };
  for (const { _id, count } of groups) {
    counts.entered += count;
    if (_id.status === 'running') counts.inProgress += count;
    else counts.finished[_id.outcome ?? 'unknown'] = (counts.finished[_id.outcome ?? 'unknown'] ?? 0) + count;
  }
  return counts;
}

/**
 * The cold pool and why each customer is in it (the reason of the change that put them there), counted
 * per reason. Reads the stage history of the cold customers: a scan on FerretDB, bounded by the pool.
 */
export async function coldPoolReasons(): Promise<{ count: number; reasons: { reason: string; count: number }[] }> {
  const reasons = new Map<string, number>();
  let count = 0;
  for await (const customer of CustomerModel.find({ stage: 'cold', mergedInto: null }, { stageHistory: 1 }).lean().cursor()) {
    count++;
    const entered = [...(customer.stageHistory ?? [])].reverse().find((change) => change.to === 'cold');
    const reason = entered?.reason ?? 'unknown';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return { count, reasons: [...reasons].map(([reason, n]) => ({ reason, count: n })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)) };
}
