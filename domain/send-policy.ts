import { z } from 'zod';
import { type Duration, durationSchema, durationToMs } from './durations.js';
import { localWindowSchema, msUntilWindow } from './local-time.js';

/** How many marketing messages a customer may get on a channel within a rolling window. */
const capSchema = z.strictObject({ per: durationSchema, max: z.number().int().min(1) });

/**
 * The customer's side of sending (seed 002: 过度触达需限流): quiet hours in their timezone, and
 * frequency caps across all journeys. Transactional sends are exempt from both.
 */
export const sendPolicySchema = z.strictObject({
  /** No marketing message between `from` and `to` in the customer's local time; null for none. */
  quietHours: localWindowSchema.nullable(),
  /** For customers whose profile has no timezone. */
  defaultTimezone: z.string().refine(isTimeZone, 'an IANA timezone like "Asia/Shanghai"'),
  /** `wecom` may be left out (no cap), so policy files written before the channel still load. */
  caps: z.strictObject({ email: z.array(capSchema).max(5), sms: z.array(capSchema).max(5), wecom: z.array(capSchema).max(5).optional() }),
});
export type SendPolicy = z.infer<typeof sendPolicySchema>;
export type Channel = keyof SendPolicy['caps'];

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** No quiet hours and no caps: every send goes at once. */
export const NO_SEND_LIMITS: SendPolicy = { quietHours: null, defaultTimezone: 'UTC', caps: { email: [], sms: [] } };

export interface SendSlot {
  /** When the message may go (epoch ms); `now` when it may go at once. */
  at: number;
  /** Why it waits: quiet hours, or the cap that is full. */
  reason?: string;
  capped?: boolean;
}

/**
 * The earliest moment from `now` a marketing message may go to a customer who received marketing
 * messages on this channel at `earlier` (epoch ms): outside quiet hours and under every cap.
 */
export function nextSendSlot(policy: SendPolicy, channel: Channel, timezone: string | null | undefined, earlier: readonly number[], now: number): SendSlot {
  const zone = timezone && isTimeZone(timezone) ? timezone : policy.defaultTimezone;
  const sends = [...earlier].sort((a, b) => a - b);
  let at = now;
  let reason: string | undefined;
  let capped = false;
  // Moving past a full cap may land in quiet hours and the other way round: settle both (a few rounds at most).
  for (let round = 0; round < 10; round++) {
    let moved = false;
    for (const cap of policy.caps[channel] ?? []) {
      const window = durationToMs(cap.per as Duration);
      const inWindow = sends.filter((t) => t > at - window && t <= at);
      if (inWindow.length >= cap.max) {
        at = inWindow[inWindow.length - cap.max]! + window;
        reason = `frequency cap: ${cap.max} ${channel} per ${cap.per}`;
        capped = moved = true;
      }
    }
    if (policy.quietHours) {
      const allowed = { from: policy.quietHours.to, to: policy.quietHours.from };
      const wait = msUntilWindow(at, zone, allowed);
      if (wait > 0) {
        at += wait;
        reason ??= `quiet hours ${policy.quietHours.from}–${policy.quietHours.to} ${zone}`;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return at === now ? { at } : { at, reason, ...(capped ? { capped } : {}) };
}

/** What becomes of a marketing message given its slot: it goes, it is skipped (a full cap, and the step says skip), or it waits. */
export type SendVerdict = { go: true } | { skip: string } | { wait: { until: number; reason: string } };

export function slotVerdict(slot: SendSlot, now: number, whenCapped: 'wait' | 'skip' = 'wait'): SendVerdict {
  if (slot.at <= now) return { go: true };
  const reason = slot.reason ?? 'the next send slot';
  return slot.capped && whenCapped === 'skip' ? { skip: reason } : { wait: { until: slot.at, reason } };
}
