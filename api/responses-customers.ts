/** What the customer list and the customer timeline answer, for the OpenAPI document. */
import { z } from 'zod';
import { ROLES } from '../domain/roles.js';
import { stageSchema } from '../domain/stages.js';

const time = z.string().meta({ format: 'date-time' });
const actor = z.looseObject({ kind: z.enum(['user', 'key', 'cli']), name: z.string(), role: z.enum(ROLES).nullable() });

export const customerListSchema = z.object({
  customers: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      stage: stageSchema.nullable(),
      health: z.object({ score: z.number() }).nullable(),
      tags: z.array(z.string()),
      lastInteractionAt: time.nullable(),
      updatedAt: time.nullable(),
    }),
  ),
  /** Pass as `after` for the next page; null on the last. */
  next: z.string().nullable(),
  total: z.number().int(),
});

const item = <K extends string, T extends z.ZodRawShape>(kind: K, fields: T) => z.looseObject({ at: time, kind: z.literal(kind), ...fields });

export const timelineSchema = z.object({
  customerId: z.string(),
  items: z.array(
    z.union([
      item('event', { eventId: z.string(), type: z.string(), occurredAt: time, receivedAt: time, properties: z.looseObject({}), applied: z.boolean(), parked: z.boolean() }),
      item('message', {
        id: z.string(),
        channel: z.enum(['email', 'sms', 'wecom']),
        template: z.string(),
        status: z.string(),
        reason: z.string().nullable(),
        subject: z.string().nullable(),
        journeyId: z.string().nullable(),
        sentAt: time.nullable(),
        deliveredAt: time.nullable(),
        failedAt: time.nullable(),
      }),
      item('task', {
        id: z.string(),
        title: z.string(),
        queue: z.string(),
        requestedQueue: z.string().nullable(),
        status: z.enum(['open', 'completed']),
        assignee: z.string().nullable(),
        dueAt: time,
        outcome: z.string().nullable(),
        completedAt: time.nullable(),
        completedBy: actor.nullable(),
        journeyId: z.string().nullable(),
      }),
      item('approval', {
        id: z.string(),
        approvalKind: z.enum(['journey-step', 'stage-change']),
        reason: z.string(),
        status: z.enum(['pending', 'approved', 'rejected']),
        decidedAt: time.nullable(),
        decidedBy: actor.nullable(),
        journeyId: z.string().nullable(),
      }),
      item('run', {
        journeyId: z.string(),
        version: z.string(),
        workflowId: z.string(),
        runId: z.string(),
        status: z.enum(['running', 'finished']),
        outcome: z.string().nullable(),
        reason: z.string().nullable(),
        arms: z.record(z.string(), z.unknown()),
        startedAt: time,
        finishedAt: time.nullable(),
        temporalUrl: z.string().describe("the run's history in the Temporal Web UI"),
      }),
      item('stage', { from: stageSchema.nullable(), to: stageSchema, reason: z.string(), source: z.string(), ruleVersion: z.string() }),
    ]),
  ),
  /** Pass as `before` for older items; null when there are none. */
  next: time.nullable(),
});
