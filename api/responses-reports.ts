/** What the dashboard's report routes answer, for the OpenAPI document. Objects are loose: a field added later is not a breaking change. */
import { z } from 'zod';
import { STAGES, stageSchema } from '../domain/stages.js';

const day = z.string().meta({ format: 'date' });
const count = z.number().int();
const share = z.number().min(0).max(1).nullable();
const byStage = z.object(Object.fromEntries(STAGES.map((stage) => [stage, count])) as Record<(typeof STAGES)[number], typeof count>);
const reasonCounts = z.array(z.object({ reason: z.string(), count }));
const durations = z.object({ count, medianMs: z.number().nullable(), p90Ms: z.number().nullable() });

export const stagesReportSchema = z.looseObject({
  from: day,
  to: day,
  now: z.looseObject({ customers: count, withStage: count, byStage, silentShare: share.describe('silent / customers with a stage; null without any') }),
  days: z.array(z.object({ day, byStage })).describe('the stage each customer held at the end of each UTC day, from their stage history'),
  moves: z.array(z.object({ from: stageSchema.nullable(), to: stageSchema, count })).describe('stage changes made in the period, most first'),
});

export const winBackReportSchema = z.looseObject({
  journeys: z.array(z.string()),
  entered: count,
  wonBack: count.describe('runs that reached the goal (a reply or an order)'),
  failed: count.describe('runs that ended as 唤醒失败'),
  refused: count.describe('runs a refusing reply ended (不需要, stop, not interested): not won back'),
  inProgress: count,
  otherwise: count.describe('runs ended otherwise: by hand or a merge (exited), or not approved (completed)'),
  successRate: share.describe('wonBack / (wonBack + failed + refused); null before any finished'),
  coldPool: z.object({ count, reasons: reasonCounts }),
});

export const welcomeReportSchema = z.looseObject({
  journeys: z.array(z.string()),
  entered: count,
  completed: count.describe('runs that reached the goal (the welcome survey)'),
  inProgress: count,
  completionRate: share.describe('completed / entered; null before any entered'),
});

export const healthReportSchema = z.looseObject({
  buckets: z.array(z.object({ from: count, to: count, count })).describe('10-point buckets, 0–9 … 90–100'),
  unscored: count,
  atRisk: z.looseObject({
    threshold: z.number(),
    total: count,
    customers: z.array(
      z.looseObject({ id: z.string(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), stage: stageSchema.nullable(), score: z.number().nullable(), reason: z.string() }),
    ),
  }),
});

const taskFigures = z.looseObject({ open: count, overdue: count, firstResponse: durations, resolution: durations });
export const tasksReportSchema = taskFigures.extend({ from: day, to: day, queues: z.array(taskFigures.extend({ queue: z.string() })) });

export const messagesReportSchema = z.looseObject({
  from: day,
  to: day,
  channels: z.array(
    z.looseObject({
      channel: z.enum(['email', 'sms', 'wecom']),
      sent: count.describe('taken by the provider and not reported failed (status sent or delivered)'),
      delivered: count,
      failed: count,
      outbox: count,
      skipped: count,
      pending: count,
      unconfirmed: count,
      skippedByReason: reasonCounts,
      failedByReason: reasonCounts,
    }),
  ),
});
