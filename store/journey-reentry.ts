import { durationToMs } from '../domain/durations.js';
import type { Journey } from '../domain/journey.js';
import { JourneyRunModel } from './models/journey-run.js';

/**
 * Why the journey's re-entry policy keeps the customer out now; undefined lets them in. Checked
 * against the runs the store remembers: Temporal forgets a closed run's id once retention has passed.
 */
export async function reentryRefusal(journey: Journey, customerId: string, now = Date.now()): Promise<string | undefined> {
  if (journey.reentry === 'always') return undefined;
  if (journey.reentry === 'never') {
    const ran = await JourneyRunModel.exists({ journeyId: journey.id, customerId });
    return ran ? 're-entry policy "never": the customer already ran this journey' : undefined;
  }
  const last = await JourneyRunModel.findOne({ journeyId: journey.id, customerId, status: 'finished' }, { finishedAt: 1 }).sort({ finishedAt: -1 }).lean();
  const until = last?.finishedAt && last.finishedAt.getTime() + durationToMs(journey.reentry.after);
  return until && until > now ? `re-entry policy: not again within ${journey.reentry.after} of the last run (until ${new Date(until).toISOString()})` : undefined;
}
