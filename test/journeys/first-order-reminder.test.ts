import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { firstOrderReminder } from '../../journeys/first-order-reminder.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

// Each message goes in the 10:00–20:00 window: up to 14 hours after its day, whatever the clock says at the start.
describe('first-order reminder (seed 000, 首单提醒)', () => {
  it('no order: a reminder after 3 days, a coupon after a week, then ends as not converted', async () => {
    const result = await kit.run(firstOrderReminder, { id: 'no-order', stage: 'new' }, async (journey) => {
      await journey.pass('2 days');
      expect((await journey.state()).completedSteps).not.toContain('first-order-nudge');
      await journey.pass('2 days');
      expect((await journey.state()).completedSteps).toContain('first-order-nudge');
      await journey.pass('2 days');
      expect((await journey.state()).completedSteps).not.toContain('first-order-coupon');
    });
    expect(result.sent).toEqual([
      { template: 'first-order-reminder', channel: 'email' },
      { template: 'first-order-coupon', channel: 'email' },
    ]);
    expect(result.outcome).toBe('completed');
    expect(result.reason).toBe('no first order after the reminder and the coupon');
  });

  it('the first order ends it at once: after the reminder, no coupon follows', async () => {
    const result = await kit.run(firstOrderReminder, { id: 'orders-after-reminder', stage: 'new' }, async (journey) => {
      await journey.pass('5 days');
      await journey.event('order.placed', { orderId: 'o-1', total: 120 });
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.reason).toBe('order.placed');
    expect(result.sent.map((m) => m.template)).toEqual(['first-order-reminder']);
  });

  it('a customer who orders in the first days gets nothing; a complaint stops the selling', async () => {
    const quick = await kit.run(firstOrderReminder, { id: 'quick-buyer', stage: 'new' }, async (journey) => {
      await journey.pass('1 day');
      await journey.event('order.placed', { orderId: 'o-2', total: 80 });
    });
    expect(quick.outcome).toBe('goal_reached');
    expect(quick.sent).toEqual([]);
    const unhappy = await kit.run(firstOrderReminder, { id: 'complains', stage: 'new' }, async (journey) => {
      await journey.pass('5 days');
      await journey.event('complaint.filed', { text: 'I was charged twice' });
    });
    expect(unhappy.outcome).toBe('exited');
    expect(unhappy.sent.map((m) => m.template)).toEqual(['first-order-reminder']);
  });
});
