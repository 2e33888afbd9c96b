import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineJourney } from '../../domain/journey.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

const callBack = defineJourney({
  id: 'call-back',
  name: 'Opens a call-back task, then thanks the customer',
  entry: { event: 'test.call_back' },
  reentry: 'always',
  steps: [
    { kind: 'task', key: 'call', title: 'Call the customer back', queue: 'success', sla: '1 day' },
    { kind: 'send', key: 'thanks', channel: 'email', template: 'thanks' },
  ],
});

describe('a step that can never succeed', () => {
  it('ends the run as failed with the store\'s reason, instead of retrying every few minutes forever', async () => {
    let attempts = 0;
    const result = await kit.run(callBack, { id: 'refused-task' }, undefined, {
      activities: {
        async createTask() {
          attempts += 1;
          // What mongoose throws when a value breaks the task's schema: it will break it on every attempt.
          throw Object.assign(new Error('Task validation failed: title: too long'), { name: 'ValidationError' });
        },
      },
    });
    expect(result.outcome).toBe('failed');
    expect(result.reason).toMatch(/createTask failed for good \(StoreRefusedValue\).*title: too long/);
    expect(attempts).toBe(1);
    expect(result.sent).toEqual([]);
  });
});
