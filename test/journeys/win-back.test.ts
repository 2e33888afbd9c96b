import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { winBack } from '../../journeys/win-back.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

const silent = { id: 'silent-45-days', stage: 'silent' as const };

describe('win-back journey (seed 002 C)', () => {
  it('case B-1: no response → reminder, coupon, call task in order; past the SLA 唤醒失败 and the cold pool, with the reason', async () => {
    const result = await kit.run(winBack, silent);
    expect(result.sent.map((m) => m.template)).toEqual(['winback-reminder', 'winback-coupon']);
    expect(result.tasks.map((t) => [t.step, t.queue])).toEqual([
      ['call', 'customer-success'],
      ['escalate-call', 'customer-success-leads'],
    ]);
    expect(result.outcome).toBe('failed');
    expect(result.reason).toBe('唤醒失败: no response within the SLA');
    expect(result.coldPool).toEqual([{ reason: '唤醒失败: no response to reminder, coupon and call within the SLA' }]);
    expect(result.customer.stage).toBe('cold');
    expect(result.completedSteps).toEqual([
      'sensitive-check', 'robot-reminder', 'after-reminder', 'coupon', 'after-coupon', 'escalate-call', 'call', 'response-window', 'to-cold-pool', 'win-back-failed',
    ]);
  });

  it('counter-case: the customer replies after the coupon → won back, no human task', async () => {
    const result = await kit.run(winBack, silent, async (journey) => {
      await journey.pass('5 days');
      expect((await journey.state()).completedSteps).toContain('coupon');
      await journey.event('customer.interacted', { channel: 'email', text: 'Thanks, I will take a look' });
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.tasks).toEqual([]);
    expect(result.coldPool).toEqual([]);
    expect(result.stages).toEqual([{ stage: 'returning', reason: 'answered the win-back journey' }]);
  });

  it('a call done in time is not escalated, and an order afterwards still wins the customer back', async () => {
    const result = await kit.run(winBack, silent, async (journey) => {
      await journey.pass('8 days');
      expect((await journey.state()).waitingFor).toBe('task "Call the silent customer" (SLA 2 days)');
      await journey.completeTask('call', 'reached: will order next week');
      await journey.pass('3 days');
      await journey.event('order.placed', { orderTotal: 120 });
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.tasks.map((t) => t.step)).toEqual(['call']);
    expect(result.customer.stage).toBe('returning');
  });

  it('a call completed as "won-back" wins the customer back at once: no response window, no cold pool', async () => {
    const result = await kit.run(winBack, silent, async (journey) => {
      await journey.pass('8 days');
      await journey.completeTask('call', 'won-back');
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.reason).toBe('task call: won-back');
    expect(result.completedSteps).not.toContain('response-window');
    expect(result.coldPool).toEqual([]);
    expect(result.stages).toEqual([{ stage: 'returning', reason: 'answered the win-back journey' }]);
  });

  it('a sensitive customer waits for an approval; a rejection ends the run without contacting them', async () => {
    const result = await kit.run(winBack, { ...silent, tags: ['sensitive'] }, async (journey) => {
      await journey.pass('1 hour');
      await journey.decide('sensitive-check', 'rejected');
    });
    expect(result.approvals).toEqual([{ step: 'sensitive-check', reason: 'sensitive customer: approve win-back contact' }]);
    expect(result.sent).toEqual([]);
    expect(result.outcome).toBe('completed');
    expect(result.reason).toBe('win-back not approved for a sensitive customer');
  });

  it('keeps the history of a full failed run small', async () => {
    const result = await kit.run(winBack, silent);
    expect(result.historyLength).toBeLessThanOrEqual(90);
  });
});
