import { z } from 'zod';
import { durationSchema } from './durations.js';
import { canonicalJson, stableHash } from './hash.js';
import { stageSchema } from './stages.js';

const stepKey = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a kebab-case key like "welcome-email"');

export const sendStepSchema = z.strictObject({
  kind: z.literal('send'),
  key: stepKey,
  channel: z.enum(['email']),
  template: z.string().min(1),
});

export const taskStepSchema = z.strictObject({
  kind: z.literal('task'),
  key: stepKey,
  title: z.string().min(1),
  /** `customer` = a guided task for the customer; otherwise the human team queue that owns it. */
  queue: z.string().min(1),
  sla: durationSchema,
});

export const waitStepSchema = z.strictObject({
  kind: z.literal('wait'),
  key: stepKey,
  duration: durationSchema,
});

export const setStageStepSchema = z.strictObject({
  kind: z.literal('setStage'),
  key: stepKey,
  stage: stageSchema,
  reason: z.string().min(1),
});

export const stepSchema = z.discriminatedUnion('kind', [sendStepSchema, taskStepSchema, waitStepSchema, setStageStepSchema]);

export type Step = z.infer<typeof stepSchema>;

export const journeySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1),
    /** A run starts when the customer enters this stage, or when this event arrives. */
    entry: z.union([z.strictObject({ stage: stageSchema }), z.strictObject({ event: z.string().min(1) })]),
    /** `never`: a customer runs this journey once in a lifetime; `always`: whenever the entry matches and no run is active. */
    reentry: z.enum(['never', 'always']),
    /** The event that means the journey worked: it ends the run at once, after the `then` steps. */
    goal: z.strictObject({ event: z.string().min(1), then: z.array(stepSchema) }).optional(),
    steps: z.array(stepSchema).min(1),
  })
  .superRefine((journey, ctx) => {
    const keys = [...journey.steps, ...(journey.goal?.then ?? [])].map((step) => step.key);
    keys.forEach((key, index) => {
      if (keys.indexOf(key) !== index) ctx.addIssue({ code: 'custom', message: `step key "${key}" is used twice`, path: ['steps'] });
    });
  });

export type JourneyDefinition = z.infer<typeof journeySchema>;

/** A validated definition with the version hash that runs carry from the moment they start. */
export interface Journey extends JourneyDefinition {
  version: string;
}

/** Validates a definition and stamps its version. Throws a readable error naming the journey and the step path. */
export function defineJourney(definition: JourneyDefinition): Journey {
  const parsed = journeySchema.safeParse(definition);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Journey "${definition.id}" is invalid:\n${problems.join('\n')}`);
  }
  return { ...parsed.data, version: stableHash(canonicalJson(parsed.data)).slice(0, 12) };
}
