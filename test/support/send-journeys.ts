import { defineJourney, type Journey } from '../../domain/journey.js';

/** The tag the step after the send sets: a customer who has it shows the journey went on past the send. */
export const WENT_ON = 'went-on-after-send';

/** A journey of one send step, then a tag step, for tests of what a send does to a run. */
export function sendThenTag(id: string, send: { channel: 'email' | 'sms' | 'wecom'; template: string; purpose?: 'marketing' | 'transactional' }): Journey {
  return defineJourney({
    id,
    name: `One ${send.channel}, then a tag`,
    entry: { event: `test.${id}` },
    reentry: 'always',
    steps: [
      { kind: 'send', key: 'message', ...send },
      { kind: 'tag', key: 'went-on', add: [WENT_ON] },
    ],
  });
}
