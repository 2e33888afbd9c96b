import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { winBack } from '../../journeys/win-back.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

const silent = { id: 'silent-refuses', stage: 'silent' as const };

describe('win-back journey: a reply that refuses (issue 13, item 5)', () => {
  it('"不需要了,别再发了" ends the run as refused with the reason, opts out the reply\'s channel, and is not won back', async () => {
    const result = await kit.run(winBack, silent, async (journey) => {
      await journey.pass('2 days');
      await journey.event('customer.interacted', { channel: 'email', text: '不需要了,别再发了' });
    });
    expect(result.outcome).toBe('refused');
    expect(result.reason).toBe('refused "不需要" (email): 不需要了,别再发了');
    expect(result.optOuts).toEqual([{ channel: 'email', source: 'refusal:win-back' }]);
    expect(result.stages).toEqual([]);
    expect(result.customer.tags).toEqual(['refused-win-back']);
    expect(result.sent.map((m) => m.template)).toEqual(['winback-reminder']);
    expect(result.tasks).toEqual([]);
    expect(result.completedSteps).not.toContain('to-returning');
  });

  it('an SMS reply opts out SMS, not email; a reply without a channel opts out email', async () => {
    const bySms = await kit.run(winBack, silent, async (journey) => {
      await journey.pass('1 day');
      await journey.event('customer.interacted', { channel: 'sms', text: 'STOP texting me' });
    });
    expect(bySms.outcome).toBe('refused');
    expect(bySms.optOuts).toEqual([{ channel: 'sms', source: 'refusal:win-back' }]);

    const noChannel = await kit.run(winBack, silent, async (journey) => {
      await journey.pass('1 day');
      await journey.event('customer.interacted', { text: 'not interested' });
    });
    expect(noChannel.optOuts).toEqual([{ channel: 'email', source: 'refusal:win-back' }]);
  });

  it('"好的,我看看" still wins the customer back: no opt-out', async () => {
    const result = await kit.run(winBack, silent, async (journey) => {
      await journey.pass('5 days');
      await journey.event('customer.interacted', { channel: 'sms', text: '好的,我看看' });
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.optOuts).toEqual([]);
    expect(result.stages).toEqual([{ stage: 'returning', reason: 'answered the win-back journey' }]);
  });

  it('a run of the win-back version without the refusal clause (in flight before it) still counts a refusing reply as the goal', async () => {
    const { refusal: _refusal, ...before } = winBack;
    const result = await kit.run(before, silent, async (journey) => {
      await journey.pass('1 day');
      await journey.event('customer.interacted', { channel: 'sms', text: '不需要了' });
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.optOuts).toEqual([]);
  });
});
