import { z } from 'zod';
import { STAGES } from './stage-names.js';

// The names live apart from zod so the console can bundle them without it.
export { STAGE_LABELS, STAGES, type Stage } from './stage-names.js';

export const stageSchema = z.enum(STAGES);

/** Version of the stage rules; recorded with every stage change. */
export const STAGE_RULES_VERSION = 'stage-rules@1';
