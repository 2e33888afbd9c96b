import { defineJourney } from '../domain/journey.js';

/**
 * Personalised recommendation (seed 000, 个性化推荐): a week after an order, one message built from the
 * customer's purchase history (what they bought, their categories, their interests). At most once a
 * month; a complaint stops it.
 */
export const purchaseRecommendation = defineJourney({
  id: 'purchase-recommendation',
  name: 'Personalised recommendation from purchase history',
  entry: { event: 'order.placed' },
  reentry: { after: '30 days' },
  exit: { events: ['complaint.filed'] },
  steps: [
    { kind: 'wait', key: 'after-order', duration: '7 days' },
    { kind: 'wait', key: 'daytime', untilWindow: { from: '10:00', to: '20:00' } },
    { kind: 'send', key: 'recommendation', channel: 'email', template: 'purchase-recommendation' },
  ],
});
