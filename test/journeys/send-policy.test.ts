import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineJourney } from '../../domain/journey.js';
import type { SendPolicy } from '../../domain/send-policy.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

const policy: SendPolicy = { quietHours: { from: '21:00', to: '09:00' }, defaultTimezone: 'UTC', caps: { email: [{ per: '1 day', max: 2 }], sms: [] } };

// Starts at 22:00 in the customer's timezone, inside quiet hours, whatever the wall clock says.
const busyEvening = defineJourney({
  id: 'busy-evening',
  name: 'Five emails in a row',
  entry: { event: 'test.started' },
  reentry: 'always',
  steps: [
    { kind: 'wait', key: 'to-the-evening', untilWindow: { from: '22:00', to: '22:30' } },
    { kind: 'send', key: 'first', channel: 'email', template: 'first' },
    { kind: 'send', key: 'second', channel: 'email', template: 'second' },
    { kind: 'send', key: 'third', channel: 'email', template: 'third', whenCapped: 'skip' },
    { kind: 'send', key: 'receipt', channel: 'email', template: 'receipt', purpose: 'transactional' },
    { kind: 'send', key: 'fourth', channel: 'email', template: 'fourth' },
  ],
});

/** Hour and minute in Shanghai. */
const shanghai = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse(iso));

describe('quiet hours and frequency caps in a run (time skipped)', () => {
  it('waits out quiet hours, skips or waits at a full cap as each step says, and lets a transactional message through', async () => {
    const customer = { id: 'night-owl', profile: { timezone: 'Asia/Shanghai' } };
    const result = await kit.run(busyEvening, customer, undefined, { sendPolicy: policy });

    expect(result.outcome).toBe('completed');
    expect(result.sent.map((m) => m.template)).toEqual(['first', 'second', 'receipt', 'fourth']);
    const [quiet, skipped, capped] = result.deferrals;
    expect(quiet).toMatchObject({ template: 'first', reason: 'quiet hours 21:00–09:00 Asia/Shanghai' });
    expect(shanghai(quiet!.until!)).toBe('09:00');
    expect(skipped).toEqual({ template: 'third', reason: 'frequency cap: 2 email per 1 day', skipped: true });
    // The fourth waits a day after the first went: the two of that day leave the window.
    expect(capped).toMatchObject({ template: 'fourth', reason: 'frequency cap: 2 email per 1 day' });
    expect(Date.parse(capped!.until!) - Date.parse(quiet!.until!)).toBeGreaterThanOrEqual(86_400_000);
    expect(Date.parse(capped!.until!) - Date.parse(quiet!.until!)).toBeLessThan(86_400_000 + 60_000);
    expect(result.deferrals).toHaveLength(3);
  });
});
