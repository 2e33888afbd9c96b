import { z } from 'zod';

export const CONSENT_CHANNELS = ['email', 'sms', 'wecom'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const CONSENT_STATUSES = ['opted_in', 'opted_out'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** Where a consent change came from: `api`, `import`, `unsubscribe-link`, `sms-stop`, or a service's own name. */
export const consentSourceSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9:._-]{0,63}$/, 'a short lower-case name like "api", "import" or "signup-form"');

/** The customer's word on marketing through one channel, as it stands. */
export interface ConsentRecord {
  status: ConsentStatus;
  /** When the customer took this status; null only for a yes/no stored before consent had records. */
  at: Date | null;
  source: string;
}

/** One entry of the append-only consent history. */
export interface ConsentChange {
  channel: ConsentChannel;
  status: ConsentStatus;
  at: Date;
  source: string;
}

/**
 * The stored record of one channel, or null when the customer never said. Profiles once held a bare
 * `consent: { email: true }`; such a yes/no still counts, with the source `profile`.
 */
export function consentRecord(stored: unknown, channel: ConsentChannel): ConsentRecord | null {
  const value = (stored as Record<string, unknown> | null | undefined)?.[channel];
  if (typeof value === 'boolean') return { status: value ? 'opted_in' : 'opted_out', at: null, source: 'profile' };
  const record = value as Partial<ConsentRecord> | null | undefined;
  if (!record?.status || !CONSENT_STATUSES.includes(record.status)) return null;
  return { status: record.status, at: record.at ?? null, source: record.source ?? 'unknown' };
}

/** Every channel's record, for the API: null = never asked. */
export function consentView(stored: unknown): Record<ConsentChannel, ConsentRecord | null> {
  return { email: consentRecord(stored, 'email'), sms: consentRecord(stored, 'sms'), wecom: consentRecord(stored, 'wecom') };
}

/**
 * Why a marketing message may not go through this channel, or undefined when it may. Consent is
 * opt-in: a customer with no record gets no marketing.
 */
export function marketingRefusal(stored: unknown, channel: ConsentChannel): string | undefined {
  const record = consentRecord(stored, channel);
  if (record?.status === 'opted_in') return undefined;
  const why = record ? `opted out via ${record.source}` : 'never opted in';
  return `no consent for ${channel} marketing (${why})`;
}

/**
 * What a merge leaves the survivor with on one channel: the customer's most recent word, whichever
 * record holds it; the survivor's own when neither says when.
 */
export function mergedConsent(survivor: ConsentRecord | null, other: ConsentRecord | null): ConsentRecord | null {
  if (!other) return survivor;
  if (!survivor) return other;
  return other.at && (!survivor.at || other.at > survivor.at) ? other : survivor;
}
