import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SendPolicy } from '../../domain/send-policy.js';
import { satisfactionFollowUp } from '../../journeys/satisfaction-follow-up.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

const delivered = (id: string) => ({ id, stage: 'active' as const });

describe('satisfaction follow-up after delivery (seed 000, 满意度回访)', () => {
  it('a good score is the goal: one survey, no task', async () => {
    const result = await kit.run(satisfactionFollowUp, delivered('happy'), async (journey) => {
      await journey.pass('2 days');
      expect((await journey.state()).completedSteps).toContain('survey');
      await journey.event('survey.completed', { score: 5 });
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.reason).toBe('survey.completed');
    expect(result.sent).toEqual([{ template: 'satisfaction-survey', channel: 'email' }]);
    expect(result.tasks).toEqual([]);
    expect(result.customer.tags).toEqual([]);
  });

  it('a low score (1–2 of 5) opens a call-back task for customer success and tags the customer; 3 does not', async () => {
    const unhappy = await kit.run(satisfactionFollowUp, delivered('unhappy'), async (journey) => {
      await journey.pass('5 days');
      await journey.event('survey.completed', { score: 2, comment: 'Arrived late' });
    });
    expect(unhappy.outcome).toBe('goal_reached');
    expect(unhappy.sent.map((m) => m.template)).toEqual(['satisfaction-survey', 'satisfaction-survey-reminder']);
    expect(unhappy.tasks).toEqual([{ step: 'call-back-unhappy', title: 'Call back: low satisfaction score after delivery', queue: 'customer-success', slaMs: 86_400_000 }]);
    expect(unhappy.customer.tags).toEqual(['low-csat']);
    const neutral = await kit.run(satisfactionFollowUp, delivered('neutral'), async (journey) => {
      await journey.pass('2 days');
      await journey.event('survey.completed', { score: 3 });
    });
    expect(neutral.outcome).toBe('goal_reached');
    expect(neutral.tasks).toEqual([]);
  });

  it('no answer: one reminder 3 days later, then it ends', async () => {
    const result = await kit.run(satisfactionFollowUp, delivered('silent'), async (journey) => {
      await journey.pass('3 days');
      expect((await journey.state()).completedSteps).not.toContain('survey-reminder');
    });
    expect(result.sent.map((m) => m.template)).toEqual(['satisfaction-survey', 'satisfaction-survey-reminder']);
    expect(result.outcome).toBe('completed');
    expect(result.reason).toBe('survey not answered after one reminder');
    expect(result.tasks).toEqual([]);
  });

  it('the survey is transactional: a full marketing cap does not hold it or its reminder back', async () => {
    const oneEmailAMonth: SendPolicy = { quietHours: { from: '21:00', to: '09:00' }, defaultTimezone: 'UTC', caps: { email: [{ per: '30 days', max: 1 }], sms: [] } };
    const result = await kit.run(satisfactionFollowUp, delivered('capped'), undefined, { sendPolicy: oneEmailAMonth });
    expect(result.sent.map((m) => m.template)).toEqual(['satisfaction-survey', 'satisfaction-survey-reminder']);
    expect(result.deferrals).toEqual([]);
  });

  it('a complaint ends it: customer success has the customer already', async () => {
    const result = await kit.run(satisfactionFollowUp, delivered('complains'), async (journey) => {
      await journey.pass('12 hours');
      await journey.event('complaint.filed', { text: 'Box was damaged' });
    });
    expect(result.outcome).toBe('exited');
    expect(result.sent).toEqual([]);
  });
});
