import { z } from 'zod';

/** Sent by Tideway itself to the survivor of a merge, with the other customer's facts; services may not send it. */
export const MERGED_EVENT_TYPE = 'customer.merged';
/**
 * Sent by Tideway itself when a person sets a stage (`POST /v1/customers/:id/stage`) or approves a
 * sensitive change: `{ stage, reason, source?, approvalId? }`. It goes through the customer's lifecycle.
 */
export const MANUAL_STAGE_EVENT_TYPE = 'tideway.stage_set';
/** Types only Tideway sends; services may not. */
export const INTERNAL_EVENT_TYPES: ReadonlySet<string> = new Set([MERGED_EVENT_TYPE, MANUAL_STAGE_EVENT_TYPE]);

/** Event types Tideway acts on. Other types are accepted and recorded, and start nothing. */
export const KNOWN_EVENT_TYPES = [
  'customer.registered',
  'customer.interacted',
  'order.placed',
  'survey.completed',
  'demo.booked',
  'complaint.filed',
  'task.completed',
  MERGED_EVENT_TYPE,
  MANUAL_STAGE_EVENT_TYPE,
] as const;

export const customerIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'letters, digits and . _ : @ - only');

/** An event type: a dotted lower-case name. */
export const eventTypeSchema = z.string().trim().min(1).max(100).regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a dotted name like "order.placed"');

/** An event as journeys see it: always with an id and a time. */
export interface CustomerEvent {
  eventId: string;
  customerId: string;
  type: string;
  occurredAt: string;
  properties: Record<string, unknown>;
}
