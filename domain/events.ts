import { z } from 'zod';

/** Event types Tideway acts on. Other types are accepted and recorded, and start nothing. */
export const KNOWN_EVENT_TYPES = [
  'customer.registered',
  'customer.interacted',
  'order.placed',
  'survey.completed',
  'demo.booked',
  'complaint.filed',
  'task.completed',
] as const;

export const customerIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'letters, digits and . _ : @ - only');

/** What a service sends to `POST /v1/events`. */
export const customerEventInputSchema = z.strictObject({
  eventId: z.string().trim().min(1).max(200).optional(),
  customerId: customerIdSchema,
  type: z.string().trim().min(1).max(100).regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a dotted name like "order.placed"'),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

export type CustomerEventInput = z.infer<typeof customerEventInputSchema>;

/** An event as journeys see it: always with an id and a time. */
export interface CustomerEvent {
  eventId: string;
  customerId: string;
  type: string;
  occurredAt: string;
  properties: Record<string, unknown>;
}
