import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineJourney } from '../domain/journey.js';
import type { SendPolicy } from '../domain/send-policy.js';
import { createJourneyKit, type JourneyKit } from '../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

const policy: SendPolicy = { quietHours: { from: '21:00', to: '09:00' }, defaultTimezone: 'UTC', caps: { email: [], sms: [], wecom: [{ per: '1 day', max: 1 }] } };

// A journey written by a marketer for customers who live on WeCom (seed 002's social customers).
const socialFollowUp = defineJourney({
  id: 'wecom-follow-up',
  name: 'Two WeCom messages and an email',
  entry: { event: 'test.started' },
  reentry: 'always',
  steps: [
    { kind: 'wait', key: 'to-the-evening', untilWindow: { from: '22:00', to: '22:30' } },
    { kind: 'send', key: 'hello', channel: 'wecom', template: 'hello' },
    { kind: 'send', key: 'email', channel: 'email', template: 'email' },
    { kind: 'send', key: 'again', channel: 'wecom', template: 'again' },
  ],
});

describe('WeCom steps in a run (time skipped)', () => {
  it('go through the WeCom sender, wait out quiet hours and their own cap; another channel is not held by it', async () => {
    const result = await kit.run(socialFollowUp, { id: 'wecom-fan', profile: { timezone: 'Asia/Shanghai' } }, undefined, { sendPolicy: policy });
    expect(result.outcome).toBe('completed');
    expect(result.sent).toEqual([
      { template: 'hello', channel: 'wecom' },
      { template: 'email', channel: 'email' },
      { template: 'again', channel: 'wecom' },
    ]);
    expect(result.deferrals.map((d) => [d.template, d.reason])).toEqual([
      ['hello', 'quiet hours 21:00–09:00 Asia/Shanghai'],
      ['again', 'frequency cap: 1 wecom per 1 day'],
    ]);
  });
});
