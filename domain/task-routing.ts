import { z } from 'zod';
import { durationSchema, durationToMs } from './durations.js';
import { type Stage, stageSchema } from './stages.js';

/** Tasks for the customer themselves (the welcome survey): no team works them, so no rule routes them. */
export const CUSTOMER_QUEUE = 'customer';

/** Where urgent reviews go (complaints, clearly negative messages); an open one holds the customer's marketing sends. */
export const URGENT_REVIEW_QUEUE = 'urgent-review';

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** What opened a task: a journey step, a complaint, or a clearly negative message. */
export const TASK_TRIGGERS = ['journey', 'complaint', 'negative-message'] as const;
export type TaskTrigger = (typeof TASK_TRIGGERS)[number];

const names = z.array(z.string().min(1)).min(1);

/** Every condition given must hold; within one, any listed value does (`tags`: the customer has any of them). */
const ruleConditionsSchema = z.strictObject({
  stage: z.array(stageSchema).min(1).optional(),
  tags: names.optional(),
  journey: names.optional(),
  /** The queue the step (or the lifecycle) asked for. */
  queue: names.optional(),
  trigger: z.array(z.enum(TASK_TRIGGERS)).min(1).optional(),
});

const ruleRouteSchema = z
  .strictObject({
    queue: z.string().min(1).optional(),
    assignee: z.string().min(1).optional(),
    priority: z.enum(TASK_PRIORITIES).optional(),
    /** The task's due time from now; a journey's humanTask still escalates on its own step's SLA. */
    sla: durationSchema.optional(),
  })
  .refine((route) => Object.keys(route).length > 0, 'set at least one of queue, assignee, priority, sla');

const ruleSchema = z.strictObject({
  /** Recorded on each task it routes (`routedBy`), for audit. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a name like "complaints-team" (lower case, digits, dashes)'),
  when: ruleConditionsSchema.default({}),
  route: ruleRouteSchema,
});

/** The business's routing rules, tried in order: the first that matches routes the task. */
export const taskRoutingSchema = z
  .strictObject({ rules: z.array(ruleSchema) })
  .superRefine(({ rules }, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.name)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'name'], message: `"${rule.name}" names an earlier rule too` });
      seen.add(rule.name);
    });
  });

export type TaskRouting = z.infer<typeof taskRoutingSchema>;
export type TaskRoutingRule = TaskRouting['rules'][number];

/** A task as its opener asks for it, with what the rules look at. */
export interface TaskRequest {
  queue: string;
  trigger: TaskTrigger;
  journeyId?: string;
  priority: TaskPriority;
  slaMs: number;
  customer: { stage: Stage | null; tags: readonly string[] };
}

/** Where a task goes; `routedBy` is the rule that sent it there, null when none did. */
export interface TaskRoute {
  queue: string;
  assignee?: string;
  priority: TaskPriority;
  slaMs: number;
  routedBy: string | null;
}

const oneOf = <T>(allowed: readonly T[] | undefined, value: T | null | undefined) => !allowed || (value != null && allowed.includes(value));

export function ruleMatches({ when }: TaskRoutingRule, request: TaskRequest): boolean {
  return (
    oneOf(when.stage, request.customer.stage) &&
    (!when.tags || when.tags.some((tag) => request.customer.tags.includes(tag))) &&
    oneOf(when.journey, request.journeyId) &&
    oneOf(when.queue, request.queue) &&
    oneOf(when.trigger, request.trigger)
  );
}

/** Routes a task by the first rule that matches; a task for the customer, or one no rule matches, stays as asked. */
export function routeTask({ rules }: TaskRouting, request: TaskRequest): TaskRoute {
  const asked: TaskRoute = { queue: request.queue, priority: request.priority, slaMs: request.slaMs, routedBy: null };
  if (request.queue === CUSTOMER_QUEUE) return asked;
  const rule = rules.find((candidate) => ruleMatches(candidate, request));
  if (!rule) return asked;
  const { queue, assignee, priority, sla } = rule.route;
  return {
    queue: queue ?? request.queue,
    ...(assignee ? { assignee } : {}),
    priority: priority ?? request.priority,
    slaMs: sla ? durationToMs(sla) : request.slaMs,
    routedBy: rule.name,
  };
}
