import { defineJourney } from '../domain/journey.js';

/**
 * First-order reminder (seed 000, 首单提醒): a customer who registered and has not ordered after 3
 * days gets a reminder in their daytime, and after a week a first-order coupon. The first order ends it.
 */
export const firstOrderReminder = defineJourney({
  id: 'first-order-reminder',
  name: 'First-order reminder',
  entry: { event: 'customer.registered' },
  reentry: 'never',
  goal: { events: ['order.placed'], then: [] },
  // A complaint is no moment to sell.
  exit: { events: ['complaint.filed'] },
  steps: [
    { kind: 'wait', key: 'no-order-yet', duration: '3 days' },
    { kind: 'wait', key: 'reminder-daytime', untilWindow: { from: '10:00', to: '20:00' } },
    { kind: 'send', key: 'first-order-nudge', channel: 'email', template: 'first-order-reminder' },
    { kind: 'wait', key: 'still-no-order', duration: '4 days' },
    { kind: 'wait', key: 'coupon-daytime', untilWindow: { from: '10:00', to: '20:00' } },
    { kind: 'send', key: 'first-order-coupon', channel: 'email', template: 'first-order-coupon' },
    // The coupon is valid for 7 days: an order in that time still counts as the goal.
    { kind: 'wait', key: 'coupon-valid', duration: '7 days' },
    { kind: 'end', key: 'no-first-order', outcome: 'completed', reason: 'no first order after the reminder and the coupon' },
  ],
});
