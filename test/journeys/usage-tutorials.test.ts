import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SendPolicy } from '../../domain/send-policy.js';
import { usageTutorials } from '../../journeys/usage-tutorials.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

const SERIES = ['tutorial-getting-started', 'tutorial-key-features', 'tutorial-power-tips', 'tutorial-get-help'];

// Each tutorial goes in the 09:00–20:00 window: up to 13 hours after its day, whatever the clock says at the start.
describe('usage tutorial series (seed 000, 使用教程推送)', () => {
  it('sends the tutorials on days 1, 3, 7 and 14, in order', async () => {
    const sentBy = async (journey: { state(): Promise<{ completedSteps: string[] }> }) =>
      (await journey.state()).completedSteps.filter((key) => ['getting-started', 'key-features', 'power-tips', 'get-help'].includes(key));
    const result = await kit.run(usageTutorials, { id: 'learner', stage: 'new', profile: { timezone: 'Asia/Shanghai' } }, async (journey) => {
      await journey.pass('20 hours');
      expect(await sentBy(journey)).toEqual([]);
      await journey.pass('1 day');
      expect(await sentBy(journey)).toEqual(['getting-started']);
      await journey.pass('2 days');
      expect(await sentBy(journey)).toEqual(['getting-started', 'key-features']);
      await journey.pass('4 days');
      expect(await sentBy(journey)).toEqual(['getting-started', 'key-features', 'power-tips']);
    });
    expect(result.sent.map((m) => m.template)).toEqual(SERIES);
    expect(result.outcome).toBe('completed');
  });

  it('onboarding completed ends the series: nothing is sent after it', async () => {
    const result = await kit.run(usageTutorials, { id: 'fast-learner', stage: 'new' }, async (journey) => {
      await journey.pass('4 days');
      await journey.event('onboarding.completed');
      await journey.pass('20 days');
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.reason).toBe('onboarding.completed');
    expect(result.sent.map((m) => m.template)).toEqual(SERIES.slice(0, 2));
  });

  it('tutorials are marketing: quiet hours and caps hold them back', async () => {
    const oneEmailAWeek: SendPolicy = { quietHours: { from: '21:00', to: '09:00' }, defaultTimezone: 'UTC', caps: { email: [{ per: '7 days', max: 1 }], sms: [] } };
    const result = await kit.run(usageTutorials, { id: 'capped-learner', stage: 'new' }, undefined, { sendPolicy: oneEmailAWeek });
    expect(result.sent.map((m) => m.template)).toEqual(SERIES);
    expect(result.deferrals.map((d) => d.template)).toContain('tutorial-key-features');
    expect(result.deferrals.every((d) => d.reason === 'frequency cap: 1 email per 7 days')).toBe(true);
  });
});
