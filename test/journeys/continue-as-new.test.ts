import type { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineJourney } from '../../domain/journey.js';
import { browseUntilContinued } from '../../testkit/busy-customer.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';
import { JOURNEY_RUN_MAX_HISTORY_EVENTS } from '../../workflows/run-resume.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

const eventTime = (event: temporal.api.history.v1.IHistoryEvent) => Number(event.eventTime!.seconds) * 1000 + (event.eventTime!.nanos ?? 0) / 1e6;

/** Waits nested in paths: a split, an event wait, a human task inside it, another event wait inside that. */
const attentive = defineJourney({
  id: 'attentive',
  name: 'Answers a customer who replies, through any number of page views',
  entry: { event: 'test.attentive' },
  reentry: 'always',
  steps: [
    {
      kind: 'split',
      key: 'offer',
      experiment: 'offer-copy',
      arms: [
        { name: 'short', weight: 1, steps: [{ kind: 'send', key: 'offer-short', channel: 'email', template: 'offer-short' }] },
        { name: 'long', weight: 1, steps: [{ kind: 'send', key: 'offer-long', channel: 'email', template: 'offer-long' }] },
      ],
    },
    {
      kind: 'waitForEvent',
      key: 'first-reply',
      events: ['customer.replied'],
      timeout: '10 days',
      onEvent: [
        {
          kind: 'humanTask',
          key: 'call',
          title: 'Call the customer back',
          queue: 'customer-success',
          sla: '3 days',
          onCompleted: [
            {
              kind: 'waitForEvent',
              key: 'second-reply',
              events: ['customer.replied'],
              timeout: '2 days',
              onEvent: [{ kind: 'send', key: 'thanks-again', channel: 'email', template: 'thanks-again' }],
              onTimeout: [{ kind: 'send', key: 'thanks', channel: 'email', template: 'thanks' }],
            },
          ],
          onOverdue: [{ kind: 'end', key: 'not-called', outcome: 'failed', reason: 'nobody called back' }],
        },
      ],
      onTimeout: [{ kind: 'end', key: 'no-reply', outcome: 'failed', reason: 'no reply' }],
    },
    { kind: 'wait', key: 'cool-down', duration: '5 days' },
    { kind: 'tag', key: 'answered', add: ['answered'] },
  ],
});

describe('a journey run of a busy customer continues as new and resumes where it was', () => {
  it('through waits nested in paths: the same steps, sends, task and outcome, a delivered-again event still ignored', async () => {
    const result = await kit.run(attentive, { id: 'busy-1', stage: 'active' }, async (journey) => {
      await journey.pass('1 day');
      await browseUntilContinued(journey);
      expect(await journey.state()).toMatchObject({ currentStep: 'first-reply', waitingFor: 'customer.replied (up to 10 days)' });
      await journey.event('customer.replied', { text: 'call me' }, 'reply-1');
      await journey.pass('1 hour');
      await browseUntilContinued(journey);
      expect(await journey.state()).toMatchObject({ currentStep: 'call' });
      // The task was opened by the first run: completing it reaches the run it continued as.
      await journey.completeTask('call');
      await journey.pass('1 hour');
      expect((await journey.state()).currentStep).toBe('second-reply');
      // The first reply, delivered again: seen before the run continued as new, so it is not a second reply.
      await journey.event('customer.replied', { text: 'call me' }, 'reply-1');
    });
    const arm = result.arms['offer-copy'];
    expect(result.outcome).toBe('completed');
    expect(result.histories.length).toBeGreaterThanOrEqual(3);
    expect(result.historyLength).toBeLessThan(JOURNEY_RUN_MAX_HISTORY_EVENTS);
    expect(result.sent.map((m) => m.template)).toEqual([`offer-${arm}`, 'thanks']);
    expect(result.tasks.map((t) => t.step)).toEqual(['call']);
    expect(result.completedSteps).toEqual([`offer-${arm}`, 'offer', 'thanks', 'second-reply', 'call', 'first-reply', 'cool-down', 'answered']);
    expect(result.customer.tags).toEqual(['answered']);
  }, 300_000);

  it('a wait carries the time it has left: it ends when it would have, not a whole wait later', async () => {
    const result = await kit.run(attentive, { id: 'busy-2', stage: 'active' }, async (journey) => {
      await journey.pass('2 days');
      await browseUntilContinued(journey);
      await journey.pass('7 days');
      expect((await journey.state()).currentStep).toBe('first-reply');
    });
    expect(result.outcome).toBe('failed');
    expect(result.histories).toHaveLength(2);
    expect(result.completedSteps).toEqual([`offer-${result.arms['offer-copy']}`, 'offer', 'no-reply']);
    // The 10-day timeout fired 10 days after the run started, in the run it continued as.
    const started = eventTime(result.histories[0]!.events![0]!);
    const fired = eventTime(result.history.events!.find((event) => event.timerFiredEventAttributes)!);
    expect((fired - started) / 86_400_000).toBeCloseTo(10, 2);
  }, 300_000);
});
