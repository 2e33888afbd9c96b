import { describe, expect, it } from 'vitest';
import { allSteps, defineJourney } from '../domain/journey.js';
import { stepPasses } from '../domain/step-passes.js';

const journey = defineJourney({
  id: 'passes',
  name: 'Passes',
  entry: { event: 'customer.registered' },
  reentry: 'never',
  goal: { events: ['order.placed'], then: [] },
  steps: [
    { kind: 'send', key: 'hello', channel: 'email', template: 'hello' },
    {
      kind: 'split',
      key: 'offer-test',
      experiment: 'offer',
      arms: [
        { name: 'discount', weight: 1, steps: [{ kind: 'wait', key: 'discount-wait', duration: '2 days' }, { kind: 'send', key: 'discount', channel: 'email', template: 'discount' }] },
        { name: 'content', weight: 1, steps: [{ kind: 'send', key: 'content', channel: 'email', template: 'content' }] },
      ],
    },
    { kind: 'wait', key: 'after-offer', duration: '3 days' },
  ],
});

describe('runs that passed each step', () => {
  it('counts a split the runs that went down its arms, when they reached the goal inside an arm before the split was recorded', () => {
    // 5 runs sent hello; 2 went down discount (one of them through its wait), 2 down content; all reached the goal in the arms.
    const passes = stepPasses(allSteps(journey), new Map([['hello', 5], ['discount-wait', 1], ['discount', 1], ['content', 2]]));
    expect(Object.fromEntries(passes)).toEqual({ hello: 5, 'offer-test': 3, 'discount-wait': 1, discount: 1, content: 2, 'after-offer': 0 });
  });

  it('keeps what runs recorded when it is more than their paths show', () => {
    const passes = stepPasses(allSteps(journey), new Map([['offer-test', 4], ['content', 1]]));
    expect(passes.get('offer-test')).toBe(4);
    expect(passes.get('after-offer')).toBe(0);
  });
});
