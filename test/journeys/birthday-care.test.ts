import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { birthdayCare } from '../../journeys/birthday-care.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

describe('birthday care (seed 000, 生日关怀)', () => {
  it('enters on the birthday each year at 09:00 local time, at most once in 300 days', () => {
    expect(birthdayCare.entry).toEqual({ date: { attribute: 'birthday', every: 'year', at: '09:00' } });
    expect(birthdayCare.reentry).toEqual({ after: '300 days' });
  });

  it('the greeting with the gift coupon at once; 10 days later a reminder that it expires', async () => {
    const result = await kit.run(birthdayCare, { id: 'birthday-girl', stage: 'active' }, async (journey) => {
      await journey.pass('1 hour');
      expect((await journey.state()).completedSteps).toEqual(['birthday-greeting']);
      await journey.pass('9 days');
      expect((await journey.state()).completedSteps).not.toContain('coupon-expiring');
    });
    expect(result.sent).toEqual([
      { template: 'birthday-greeting', channel: 'email' },
      { template: 'birthday-coupon-reminder', channel: 'email' },
    ]);
    expect(result.outcome).toBe('completed');
  });

  it('an order with the coupon is the goal: no reminder', async () => {
    const result = await kit.run(birthdayCare, { id: 'birthday-buyer', stage: 'active' }, async (journey) => {
      await journey.pass('3 days');
      await journey.event('order.placed', { orderId: 'o-bday', total: 99 });
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.sent.map((m) => m.template)).toEqual(['birthday-greeting']);
  });
});
