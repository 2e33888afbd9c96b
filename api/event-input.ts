import { z } from 'zod';
import { customerIdSchema, eventTypeSchema, INTERNAL_EVENT_TYPES } from '../domain/events.js';
import { identitySchema } from '../domain/identities.js';
import { EARLIEST_EVENT_TIME, MAX_EVENT_LEAD_MS } from '../domain/unappliable-events.js';
import { freeFormObjectSchema } from './free-form.js';

/** The largest `orderTotal` one order may carry: a customer's total stays finite, and exact until some 9 million such orders. */
export const MAX_ORDER_TOTAL = 1_000_000_000;

/**
 * The properties Tideway reads, by event type, and their ranges (the stage rules sum `orderTotal`, the
 * health score reads `score` and `resolutionHours`); other properties are free-form.
 */
export const EVENT_PROPERTY_RULES: Readonly<Record<string, z.ZodType>> = {
  'order.placed': z.looseObject({ orderTotal: z.number().min(0).max(MAX_ORDER_TOTAL).optional() }),
  'survey.completed': z.looseObject({ score: z.number().min(1).max(5).optional() }),
  'task.completed': z.looseObject({ resolutionHours: z.number().min(0).max(100_000).optional() }),
};

/** When an event may have happened: the window the customer's lifecycle applies (domain/unappliable-events.ts). */
const occurredAtSchema = z.iso
  .datetime({ offset: true })
  .superRefine((text, ctx) => {
    const at = Date.parse(text);
    const latest = Date.now() + MAX_EVENT_LEAD_MS;
    if (Number.isNaN(at) || at < Date.parse(EARLIEST_EVENT_TIME)) ctx.addIssue({ code: 'custom', message: `a time on or after ${EARLIEST_EVENT_TIME}`, input: text });
    else if (at > latest) ctx.addIssue({ code: 'custom', message: `a time no later than one day from now (${new Date(latest).toISOString()})`, input: text });
  })
  .meta({ description: 'When it happened (ISO 8601 with an offset): not before 2000-01-01T00:00:00Z, not more than 1 day ahead of now. Default: when received.' });

const propertiesSchema = freeFormObjectSchema.meta({
  ...freeFormObjectSchema.meta(),
  description:
    `${freeFormObjectSchema.description} Read by Tideway, by type: order.placed \`orderTotal\` a number from 0 to ${MAX_ORDER_TOTAL}; ` +
    'survey.completed `score` from 1 to 5; task.completed `resolutionHours` from 0 to 100000.',
});

/** What a service sends to `POST /v1/events` (and each item of a batch): the customer by id, or by an identity (email, phone, ...). */
export const customerEventInputSchema = z
  .strictObject({
    /** The same eventId twice is acted on once. */
    eventId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\x00-\x1f\x7f]+$/, 'no control characters')
      .optional(),
    customerId: customerIdSchema.optional(),
    /** Who did it, when the service knows them by email, phone, WeChat or its own id; unknown → a new customer. */
    identity: identitySchema.optional(),
    type: eventTypeSchema.refine((type) => !INTERNAL_EVENT_TYPES.has(type), `${[...INTERNAL_EVENT_TYPES].join(' and ')} are sent by Tideway itself`),
    occurredAt: occurredAtSchema.optional(),
    properties: propertiesSchema.optional(),
  })
  .superRefine(({ customerId, identity, type, properties }, ctx) => {
    if ((customerId === undefined) === (identity === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'send either customerId or identity, exactly one of them', input: { customerId, identity } });
    }
    // Ranges by type, once the properties are within the free-form bounds (one message per bad value).
    const bounded = !ctx.issues.some((issue) => issue.path?.[0] === 'properties');
    const rule = typeof type === 'string' && bounded ? EVENT_PROPERTY_RULES[type] : undefined;
    const read = rule && properties ? rule.safeParse(properties) : undefined;
    for (const issue of read?.error?.issues ?? []) ctx.addIssue({ ...issue, path: ['properties', ...issue.path] });
  });

export type CustomerEventInput = z.infer<typeof customerEventInputSchema>;
