import { z } from 'zod';
import { type Condition, conditionSchema } from './conditions.js';
import type { DateEntry } from './date-entry.js';
import { journeyEntrySchema } from './entry-schema.js';
import type { ScheduleEntry } from './schedule-entry.js';
import { type Duration, durationSchema } from './durations.js';
import { canonicalJson, stableHash } from './hash.js';
import { type Stage, stageSchema } from './stages.js';
import { type LocalWindow, localWindowSchema } from './local-time.js';
import { allSteps } from './step-paths.js';
import type { TemplateCatalogue } from './templates.js';

export { allSteps, childPaths } from './step-paths.js';

/** Every step has a key, unique in its journey: runs, reports and diagrams name steps by it. */
interface StepBase {
  key: string;
}

export interface SendStep extends StepBase {
  kind: 'send';
  channel: 'email' | 'sms' | 'wecom';
  template: string;
  /** `marketing` (the default) obeys quiet hours and frequency caps; `transactional` goes at once. */
  purpose?: 'marketing' | 'transactional';
  /** When a frequency cap is full: wait for the next free slot (the default), or skip the message. */
  whenCapped?: 'wait' | 'skip';
}
/** Waits a real duration, or until the next allowed window in the customer's local time. */
export interface WaitStep extends StepBase {
  kind: 'wait';
  duration?: Duration;
  untilWindow?: LocalWindow;
}
/** Waits for one of the events until the timeout (the SLA), then goes on down one of two paths. */
export interface WaitForEventStep extends StepBase {
  kind: 'waitForEvent';
  events: string[];
  timeout: Duration;
  onEvent: Step[];
  onTimeout: Step[];
}
export interface BranchStep extends StepBase {
  kind: 'branch';
  cases: { when: Condition; steps: Step[] }[];
  otherwise: Step[];
}
/** A sticky A/B split: the same customer always gets the same arm of the same experiment. */
export interface SplitStep extends StepBase {
  kind: 'split';
  experiment: string;
  /**
   * `holdout: true` marks the control arm (at most one, with `steps: []`): its runs skip the outward effects of
   * every later step (no message, task, approval, webhook, stage or tag) but keep the waits, so they watch for the
   * goal as long as the other arms and the report compares their conversion with the holdout's.
   */
  arms: { name: string; weight: number; holdout?: boolean; steps: Step[] }[];
}
export interface SetStageStep extends StepBase {
  kind: 'setStage';
  stage: Stage;
  reason: string;
  /** Only move a customer who is in one of these stages (so a journey never demotes someone the lifecycle moved on). */
  onlyFrom?: Stage[];
}
export interface TagStep extends StepBase {
  kind: 'tag';
  add?: string[];
  remove?: string[];
}
/** Opens a task and goes on at once (a guided task for the customer, or a heads-up for a team). */
export interface TaskStep extends StepBase {
  kind: 'task';
  title: string;
  queue: string;
  sla: Duration;
  /** The outcomes the person completing it picks from (the inbox offers them; free text stays possible). */
  outcomes?: string[];
}
/** Opens a task for a team and waits for it to be completed, or for its SLA; overdue runs the escalation path. */
export interface HumanTaskStep extends StepBase {
  kind: 'humanTask';
  title: string;
  queue: string;
  sla: Duration;
  /** The outcomes the person completing it picks from (the inbox offers them; free text stays possible). */
  outcomes?: string[];
  onCompleted?: Step[];
  onOverdue: Step[];
}
/** Holds a sensitive customer's run until someone approves; a rejection or the timeout takes the other path. */
export interface ApprovalStep extends StepBase {
  kind: 'approval';
  /** Only customers matching this need approval; others pass straight through. */
  when: Condition;
  reason: string;
  timeout: Duration;
  onRejected: Step[];
}
export interface ColdPoolStep extends StepBase {
  kind: 'coldPool';
  reason: string;
}
/** Calls a configured endpoint (a CRM, another system) with a signed JSON body. */
export interface WebhookStep extends StepBase {
  kind: 'webhook';
  target: string;
  event: string;
}
/** Ends the run here with an outcome, e.g. `failed` with the reason reports show. */
export interface EndStep extends StepBase {
  kind: 'end';
  outcome: 'completed' | 'failed';
  reason: string;
}

export type Step =
  | SendStep
  | WaitStep
  | WaitForEventStep
  | BranchStep
  | SplitStep
  | SetStageStep
  | TagStep
  | TaskStep
  | HumanTaskStep
  | ApprovalStep
  | ColdPoolStep
  | WebhookStep
  | EndStep;

const key = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a kebab-case key like "welcome-email"');
const outcome = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a kebab-case outcome like "won-back"');
const taskOutcomes = z.array(outcome).min(1).optional();
const steps = () => z.array(stepSchema);

/** A split has at most one holdout arm, and it sends nothing, so it has no steps of its own. */
function holdoutArmRules(arms: SplitStep['arms'], ctx: z.RefinementCtx): void {
  const holdouts = arms.flatMap((arm, index) => (arm.holdout ? [index] : []));
  if (holdouts.length > 1) ctx.addIssue({ code: 'custom', message: `at most one holdout arm per split (${holdouts.map((i) => `"${arms[i]!.name}"`).join(', ')})` });
  for (const index of holdouts) {
    if (arms[index]!.steps.length) {
      ctx.addIssue({ code: 'custom', message: `holdout arm "${arms[index]!.name}" sends nothing, so it has no steps of its own: give it steps: []`, path: [index, 'steps'] });
    }
  }
}

export const stepSchema: z.ZodType<Step> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('send'),
      key,
      channel: z.enum(['email', 'sms', 'wecom']),
      template: z.string().min(1),
      purpose: z.enum(['marketing', 'transactional']).optional(),
      whenCapped: z.enum(['wait', 'skip']).optional(),
    }),
    z
      .strictObject({ kind: z.literal('wait'), key, duration: durationSchema.optional(), untilWindow: localWindowSchema.optional() })
      .refine((s) => (s.duration === undefined) !== (s.untilWindow === undefined), 'give exactly one of duration or untilWindow'),
    z.strictObject({
      kind: z.literal('waitForEvent'),
      key,
      events: z.array(z.string().min(1)).min(1),
      timeout: durationSchema,
      onEvent: steps(),
      onTimeout: steps(),
    }),
    z.strictObject({
      kind: z.literal('branch'),
      key,
      cases: z.array(z.strictObject({ when: conditionSchema, steps: steps() })).min(1),
      otherwise: steps(),
    }),
    z.strictObject({
      kind: z.literal('split'),
      key,
      experiment: z.string().min(1),
      arms: z
        .array(z.strictObject({ name: z.string().min(1), weight: z.number().int().positive(), holdout: z.boolean().optional(), steps: steps() }))
        .min(2)
        .superRefine(holdoutArmRules),
    }),
    z.strictObject({ kind: z.literal('setStage'), key, stage: stageSchema, reason: z.string().min(1), onlyFrom: z.array(stageSchema).min(1).optional() }),
    z
      .strictObject({ kind: z.literal('tag'), key, add: z.array(z.string().min(1)).optional(), remove: z.array(z.string().min(1)).optional() })
      .refine((s) => (s.add?.length ?? 0) + (s.remove?.length ?? 0) > 0, 'add or remove at least one tag'),
    z.strictObject({ kind: z.literal('task'), key, title: z.string().min(1), queue: z.string().min(1), sla: durationSchema, outcomes: taskOutcomes }),
    z.strictObject({
      kind: z.literal('humanTask'),
      key,
      title: z.string().min(1),
      queue: z.string().min(1),
      sla: durationSchema,
      outcomes: taskOutcomes,
      onCompleted: steps().optional(),
      onOverdue: steps(),
    }),
    z.strictObject({ kind: z.literal('approval'), key, when: conditionSchema, reason: z.string().min(1), timeout: durationSchema, onRejected: steps() }),
    z.strictObject({ kind: z.literal('coldPool'), key, reason: z.string().min(1) }),
    z.strictObject({ kind: z.literal('webhook'), key, target: z.string().regex(/^[a-z][a-z0-9-]*$/), event: z.string().min(1) }),
    z.strictObject({ kind: z.literal('end'), key, outcome: z.enum(['completed', 'failed']), reason: z.string().min(1) }),
  ]),
);

/** A task step whose completion with one of these outcomes reaches the goal (a survey done, a call that won the customer back). */
export interface GoalTask {
  step: string;
  outcomes: string[];
}

export interface JourneyDefinition {
  id: string;
  name: string;
  /**
   * A run starts when the customer enters this stage, when this event arrives, on a date in their profile
   * (domain/date-entry.ts), or for the customers in a segment at each firing of a schedule (domain/schedule-entry.ts).
   */
  entry: { stage: Stage } | { event: string } | { date: DateEntry } | { schedule: ScheduleEntry };
  /** `never`: once in a customer's lifetime; `always`: whenever no run is active; `{ after }`: not again within that period. */
  reentry: 'never' | 'always' | { after: Duration };
  /**
   * Events that mean the journey worked, and tasks completed with an outcome that means it: the run ends
   * at once (outcome `goal_reached`) after the `then` steps.
   */
  goal?: { events: string[]; tasks?: GoalTask[]; then: Step[] };
  /** Events that make the journey pointless: the run ends at once (outcome `exited`). */
  exit?: { events: string[] };
  /**
   * Events whose text refuses (不需要, stop, not interested: domain/refusal.ts): the run ends at once (outcome
   * `refused`, with the phrase and the reply), not as the goal; the customer is opted out of marketing on the
   * reply's channel, then the `then` steps run.
   */
  refusal?: { events: string[]; then: Step[] };
  steps: Step[];
}

export const journeySchema: z.ZodType<JourneyDefinition> = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1),
    entry: journeyEntrySchema,
    reentry: z.union([z.enum(['never', 'always']), z.strictObject({ after: durationSchema })]),
    goal: z
      .strictObject({
        events: z.array(z.string().min(1)).min(1),
        tasks: z.array(z.strictObject({ step: key, outcomes: z.array(outcome).min(1) })).min(1).optional(),
        then: steps(),
      })
      .optional(),
    exit: z.strictObject({ events: z.array(z.string().min(1)).min(1) }).optional(),
    refusal: z.strictObject({ events: z.array(z.string().min(1)).min(1), then: steps() }).optional(),
    steps: steps().min(1),
  })
  .superRefine((journey, ctx) => {
    const seen = new Set<string>();
    for (const step of allSteps(journey)) {
      if (seen.has(step.key)) ctx.addIssue({ code: 'custom', message: `step key "${step.key}" is used twice`, path: ['steps'] });
      seen.add(step.key);
    }
    for (const [index, goalTask] of (journey.goal?.tasks ?? []).entries()) {
      const step = allSteps(journey).find((candidate) => candidate.key === goalTask.step);
      const path = ['goal', 'tasks', index];
      if (step?.kind !== 'task' && step?.kind !== 'humanTask') {
        ctx.addIssue({ code: 'custom', message: `goal task "${goalTask.step}" is not a task step of the journey`, path });
      } else if (step.outcomes) {
        const unknown = goalTask.outcomes.filter((name) => !step.outcomes!.includes(name));
        if (unknown.length) ctx.addIssue({ code: 'custom', message: `goal task "${goalTask.step}": ${unknown.map((n) => `"${n}"`).join(', ')} not among the step's outcomes`, path });
      }
    }
  });

/** A validated definition with the version hash that runs carry from the moment they start. */
export interface Journey extends JourneyDefinition {
  version: string;
  /** The templates its send steps name, as they were when the catalogue loaded (see `withTemplates`). */
  templates?: TemplateCatalogue;
}

/** The version hash of a journey's content: any change to it is a new version. */
export const versionOf = (content: object): string => stableHash(canonicalJson(content)).slice(0, 12);

/** Validates a definition and stamps its version. Throws a readable error naming the journey and the step path. */
export function defineJourney(definition: JourneyDefinition): Journey {
  const parsed = journeySchema.safeParse(definition);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new JourneyDefinitionError(`Journey "${definition.id}" is invalid:\n${problems.join('\n')}`);
  }
  return { ...parsed.data, version: versionOf(parsed.data) };
}

export class JourneyDefinitionError extends Error {
  override name = 'JourneyDefinitionError';
}
