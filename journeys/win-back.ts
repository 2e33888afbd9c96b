import { defineJourney } from '../domain/journey.js';

/**
 * Win back a silent customer (seed 002, sub-scenario C; case B-1).
 * After 45 days without interaction: a robot reminder, a coupon, then a call from customer success.
 * A reply or an order at any point, or the call completed as `won-back`, ends it as won back; a reply that refuses (不需要, 别再发了,
 * stop) ends it as `refused` with the reason, opts the customer out of marketing on the reply's channel and tags them. With no response past the SLA it records
 * 唤醒失败 (failed, with the reason) and moves the customer to the cold pool.
 */
export const winBack = defineJourney({
  id: 'win-back',
  name: 'Win back a silent customer',
  entry: { stage: 'silent' },
  reentry: { after: '90 days' },
  goal: {
    events: ['customer.interacted', 'order.placed'],
    // The call won the customer back: customer success says so when completing the task.
    tasks: [{ step: 'call', outcomes: ['won-back'] }],
    then: [{ kind: 'setStage', key: 'to-returning', stage: 'returning', reason: 'answered the win-back journey' }],
  },
  // Checked before the goal: "不需要了" is a reply, but not a customer won back (记录拒绝原因: the reason is the run's).
  refusal: {
    events: ['customer.interacted'],
    then: [{ kind: 'tag', key: 'tag-refused', add: ['refused-win-back'] }],
  },
  steps: [
    {
      kind: 'approval',
      key: 'sensitive-check',
      when: { hasTag: 'sensitive' },
      reason: 'sensitive customer: approve win-back contact',
      timeout: '2 days',
      onRejected: [{ kind: 'end', key: 'not-approved', outcome: 'completed', reason: 'win-back not approved for a sensitive customer' }],
    },
    { kind: 'send', key: 'robot-reminder', channel: 'email', template: 'winback-reminder' },
    { kind: 'wait', key: 'after-reminder', duration: '3 days' },
    { kind: 'send', key: 'coupon', channel: 'email', template: 'winback-coupon' },
    { kind: 'wait', key: 'after-coupon', duration: '4 days' },
    {
      kind: 'humanTask',
      key: 'call',
      title: 'Call the silent customer',
      queue: 'customer-success',
      sla: '2 days',
      outcomes: ['won-back', 'call-back-later', 'no-answer', 'refused'],
      onOverdue: [{ kind: 'task', key: 'escalate-call', title: 'Win-back call overdue', queue: 'customer-success-leads', sla: '1 day' }],
    },
    { kind: 'wait', key: 'response-window', duration: '7 days' },
    { kind: 'coldPool', key: 'to-cold-pool', reason: '唤醒失败: no response to reminder, coupon and call within the SLA' },
    { kind: 'end', key: 'win-back-failed', outcome: 'failed', reason: '唤醒失败: no response within the SLA' },
  ],
});
