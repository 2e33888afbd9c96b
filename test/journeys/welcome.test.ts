import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineJourney } from '../../domain/journey.js';
import { welcome } from '../../journeys/welcome.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

const newCustomer = { id: 'ada', stage: 'new' as const };

describe('welcome journey (seed 002 B, case A-1)', () => {
  it('sends the welcome email and the survey task, then moves the customer to nurturing when the survey is done', async () => {
    const result = await kit.run(welcome, newCustomer, async (journey) => {
      await journey.pass('1 day');
      expect((await journey.state()).waitingFor).toBe('3 days');
      await journey.event('survey.completed');
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.sent.map((m) => m.template)).toEqual(['welcome']);
    expect(result.tasks).toEqual([{ step: 'survey', title: 'Complete the welcome survey', queue: 'customer', slaMs: 3 * 86_400_000 }]);
    expect(result.stages).toEqual([{ stage: 'nurturing', reason: 'welcome survey completed' }]);
  });

  it('the survey task completed as "survey-done" (by customer success, e.g. on the phone) counts as the survey; "declined" does not', async () => {
    const done = await kit.run(welcome, { id: 'survey-by-phone', stage: 'new' }, async (journey) => {
      await journey.pass('1 day');
      await journey.completeTask('survey', 'survey-done');
    });
    expect(done.outcome).toBe('goal_reached');
    expect(done.reason).toBe('task survey: survey-done');
    expect(done.stages).toEqual([{ stage: 'nurturing', reason: 'welcome survey completed' }]);
    const declined = await kit.run(welcome, { id: 'survey-declined', stage: 'new' }, async (journey) => {
      await journey.pass('1 day');
      await journey.completeTask('survey', 'declined');
    });
    expect(declined.outcome).toBe('completed');
    expect(declined.sent.map((m) => m.template)).toEqual(['welcome', 'welcome-reminder']);
    expect(declined.stages).toEqual([]);
  });

  it('without the survey: a reminder after 3 days, a call task for the onboarding team after 2 more, then ends', async () => {
    const result = await kit.run(welcome, newCustomer, async (journey) => {
      await journey.pass('2 days');
      expect((await journey.state()).completedSteps).toEqual(['welcome-email', 'survey']);
      await journey.pass('2 days');
      expect((await journey.state()).completedSteps).toContain('reminder-email');
    });
    expect(result.outcome).toBe('completed');
    expect(result.sent.map((m) => m.template)).toEqual(['welcome', 'welcome-reminder']);
    expect(result.tasks.map((t) => t.queue)).toEqual(['customer', 'onboarding']);
    expect(result.stages).toEqual([]);
  });

  it('a survey done during the reminder wait ends the journey there', async () => {
    const result = await kit.run(welcome, newCustomer, async (journey) => {
      await journey.pass('4 days');
      await journey.event('survey.completed');
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.sent.map((m) => m.template)).toEqual(['welcome', 'welcome-reminder']);
    expect(result.tasks.map((t) => t.queue)).toEqual(['customer']);
    expect(result.customer.stage).toBe('nurturing');
  });

  it('a new version of the journey leaves runs in flight on the snapshot they started with', async () => {
    const { version: _v1, ...definition } = welcome;
    const v2 = defineJourney({
      ...definition,
      steps: definition.steps.map((step) => (step.key === 'reminder-email' ? { ...step, template: 'welcome-reminder-v2' } : step)),
    });
    expect(v2.version).not.toBe(welcome.version);
    const startedOnV1 = await kit.run(welcome, { id: 'on-v1', stage: 'new' });
    const startedOnV2 = await kit.run(v2, { id: 'on-v2', stage: 'new' });
    expect(startedOnV1.sent.map((m) => m.template)).toEqual(['welcome', 'welcome-reminder']);
    expect(startedOnV2.sent.map((m) => m.template)).toEqual(['welcome', 'welcome-reminder-v2']);
  });
});
