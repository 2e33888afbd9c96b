import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { purchaseRecommendation } from '../../journeys/purchase-recommendation.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

describe('personalised recommendation from purchase history (seed 000, 个性化推荐)', () => {
  it('one recommendation a week after the order, in the customer’s daytime', async () => {
    const result = await kit.run(purchaseRecommendation, { id: 'buyer', stage: 'active' }, async (journey) => {
      await journey.pass('6 days');
      expect((await journey.state()).completedSteps).not.toContain('recommendation');
    });
    expect(result.sent).toEqual([{ template: 'purchase-recommendation', channel: 'email' }]);
    expect(result.outcome).toBe('completed');
  });

  it('a complaint in the meantime stops it', async () => {
    const result = await kit.run(purchaseRecommendation, { id: 'unhappy-buyer', stage: 'active' }, async (journey) => {
      await journey.pass('2 days');
      await journey.event('complaint.filed', { text: 'Wrong size' });
    });
    expect(result.outcome).toBe('exited');
    expect(result.sent).toEqual([]);
  });
});
