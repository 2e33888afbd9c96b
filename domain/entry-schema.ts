import { z } from 'zod';
import { dateEntrySchema } from './date-entry.js';
import type { JourneyDefinition } from './journey.js';
import { keyedUnion } from './keyed-union.js';
import { scheduleEntrySchema } from './schedule-entry.js';
import { stageSchema } from './stages.js';

/** A journey's entry: `{ stage }`, `{ event }`, `{ date }` or `{ schedule }`, each checked on its own. */
export const journeyEntrySchema = keyedUnion<JourneyDefinition['entry']>({
  stage: z.strictObject({ stage: stageSchema }),
  event: z.strictObject({ event: z.string().min(1) }),
  date: z.strictObject({ date: dateEntrySchema }),
  schedule: z.strictObject({ schedule: scheduleEntrySchema }),
});
