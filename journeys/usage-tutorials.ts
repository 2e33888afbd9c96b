import { defineJourney } from '../domain/journey.js';

/**
 * Usage tutorial series (seed 000, 使用教程推送 / 初次使用引导): after registration, a tutorial on days
 * 1, 3, 7 and 14, each in the customer's daytime. Onboarding completed (`onboarding.completed`, sent by
 * the product) is the goal: the series stops at once, nothing more is sent.
 */
export const usageTutorials = defineJourney({
  id: 'usage-tutorials',
  name: 'Usage tutorial series',
  entry: { event: 'customer.registered' },
  reentry: 'never',
  goal: { events: ['onboarding.completed'], then: [] },
  exit: { events: ['complaint.filed'] },
  steps: [
    { kind: 'wait', key: 'day-1', duration: '1 day' },
    { kind: 'wait', key: 'day-1-daytime', untilWindow: { from: '09:00', to: '20:00' } },
    { kind: 'send', key: 'getting-started', channel: 'email', template: 'tutorial-getting-started' },
    { kind: 'wait', key: 'day-3', duration: '2 days' },
    { kind: 'wait', key: 'day-3-daytime', untilWindow: { from: '09:00', to: '20:00' } },
    { kind: 'send', key: 'key-features', channel: 'email', template: 'tutorial-key-features' },
    { kind: 'wait', key: 'day-7', duration: '4 days' },
    { kind: 'wait', key: 'day-7-daytime', untilWindow: { from: '09:00', to: '20:00' } },
    { kind: 'send', key: 'power-tips', channel: 'email', template: 'tutorial-power-tips' },
    { kind: 'wait', key: 'day-14', duration: '7 days' },
    { kind: 'wait', key: 'day-14-daytime', untilWindow: { from: '09:00', to: '20:00' } },
    { kind: 'send', key: 'get-help', channel: 'email', template: 'tutorial-get-help' },
  ],
});
