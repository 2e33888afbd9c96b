import { defineJourney } from '../domain/journey.js';

/**
 * Nurture (seed 002, sub-scenario B after onboarding): useful content over weeks, sent in the
 * customer's daytime, with a sticky A/B test of the offer against a holdout that gets no offer (does an offer
 * bring the first order sooner at all?). The first order ends it.
 */
export const nurture = defineJourney({
  id: 'nurture',
  name: 'Nurture to the first order',
  entry: { stage: 'nurturing' },
  reentry: 'never',
  goal: {
    events: ['order.placed'],
    then: [{ kind: 'setStage', key: 'to-active', stage: 'active', reason: 'first order' }],
  },
  steps: [
    { kind: 'wait', key: 'first-daytime', untilWindow: { from: '09:00', to: '20:00' } },
    { kind: 'send', key: 'tips', channel: 'email', template: 'nurture-tips' },
    { kind: 'wait', key: 'week-1', duration: '7 days' },
    { kind: 'send', key: 'case-study', channel: 'email', template: 'nurture-case-study' },
    { kind: 'wait', key: 'week-2', duration: '7 days' },
    {
      kind: 'split',
      key: 'offer-test',
      experiment: 'nurture-offer',
      arms: [
        { name: 'discount', weight: 40, steps: [{ kind: 'send', key: 'offer-discount', channel: 'email', template: 'nurture-offer-discount' }] },
        { name: 'content', weight: 40, steps: [{ kind: 'send', key: 'offer-content', channel: 'email', template: 'nurture-offer-content' }] },
        { name: 'no-offer', weight: 20, holdout: true, steps: [] },
      ],
    },
    { kind: 'wait', key: 'weeks-3-4', duration: '14 days' },
  ],
});
