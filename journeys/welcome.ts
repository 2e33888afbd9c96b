import { defineJourney } from '../domain/journey.js';

/**
 * Welcome and onboarding (seed 002, sub-scenario B; case A-1).
 * A new customer gets the welcome message with the handbook and a survey task; no survey after
 * 3 days brings a reminder, 2 more days a call from the onboarding team. The survey done (the
 * event, or the task completed as `survey-done`) ends the journey at once and moves the customer on
 * to nurturing.
 */
export const welcome = defineJourney({
  id: 'welcome',
  name: 'Welcome and onboarding',
  entry: { stage: 'new' },
  reentry: 'never',
  goal: {
    events: ['survey.completed'],
    // The survey task marked done by customer success (e.g. answered on the phone) counts as the survey.
    tasks: [{ step: 'survey', outcomes: ['survey-done'] }],
    then: [{ kind: 'setStage', key: 'to-nurturing', stage: 'nurturing', reason: 'welcome survey completed', onlyFrom: ['new'] }],
  },
  steps: [
    { kind: 'send', key: 'welcome-email', channel: 'email', template: 'welcome' },
    { kind: 'task', key: 'survey', title: 'Complete the welcome survey', queue: 'customer', sla: '3 days', outcomes: ['survey-done', 'declined'] },
    { kind: 'wait', key: 'give-time', duration: '3 days' },
    { kind: 'send', key: 'reminder-email', channel: 'email', template: 'welcome-reminder' },
    { kind: 'wait', key: 'last-chance', duration: '2 days' },
    { kind: 'task', key: 'onboarding-call', title: 'Call the new customer: welcome survey not done', queue: 'onboarding', sla: '1 day' },
    { kind: 'wait', key: 'after-call', duration: '7 days' },
  ],
});
