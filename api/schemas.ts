import { stageRuleParamsSchema } from '../domain/stage-rules.js';
import { z } from 'zod';
import { CONSENT_CHANNELS, CONSENT_STATUSES, consentSourceSchema } from '../domain/consent.js';
import { customerIdSchema } from '../domain/events.js';
import { attributesInputSchema } from '../domain/customer-attributes.js';
import { emailSchema, identitySchema, phoneSchema } from '../domain/identities.js';
import { stageSchema } from '../domain/stages.js';
import { wecomContactSchema } from '../domain/wecom-contact.js';

export { customerEventInputSchema } from './event-input.js';

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const customerParamsSchema = z.object({ id: customerIdSchema });

/**
 * `PUT /v1/customers/:id`: every field optional; what is sent replaces what was stored, but for
 * `identities`, which are added to the customer's (an email or phone set here is claimed as one too).
 */
export const customerProfileSchema = z.strictObject({
  email: emailSchema.optional(),
  /** Any usual spelling with the country code ("+86 138 0013 8000"); stored as E.164. */
  phone: phoneSchema.optional(),
  /** The customer as a WeCom external contact: `{ externalUserId, sender? }` (claimed as the identity `external`/`wecom`). */
  wecom: wecomContactSchema.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 locale like "en" or "zh-CN"').optional(),
  timezone: z.string().refine(isTimeZone, 'an IANA time zone like "Asia/Shanghai"').optional(),
  /** Moved to its own route, which records when and where consent came from. */
  consent: z.never({ error: 'set consent with PUT /v1/customers/:id/consent { channel, status, source? }' }).optional(),
  /** Replaces the customer's tags (journeys branch on them, e.g. `sensitive`). */
  tags: z.array(z.string().trim().min(1).max(64)).max(100).optional(),
  /** Custom attributes (config/customer-attributes.json): merged into the stored ones; `null` removes one. */
  attributes: attributesInputSchema.optional(),
  /** Ways services know this customer; each belongs to one customer at most. */
  identities: z.array(identitySchema).max(50).optional(),
});

/** `PUT /v1/customers/:id/consent`: the customer's word on marketing through one channel. */
export const consentChangeSchema = z.strictObject({
  channel: z.enum(CONSENT_CHANNELS),
  status: z.enum(CONSENT_STATUSES),
  /** Where the customer said it (a signup form, an import, a call); `api` when not given. */
  source: consentSourceSchema.default('api'),
});

/** `POST /v1/customers/:id/merge`: folds `otherId` into the customer in the path, the survivor. */
export const customerMergeSchema = z.strictObject({
  otherId: customerIdSchema,
  /** Why the two are one customer: kept in the audit log. */
  reason: z.string().trim().min(1).max(500).optional(),
});

/** `POST /v1/customers/:id/stage`: a manual stage change needs a reason for the history. */
export const stageChangeSchema = z.strictObject({
  stage: stageSchema,
  reason: z.string().trim().min(1).max(500),
});

/**
 * `POST /v1/stage-rules`: a new version of the stage rules' parameters, in force from now on; at the
 * door the thresholds have a documented ceiling (a customer's total is a sum of orders of at most 1e9).
 */
export const stageRulesPublishSchema = stageRuleParamsSchema.extend({
  highValue: z.strictObject({ orders: z.number().int().min(1).max(1_000_000), totalValue: z.number().positive().max(1e15) }),
  note: z.string().trim().max(500).optional(),
});

/** `POST /v1/stage-rules/rollback`: names the version in force, so a retried request rolls back nothing more. */
export const stageRulesRollbackSchema = z.strictObject({ version: z.string().trim().regex(/^stage-rules@\d+$/, 'a version like "stage-rules@2"') });

/** The most events one `POST /v1/events:batch` may carry. */
export const EVENT_BATCH_LIMIT = 500;

/**
 * `POST /v1/events:batch`: 1 to 500 events. Only the envelope is parsed here; each event is parsed on
 * its own with `customerEventInputSchema`, so a malformed one is rejected alone (its result names the field).
 */
export const eventBatchSchema = z.strictObject({ events: z.array(z.unknown()).min(1, 'send at least one event') });

/** A field a request got wrong, as in a 400's `errors[]`. */
export const fieldErrorSchema = z.object({ path: z.string(), message: z.string(), code: z.string() });

/** What `POST /v1/events` answers, and each accepted or duplicate item of a batch. */
export const intakeResultSchema = z.object({
  eventId: z.string(),
  /** `accepted`: handed to the customer's lifecycle; `duplicate`: the lifecycle already applied this eventId, nothing done. */
  status: z.enum(['accepted', 'duplicate']),
  /** The customer the event is for: the one named, the identity's owner (new if unknown), or the survivor of a merge. */
  customerId: z.string(),
});
export type IntakeResult = z.infer<typeof intakeResultSchema>;

/** One result per event of a batch, in request order. */
export const eventBatchResultSchema = z.union([
  intakeResultSchema.extend({ index: z.number().int() }),
  z.object({ index: z.number().int(), status: z.literal('rejected'), errors: z.array(fieldErrorSchema) }),
]);
export type EventBatchResult = z.infer<typeof eventBatchResultSchema>;

export const eventBatchResponseSchema = z.object({ results: z.array(eventBatchResultSchema) });
