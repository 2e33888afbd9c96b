import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { coldReactivation } from '../../journeys/cold-reactivation.js';
import { nurture } from '../../journeys/nurture.js';
import { repurchaseVip } from '../../journeys/repurchase-vip.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

describe('nurture journey', () => {
  it('sends content over weeks and one sticky offer arm; the same customer gets the same arm every time', async () => {
    const customer = { id: 'nurture-1', stage: 'nurturing' as const, profile: { timezone: 'Asia/Shanghai' } };
    const first = await kit.run(nurture, customer);
    const second = await kit.run(nurture, customer);
    expect(first.outcome).toBe('completed');
    expect(first.sent.map((m) => m.template).slice(0, 2)).toEqual(['nurture-tips', 'nurture-case-study']);
    expect(first.sent).toHaveLength(3);
    expect(['discount', 'content']).toContain(first.arms['nurture-offer']);
    expect(second.arms).toEqual(first.arms);
    expect(second.sent).toEqual(first.sent);
  });

  it('the first order ends it and makes the customer active', async () => {
    const result = await kit.run(nurture, { id: 'nurture-2', stage: 'nurturing' }, async (journey) => {
      await journey.pass('8 days');
      await journey.event('order.placed', { orderTotal: 99 });
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.sent.map((m) => m.template)).toEqual(['nurture-tips', 'nurture-case-study']);
    expect(result.customer.stage).toBe('active');
  });
});

describe('repurchase and VIP journey (seed 002 D)', () => {
  it('a high-value customer gets the VIP invitation, the vip tag, a dedicated-service task and a CRM webhook', async () => {
    const result = await kit.run(repurchaseVip, { id: 'vip-1', stage: 'high_value' });
    expect(result.sent).toEqual([
      { template: 'vip-invitation', channel: 'email' },
      { template: 'vip-sms', channel: 'sms' },
    ]);
    expect(result.customer.tags).toEqual(['vip']);
    expect(result.tasks.map((t) => t.queue)).toEqual(['vip-service']);
    expect(result.webhooks).toEqual([{ target: 'crm', event: 'vip.enrolled' }]);
    expect(result.outcome).toBe('completed');
  });

  it('a big order in the last event also counts as high value', async () => {
    const result = await kit.run(repurchaseVip, { id: 'vip-2', stage: 'active' }, async (journey) => {
      await journey.event('order.placed', { orderTotal: 8000 });
    });
    expect(result.sent.map((m) => m.template)).toContain('vip-invitation');
  });

  it('others get a reminder two weeks later; a complaint stops the selling at once', async () => {
    const regular = await kit.run(repurchaseVip, { id: 'regular', stage: 'active' });
    expect(regular.sent.map((m) => m.template)).toEqual(['repurchase-reminder']);
    const unhappy = await kit.run(repurchaseVip, { id: 'unhappy', stage: 'active' }, async (journey) => {
      await journey.pass('1 day');
      await journey.event('complaint.filed', { text: 'Broken on arrival' });
    });
    expect(unhappy.outcome).toBe('exited');
    expect(unhappy.reason).toBe('complaint.filed');
    expect(unhappy.sent).toEqual([]);
  });
});

describe('cold-pool reactivation journey', () => {
  it('writes rarely: two messages over four months, in the customer’s daytime', async () => {
    const result = await kit.run(coldReactivation, { id: 'cold-1', stage: 'cold', profile: { timezone: 'Europe/Paris' } });
    expect(result.sent.map((m) => m.template)).toEqual(['cold-check-in', 'cold-last-offer']);
    expect(result.outcome).toBe('completed');
  });

  it('a reply brings the customer back as returning', async () => {
    const result = await kit.run(coldReactivation, { id: 'cold-2', stage: 'cold' }, async (journey) => {
      await journey.pass('40 days');
      await journey.event('customer.interacted', { text: 'hello again' });
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.customer.stage).toBe('returning');
  });
});
