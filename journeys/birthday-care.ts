import { defineJourney } from '../domain/journey.js';

/**
 * Birthday care (seed 000, 生日关怀): on the customer's birthday at 09:00 their time, a greeting with a
 * gift coupon valid for 14 days; 10 days later, unless they ordered, a reminder that it expires soon.
 */
export const birthdayCare = defineJourney({
  id: 'birthday-care',
  name: 'Birthday care',
  entry: { date: { attribute: 'birthday', every: 'year', at: '09:00' } },
  reentry: { after: '300 days' },
  goal: { events: ['order.placed'], then: [] },
  exit: { events: ['complaint.filed'] },
  steps: [
    { kind: 'send', key: 'birthday-greeting', channel: 'email', template: 'birthday-greeting' },
    { kind: 'wait', key: 'coupon-running', duration: '10 days' },
    { kind: 'wait', key: 'reminder-daytime', untilWindow: { from: '10:00', to: '20:00' } },
    { kind: 'send', key: 'coupon-expiring', channel: 'email', template: 'birthday-coupon-reminder' },
    { kind: 'wait', key: 'coupon-last-days', duration: '4 days' },
  ],
});
