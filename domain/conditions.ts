import { z } from 'zod';
import { type Stage, stageSchema } from './stages.js';

/** What a branch can look at: the customer as the run sees it, and the last event the run received. */
export interface BranchContext {
  stage: Stage | null;
  tags: string[];
  profile: Record<string, string | undefined>;
  lastEvent?: { type: string; properties: Record<string, unknown> };
}

/** A test on the customer or the last event; combine with `all`, `any`, `not`. */
export type Condition =
  | { stageIn: Stage[] }
  | { hasTag: string }
  | { profile: string; equals: string }
  | { eventProperty: string; equals?: string | number | boolean; atLeast?: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ stageIn: z.array(stageSchema).min(1) }),
    z.strictObject({ hasTag: z.string().min(1) }),
    z.strictObject({ profile: z.enum(['locale', 'timezone', 'email', 'phone', 'name']), equals: z.string() }),
    z
      .strictObject({ eventProperty: z.string().min(1), equals: z.union([z.string(), z.number(), z.boolean()]).optional(), atLeast: z.number().optional() })
      .refine((c) => (c.equals === undefined) !== (c.atLeast === undefined), 'give exactly one of equals or atLeast'),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

export function evaluate(condition: Condition, context: BranchContext): boolean {
  if ('stageIn' in condition) return context.stage !== null && condition.stageIn.includes(context.stage);
  if ('hasTag' in condition) return context.tags.includes(condition.hasTag);
  if ('profile' in condition) return context.profile[condition.profile] === condition.equals;
  if ('eventProperty' in condition) {
    const value = context.lastEvent?.properties[condition.eventProperty];
    if (condition.atLeast !== undefined) return typeof value === 'number' && value >= condition.atLeast;
    return value === condition.equals;
  }
  if ('all' in condition) return condition.all.every((c) => evaluate(c, context));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, context));
  return !evaluate(condition.not, context);
}

/** A short text for diagrams and run details, e.g. `stage in [high_value]`. */
export function describeCondition(condition: Condition): string {
  if ('stageIn' in condition) return `stage in [${condition.stageIn.join(', ')}]`;
  if ('hasTag' in condition) return `tag ${condition.hasTag}`;
  if ('profile' in condition) return `${condition.profile} = ${condition.equals}`;
  if ('eventProperty' in condition) {
    return condition.atLeast !== undefined
      ? `event.${condition.eventProperty} ≥ ${condition.atLeast}`
      : `event.${condition.eventProperty} = ${String(condition.equals)}`;
  }
  if ('all' in condition) return condition.all.map(describeCondition).join(' and ');
  if ('any' in condition) return condition.any.map(describeCondition).join(' or ');
  return `not (${describeCondition(condition.not)})`;
}
