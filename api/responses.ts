/**
 * What each route answers, for the OpenAPI document (the routes build their answers from the store and
 * Temporal). Objects are loose: a field added later is not a breaking change.
 */
import { z } from 'zod';
import { CONSENT_CHANNELS, CONSENT_STATUSES } from '../domain/consent.js';
import { IDENTITY_KINDS } from '../domain/identities.js';
import { ROLES } from '../domain/roles.js';
import { stageSchema } from '../domain/stages.js';
import { TASK_PRIORITIES } from '../domain/task-routing.js';
import { intakeResultSchema } from './schemas.js';

const time = z.string().meta({ format: 'date-time' });
/** Who acted: a person, an API key (by its name), or the users command. */
const actor = z.looseObject({ kind: z.enum(['user', 'key', 'cli']), name: z.string(), role: z.enum(ROLES).nullable() });

const consentRecord = z.looseObject({ status: z.enum(CONSENT_STATUSES), at: time.nullable(), source: z.string() });
const identity = z.looseObject({ kind: z.enum(IDENTITY_KINDS), value: z.string(), system: z.string().optional() });
const stageChange = z.looseObject({ from: stageSchema.nullable(), to: stageSchema, reason: z.string(), source: z.string(), ruleVersion: z.string(), at: time });
const runRecord = z.looseObject({ workflowId: z.string(), journeyId: z.string(), journeyVersion: z.string(), status: z.enum(['running', 'finished']), startedAt: time });

/** `GET /v1/customers/:id`, and what the profile, consent and merge routes answer. */
export const customerViewSchema = z.looseObject({
  id: z.string(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  /** The customer as a WeCom external contact, and the staff member who sends to them. */
  wecom: z.looseObject({ externalUserId: z.string().nullish(), sender: z.string().nullish() }).nullish(),
  name: z.string().nullish(),
  locale: z.string().nullish(),
  timezone: z.string().nullish(),
  tags: z.array(z.string()),
  consent: z.object({ email: consentRecord.nullable(), sms: consentRecord.nullable(), wecom: consentRecord.nullable() }),
  consentHistory: z.array(z.looseObject({ channel: z.enum(CONSENT_CHANNELS), status: z.enum(CONSENT_STATUSES), at: time, source: z.string() })),
  stage: stageSchema.nullable(),
  stageHistory: z.array(stageChange),
  orders: z.number().optional(),
  totalValue: z.number().optional(),
  /** Custom attributes (config/customer-attributes.json); a date is "YYYY-MM-DD". */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
  /** `<attribute>:<MM-DD>` and `<attribute>:<YYYY-MM-DD>` of each date attribute, derived from `attributes`. */
  anniversaries: z.array(z.string()),
  dates: z.array(z.string()),
  health: z.looseObject({ score: z.number().nullish() }).nullish(),
  mergedInto: z.string().nullable(),
  identities: z.array(identity),
  runs: z.array(runRecord),
});

export const stageChangeResultSchema = intakeResultSchema.extend({ stage: stageSchema });

const goalTask = z.object({ step: z.string(), outcomes: z.array(z.string()) });
const journeySummary = z.looseObject({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  entry: z.looseObject({}),
  reentry: z.unknown(),
  goal: z.object({ events: z.array(z.string()), tasks: z.array(goalTask) }).nullable(),
  exit: z.object({ events: z.array(z.string()) }).nullable(),
  steps: z.number().int(),
});
export const journeyListSchema = z.object({ journeys: z.array(journeySummary) });
export const journeyDetailSchema = journeySummary.extend({ definition: z.looseObject({}), mermaid: z.string() });
export const enrollmentResultSchema = z.object({ journeyId: z.string(), version: z.string(), customerId: z.string(), workflowId: z.string() });
export const runEndResultSchema = z.object({ journeyId: z.string(), customerId: z.string(), workflowId: z.string(), runId: z.string(), outcome: z.literal('exited'), reason: z.string() });
export const runStateSchema = z.looseObject({
  status: z.string(),
  journeyId: z.string(),
  customerId: z.string(),
  currentStep: z.string().nullable(),
  completedSteps: z.array(z.string()),
  waitingFor: z.string().nullable(),
  outcome: z.enum(['goal_reached', 'exited', 'completed', 'failed', 'refused']).nullable(),
  reason: z.string().nullable(),
});

export const taskSchema = z.looseObject({
  id: z.string(),
  customerId: z.string(),
  title: z.string(),
  queue: z.string(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  status: z.enum(['open', 'completed']),
  dueAt: time,
  assignee: z.string().nullish(),
  outcome: z.string().nullish(),
  assignedBy: actor.nullish(),
  completedBy: actor.nullish(),
});
export const taskListSchema = z.object({ tasks: z.array(taskSchema) });
/** A reopened task, and whether the run that opened it still waits on it (a run that moved on is not rewound). */
export const reopenedTaskSchema = taskSchema.extend({ reopenCount: z.number().int(), reopenedAt: time, runWaiting: z.boolean() });

export const approvalSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(['journey-step', 'stage-change']),
  customerId: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decidedBy: actor.nullish(),
});
export const approvalListSchema = z.object({ approvals: z.array(approvalSchema) });

export const stageRulesSchema = z.looseObject({
  version: z.string(),
  highValue: z.object({ orders: z.number(), totalValue: z.number() }),
  sensitive: z.array(z.object({ from: stageSchema, to: stageSchema })),
});
export const stageRulesListSchema = z.object({
  active: z.string(),
  versions: z.array(stageRulesSchema.extend({ publishedAt: time.nullable(), rolledBackAt: time.nullable(), note: z.string().nullable().optional() })),
});
export const stageRulesRollbackResultSchema = z.object({ rolledBack: z.string(), active: z.string(), reevaluation: z.string() });

/** A 95 % confidence interval. */
const interval95 = z.object({ level: z.literal(0.95), low: z.number(), high: z.number() });

export const journeyReportSchema = z.looseObject({
  journeyId: z.string(),
  version: z.string(),
  entered: z.number().int(),
  inProgress: z.number().int(),
  completed: z.number().int(),
  goalReached: z.number().int(),
  /** Runs a customer's refusing reply ended (outcome `refused`): not converted. */
  refused: z.number().int(),
  /** goalReached / entered (runs still going count as not converted yet); null while nobody entered. */
  conversionRate: z.number().nullable(),
  /** The 95 % Wilson score interval of the conversion rate ([0, 1] while nobody entered). */
  confidence: interval95,
  outcomes: z.array(z.object({ outcome: z.string().nullable(), reason: z.string().nullable(), count: z.number().int() })),
  steps: z.array(z.object({ key: z.string(), kind: z.string(), passed: z.number().int() })),
  /**
   * Each arm of the journey's A/B splits: runs that took it (from the split on; runs started before arms were
   * recorded at the split: finished, or running past one of its steps), those still going, goals reached, the
   * conversion with its 95 % Wilson interval, and, for the other arms of a split with a holdout arm, the
   * difference from the holdout's conversion with its 95 % interval (Newcombe's, from the two Wilson intervals).
   */
  arms: z.array(
    z.object({
      experiment: z.string(),
      arm: z.string(),
      holdout: z.boolean(),
      entered: z.number().int(),
      inProgress: z.number().int(),
      goalReached: z.number().int(),
      conversionRate: z.number().nullable(),
      confidence: interval95,
      versusHoldout: z.object({ holdoutArm: z.string(), difference: z.number(), confidence: interval95 }).nullable(),
    }),
  ),
  /** The journey's Mermaid diagram with the runs that passed each step after its label (`… · 42`), the entered on the entry, the goals on "goal reached". */
  mermaid: z.string(),
});
export const coldPoolSchema = z.object({
  count: z.number().int(),
  customers: z.array(z.looseObject({ customerId: z.string(), since: time.nullish(), reason: z.string().nullish(), by: z.string().nullish() })),
});

export const parkedEventListSchema = z.object({
  parked: z.array(z.looseObject({ eventId: z.string(), customerId: z.string(), type: z.string(), reason: z.string(), parkedAt: time, workflowId: z.string(), runId: z.string() })),
});
export const redriveResultSchema = z.object({ eventId: z.string(), customerId: z.string(), status: z.literal('redriven') });

export const livenessSchema = z.object({ status: z.literal('ok') });
export const readinessSchema = z.object({ status: z.enum(['ready', 'unavailable']), store: z.enum(['up', 'down']), temporal: z.enum(['up', 'down']) });

/** `POST` and `GET /v1/session`: a person has a CSRF token and an end; a key has neither. */
export const whoAmISchema = z.object({ kind: z.enum(['user', 'key']), name: z.string(), role: z.enum(ROLES), csrfToken: z.string().optional(), expiresAt: time.optional() });
export const personSchema = z.object({ name: z.string(), role: z.enum(ROLES), createdAt: time, disabled: z.boolean() });
export const userListSchema = z.object({ users: z.array(personSchema) });
export const auditListSchema = z.object({
  entries: z.array(
    z.looseObject({
      id: z.string(),
      at: time,
      actor,
      method: z.string(),
      route: z.string(),
      target: z.string().nullable(),
      field: z.string().nullable(),
      from: z.unknown(),
      to: z.unknown(),
      reason: z.string().nullish(),
      status: z.number().int().nullable(),
    }),
  ),
});
