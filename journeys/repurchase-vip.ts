import { defineJourney } from '../domain/journey.js';

/**
 * Repurchase and VIP (seed 002, sub-scenario D): a few days after an order, a high-value customer is
 * invited to the VIP programme, tagged, given a dedicated-service task and announced to the CRM; others
 * get a repurchase reminder two weeks on. A complaint stops the selling at once. The recommendation after
 * an order is `purchase-recommendation`'s, from the customer's purchase history.
 */
export const repurchaseVip = defineJourney({
  id: 'repurchase-vip',
  name: 'Repurchase and VIP',
  entry: { event: 'order.placed' },
  reentry: { after: '30 days' },
  exit: { events: ['complaint.filed'] },
  steps: [
    { kind: 'wait', key: 'settle-in', duration: '3 days' },
    {
      kind: 'branch',
      key: 'high-value',
      cases: [
        {
          when: { any: [{ stageIn: ['high_value'] }, { eventProperty: 'orderTotal', atLeast: 5000 }] },
          steps: [
            { kind: 'send', key: 'vip-invitation', channel: 'email', template: 'vip-invitation' },
            { kind: 'send', key: 'vip-sms', channel: 'sms', template: 'vip-sms' },
            { kind: 'tag', key: 'tag-vip', add: ['vip'] },
            { kind: 'task', key: 'dedicated-service', title: 'Introduce yourself as the dedicated VIP contact', queue: 'vip-service', sla: '2 days' },
            { kind: 'webhook', key: 'tell-crm', target: 'crm', event: 'vip.enrolled' },
          ],
        },
      ],
      otherwise: [
        { kind: 'wait', key: 'two-weeks', duration: '14 days' },
        { kind: 'send', key: 'repurchase-reminder', channel: 'email', template: 'repurchase-reminder' },
      ],
    },
  ],
});
