import { durationToMs } from '../domain/durations.js';
import type { Journey } from '../domain/journey.js';
import { BACKFILLED_ID, JourneyEntryModel, journeyEntryId } from './models/journey-entry.js';
import { JourneyRunModel } from './models/journey-run.js';

/** Notes a run's start or end in its journey-and-customer row (the run's report row does it as it is written). */
export async function noteJourneyEntry({ journeyId, customerId, status, trigger, at }: { journeyId: string; customerId: string; status: 'running' | 'finished'; trigger?: string; at: Date }): Promise<void> {
  const dated = status === 'running' && trigger?.startsWith('date:') ? { $addToSet: { dateTriggers: trigger } } : {};
  await JourneyEntryModel.updateOne({ _id: journeyEntryId(journeyId, customerId) }, { $set: status === 'running' ? { lastStartedAt: at } : { lastFinishedAt: at }, ...dated }, { upsert: true });
}

let backfilled = false;

/**
 * Folds the runs recorded before journey_entries existed into it, once per store: one pass over
 * journey_runs at worker start, then a marker row. Until then the re-entry check also reads the runs.
 */
export async function backfillJourneyEntries(): Promise<number> {
  if (await JourneyEntryModel.exists({ _id: BACKFILLED_ID })) return 0;
  const latest = new Map<string, { started?: Date; finished?: Date }>();
  for await (const run of JourneyRunModel.find({}, { journeyId: 1, customerId: 1, startedAt: 1, finishedAt: 1 }).lean().cursor()) {
    const id = journeyEntryId(run.journeyId, run.customerId);
    const seen = latest.get(id) ?? {};
    if (run.startedAt && !(seen.started && seen.started >= run.startedAt)) seen.started = run.startedAt;
    if (run.finishedAt && !(seen.finished && seen.finished >= run.finishedAt)) seen.finished = run.finishedAt;
    latest.set(id, seen);
  }
  for (const [_id, { started, finished }] of latest) {
    // $max: a run that recorded itself meanwhile keeps its later time.
    await JourneyEntryModel.updateOne({ _id }, { $max: { ...(started ? { lastStartedAt: started } : {}), ...(finished ? { lastFinishedAt: finished } : {}) } }, { upsert: true });
  }
  await JourneyEntryModel.updateOne({ _id: BACKFILLED_ID }, { $set: { lastStartedAt: new Date() } }, { upsert: true });
  backfilled = true;
  return latest.size;
}

async function isBackfilled(): Promise<boolean> {
  backfilled ||= Boolean(await JourneyEntryModel.exists({ _id: BACKFILLED_ID }));
  return backfilled;
}

/**
 * Why the journey's re-entry policy keeps the customer out now; undefined lets them in. Checked
 * against the runs the store remembers (Temporal forgets a closed run's id once retention has passed),
 * by one `_id` lookup of the customer's row for the journey.
 */
export async function reentryRefusal(journey: Journey, customerId: string, now = Date.now()): Promise<string | undefined> {
  if (journey.reentry === 'always') return undefined;
  const entry = (await JourneyEntryModel.findById(journeyEntryId(journey.id, customerId)).lean()) ?? (await isBackfilled() ? null : await entryFromRuns(journey.id, customerId));
  if (journey.reentry === 'never') return entry ? 're-entry policy "never": the customer already ran this journey' : undefined;
  const until = entry?.lastFinishedAt && entry.lastFinishedAt.getTime() + durationToMs(journey.reentry.after);
  return until && until > now ? `re-entry policy: not again within ${journey.reentry.after} of the last run (until ${new Date(until).toISOString()})` : undefined;
}

/** Before the backfill: the row as the customer's runs would make it (a scan on FerretDB). */
async function entryFromRuns(journeyId: string, customerId: string): Promise<{ lastFinishedAt?: Date | null } | null> {
  if (!(await JourneyRunModel.exists({ journeyId, customerId }))) return null;
  const last = await JourneyRunModel.findOne({ journeyId, customerId, status: 'finished' }, { finishedAt: 1 }).sort({ finishedAt: -1 }).lean();
  return { lastFinishedAt: last?.finishedAt ?? null };
}
