import { defineJourney } from '../domain/journey.js';

/**
 * Satisfaction follow-up (seed 000, 满意度回访; CSAT in its metrics): the day after an order is delivered
 * (`order.delivered`), a survey by email; no answer in 3 days, one reminder. The survey service posts
 * `survey.completed` with `score` 1–5 (CSAT, the health model's satisfaction): that is the goal, and a
 * score of 1 or 2 opens a call-back task for customer success. The survey is about the customer's own
 * order, so it is transactional (no marketing consent or cap needed) and waits for their daytime itself.
 */
export const satisfactionFollowUp = defineJourney({
  id: 'satisfaction-follow-up',
  name: 'Satisfaction follow-up after delivery',
  entry: { event: 'order.delivered' },
  reentry: { after: '30 days' },
  goal: {
    events: ['survey.completed'],
    then: [
      {
        kind: 'branch',
        key: 'low-score',
        cases: [
          {
            when: { all: [{ eventProperty: 'score', atLeast: 1 }, { not: { eventProperty: 'score', atLeast: 3 } }] },
            steps: [
              { kind: 'task', key: 'call-back-unhappy', title: 'Call back: low satisfaction score after delivery', queue: 'customer-success', sla: '1 day' },
              { kind: 'tag', key: 'tag-unhappy', add: ['low-csat'] },
            ],
          },
        ],
        otherwise: [],
      },
    ],
  },
  // Already complaining: customer success has it, a survey would only annoy.
  exit: { events: ['complaint.filed'] },
  steps: [
    { kind: 'wait', key: 'try-it-out', duration: '1 day' },
    { kind: 'wait', key: 'survey-daytime', untilWindow: { from: '10:00', to: '20:00' } },
    { kind: 'send', key: 'survey', channel: 'email', template: 'satisfaction-survey', purpose: 'transactional' },
    { kind: 'wait', key: 'await-answer', duration: '3 days' },
    { kind: 'wait', key: 'reminder-daytime', untilWindow: { from: '10:00', to: '20:00' } },
    { kind: 'send', key: 'survey-reminder', channel: 'email', template: 'satisfaction-survey-reminder', purpose: 'transactional' },
    { kind: 'wait', key: 'last-answer-window', duration: '4 days' },
    { kind: 'end', key: 'no-answer', outcome: 'completed', reason: 'survey not answered after one reminder' },
  ],
});
