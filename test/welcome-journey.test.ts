import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { welcome } from '../journeys/welcome.js';
import type { journeyRun } from '../workflows/journey-run.js';
import { customerEventSignal, runStateQuery } from '../workflows/messages.js';
import { recordingActivities } from './support/recording-activities.js';
import { createTimeSkippingEnv } from './support/time-skipping.js';

const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

async function runWelcome(customerId: string, scenario: (handle: Awaited<ReturnType<typeof startRun>>) => Promise<void>) {
  const { activities, recorded } = recordingActivities();
  const taskQueue = `welcome-${customerId}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath, activities });
  async function startRun() {
    return env.client.workflow.start<typeof journeyRun>('journeyRun', {
      workflowId: `journey-welcome-${customerId}`,
      taskQueue,
      args: [{ journey: welcome, customerId, trigger: 'stage:new' }],
    });
  }
  const outcome = await worker.runUntil(async () => {
    const handle = await startRun();
    await scenario(handle);
    return handle.result();
  });
  return { outcome, recorded };
}

describe('welcome journey (seed 002 B, case A-1)', () => {
  it('sends the welcome email and the survey task, then moves the customer to nurturing when the survey is done', async () => {
    const { outcome, recorded } = await runWelcome('a1', async (handle) => {
      await env.sleep('1 day');
      expect((await handle.query(runStateQuery)).waitingFor).toBe('3 days, or survey.completed');
      await handle.signal(customerEventSignal, {
        eventId: 'evt-survey-1',
        customerId: 'a1',
        type: 'survey.completed',
        occurredAt: new Date().toISOString(),
        properties: {},
      });
    });
    expect(outcome).toBe('goal_reached');
    expect(recorded.emails.map((e) => e.template)).toEqual(['welcome']);
    expect(recorded.tasks).toEqual([{ title: 'Complete the welcome survey', queue: 'customer', slaMs: 3 * 86_400_000 }]);
    expect(recorded.stages).toEqual([{ stage: 'nurturing', reason: 'welcome survey completed' }]);
    expect(recorded.runs.at(-1)).toEqual({ status: 'finished', outcome: 'goal_reached' });
  });

  it('without the survey: a reminder after 3 days, a call task for the onboarding team after 2 more, then ends', async () => {
    const { outcome, recorded } = await runWelcome('quiet', async (handle) => {
      await env.sleep('2 days');
      expect((await handle.query(runStateQuery)).completedSteps).toEqual(['welcome-email', 'survey']);
      await env.sleep('2 days');
      expect((await handle.query(runStateQuery)).completedSteps).toContain('reminder-email');
    });
    expect(outcome).toBe('completed');
    expect(recorded.emails.map((e) => e.template)).toEqual(['welcome', 'welcome-reminder']);
    expect(recorded.tasks.map((t) => t.queue)).toEqual(['customer', 'onboarding']);
    expect(recorded.stages).toEqual([]);
  });

  it('acts once on an event delivered twice, and on a survey done during the reminder wait', async () => {
    const { outcome, recorded } = await runWelcome('late', async (handle) => {
      await env.sleep('4 days');
      const survey = { eventId: 'evt-late', customerId: 'late', type: 'survey.completed', occurredAt: new Date().toISOString(), properties: {} };
      await handle.signal(customerEventSignal, survey);
      await handle.signal(customerEventSignal, survey);
    });
    expect(outcome).toBe('goal_reached');
    expect(recorded.emails.map((e) => e.template)).toEqual(['welcome', 'welcome-reminder']);
    expect(recorded.tasks.map((t) => t.queue)).toEqual(['customer']);
    expect(recorded.stages).toHaveLength(1);
  });
});
