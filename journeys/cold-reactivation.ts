import { defineJourney } from '../domain/journey.js';

/**
 * Cold-pool reactivation (seed 002, sub-scenario C, 回收或冷启动池): a rare, low-pressure cadence for
 * customers a win-back could not reach. Any reply or order brings them back.
 */
export const coldReactivation = defineJourney({
  id: 'cold-reactivation',
  name: 'Cold-pool reactivation',
  entry: { stage: 'cold' },
  reentry: 'never',
  goal: {
    events: ['customer.interacted', 'order.placed'],
    then: [{ kind: 'setStage', key: 'back-from-cold', stage: 'returning', reason: 'answered the cold-pool cadence' }],
  },
  exit: { events: ['customer.unsubscribed'] },
  steps: [
    { kind: 'wait', key: 'rest', duration: '30 days' },
    { kind: 'wait', key: 'daytime-1', untilWindow: { from: '10:00', to: '18:00' } },
    { kind: 'send', key: 'check-in', channel: 'email', template: 'cold-check-in' },
    { kind: 'wait', key: 'quiet-quarter', duration: '60 days' },
    { kind: 'wait', key: 'daytime-2', untilWindow: { from: '10:00', to: '18:00' } },
    { kind: 'send', key: 'last-offer', channel: 'email', template: 'cold-last-offer' },
    { kind: 'wait', key: 'final-wait', duration: '30 days' },
  ],
});
