import { describe, expect, it } from 'vitest';
import { loadSendPolicy } from '../config/send-policy.js';
import { nextSendSlot, type SendPolicy, sendPolicySchema, slotVerdict } from '../domain/send-policy.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const policy: SendPolicy = {
  quietHours: { from: '21:00', to: '09:00' },
  defaultTimezone: 'Asia/Shanghai',
  caps: { email: [{ per: '1 day', max: 2 }, { per: '7 days', max: 5 }], sms: [{ per: '1 day', max: 1 }] },
};
const at = (iso: string) => Date.parse(iso);

describe('send policy: quiet hours and frequency caps', () => {
  it('a send inside quiet hours waits until they end, in the customer’s timezone', () => {
    // 23:30 in Shanghai is 15:30 UTC; quiet hours end at 09:00 Shanghai = 01:00 UTC.
    const slot = nextSendSlot(policy, 'email', 'Asia/Shanghai', [], at('2026-03-02T15:30:00Z'));
    expect(new Date(slot.at).toISOString()).toBe('2026-03-03T01:00:00.000Z');
    expect(slot).toMatchObject({ reason: 'quiet hours 21:00–09:00 Asia/Shanghai' });
    expect(slot.capped).toBeUndefined();
    // The same moment is 16:30 in London: no wait.
    expect(nextSendSlot(policy, 'email', 'Europe/London', [], at('2026-03-02T15:30:00Z'))).toEqual({ at: at('2026-03-02T15:30:00Z') });
    // No timezone on the profile: the default applies; an unknown one too.
    expect(nextSendSlot(policy, 'email', undefined, [], at('2026-03-02T15:30:00Z')).at).toBe(at('2026-03-03T01:00:00Z'));
    expect(nextSendSlot(policy, 'email', 'Mars/Olympus', [], at('2026-03-02T15:30:00Z')).at).toBe(at('2026-03-03T01:00:00Z'));
  });

  it('a full daily cap waits until the oldest send leaves the window, and then for quiet hours to end', () => {
    const now = at('2026-03-02T04:00:00Z'); // 12:00 Shanghai
    const two = [at('2026-03-02T02:00:00Z'), at('2026-03-02T03:00:00Z')];
    const slot = nextSendSlot(policy, 'email', 'Asia/Shanghai', two, now);
    // 24 h after the first send is 10:00 Shanghai the next day, outside quiet hours.
    expect(slot).toMatchObject({ at: at('2026-03-03T02:00:00Z'), capped: true, reason: 'frequency cap: 2 email per 1 day' });
    const late = [at('2026-03-02T12:30:00Z')]; // 20:30 Shanghai
    const sms = nextSendSlot(policy, 'sms', 'Asia/Shanghai', late, at('2026-03-02T13:00:00Z'));
    // The cap frees at 20:30 the next day, and 21:00 is near: it fits before quiet hours.
    expect(sms.at).toBe(at('2026-03-03T12:30:00Z'));
    const later = nextSendSlot(policy, 'sms', 'Asia/Shanghai', [at('2026-03-02T13:30:00Z')], at('2026-03-02T14:00:00Z'));
    // Freed at 21:30 Shanghai, inside quiet hours: 09:00 the day after.
    expect(later).toMatchObject({ at: at('2026-03-04T01:00:00Z'), capped: true });
  });

  it('the weekly cap counts across days; sends outside the window do not count', () => {
    const now = at('2026-03-09T04:00:00Z');
    const week = [1, 2, 3, 4, 5].map((d) => now - d * DAY);
    expect(nextSendSlot(policy, 'email', 'Asia/Shanghai', week, now)).toMatchObject({ at: now + 2 * DAY, reason: 'frequency cap: 5 email per 7 days' });
    expect(nextSendSlot(policy, 'email', 'Asia/Shanghai', week.map((t) => t - 3 * DAY), now)).toEqual({ at: now });
  });

  it('the shipped config file is valid; a bad one names the field', () => {
    expect(loadSendPolicy().quietHours).toEqual({ from: '21:00', to: '09:00' });
    const bad = sendPolicySchema.safeParse({ ...policy, defaultTimezone: 'Nowhere', caps: { email: [{ per: 'daily', max: 0 }], sms: [] } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['caps.email.0.max', 'caps.email.0.per', 'defaultTimezone']);
  });

  it('a step that says skip skips only at a full cap; quiet hours are always waited out', () => {
    const now = at('2026-03-02T04:00:00Z');
    expect(slotVerdict({ at: now }, now, 'skip')).toEqual({ go: true });
    expect(slotVerdict({ at: now + HOUR, reason: 'frequency cap: 2 email per 1 day', capped: true }, now, 'skip')).toEqual({ skip: 'frequency cap: 2 email per 1 day' });
    expect(slotVerdict({ at: now + HOUR, reason: 'frequency cap: 2 email per 1 day', capped: true }, now)).toEqual({ wait: { until: now + HOUR, reason: 'frequency cap: 2 email per 1 day' } });
    expect(slotVerdict({ at: now + HOUR, reason: 'quiet hours 21:00–09:00 UTC' }, now, 'skip')).toEqual({ wait: { until: now + HOUR, reason: 'quiet hours 21:00–09:00 UTC' } });
  });
});
