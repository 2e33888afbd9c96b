import { condition, proxyActivities, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { durationToMs } from '../domain/durations.js';
import type { Journey, Step } from '../domain/journey.js';
import { customerEventSignal, type RunOutcome, type RunState, runStateQuery } from './messages.js';
import { JourneyStep, Outcome } from './search-attributes.js';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
});

export interface JourneyRunInput {
  /** The definition snapshot taken when the run started: editing the journey never changes this run. */
  journey: Journey;
  customerId: string;
  /** Why the run started, e.g. `stage:new` or `event:customer.registered`. */
  trigger: string;
}

/** One run of one journey for one customer: interprets the definition it was started with. */
export async function journeyRun({ journey, customerId, trigger }: JourneyRunInput): Promise<RunOutcome> {
  const state: RunState = {
    journeyId: journey.id,
    journeyVersion: journey.version,
    customerId,
    currentStep: null,
    completedSteps: [],
    waitingFor: null,
    outcome: null,
  };
  const seenEvents = new Set<string>();
  let goalReached = false;

  setHandler(runStateQuery, () => state);
  setHandler(customerEventSignal, (event) => {
    if (seenEvents.has(event.eventId)) return;
    seenEvents.add(event.eventId);
    if (event.type === journey.goal?.event) goalReached = true;
  });

  const { workflowId, runId } = workflowInfo();
  const run = { workflowId, runId, journeyId: journey.id, journeyVersion: journey.version, customerId };
  await acts.recordRun.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `run started (${trigger})` }, [
    { ...run, status: 'running', trigger },
  ]);

  async function perform(step: Step): Promise<void> {
    state.currentStep = step.key;
    upsertSearchAttributes([{ key: JourneyStep, value: step.key }]);
    const ref = { ...run, stepKey: step.key };
    switch (step.kind) {
      case 'send':
        setCurrentDetails(`**${step.key}**: sending ${step.channel} \`${step.template}\``);
        await acts.sendEmail.executeWithOptions({ startToCloseTimeout: '1 minute', summary: `${step.channel} "${step.template}"` }, [
          { ...ref, sendKey: `${runId}:${step.key}`, template: step.template },
        ]);
        break;
      case 'task':
        setCurrentDetails(`**${step.key}**: opening task "${step.title}" for ${step.queue}`);
        await acts.createTask.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `task "${step.title}" → ${step.queue}` }, [
          { ...ref, taskKey: `${runId}:${step.key}`, title: step.title, queue: step.queue, slaMs: durationToMs(step.sla) },
        ]);
        break;
      case 'setStage':
        setCurrentDetails(`**${step.key}**: moving the customer to ${step.stage}`);
        await acts.setStage.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `stage → ${step.stage}` }, [
          { ...ref, stage: step.stage, reason: step.reason },
        ]);
        break;
      case 'wait': {
        state.waitingFor = journey.goal ? `${step.duration}, or ${journey.goal.event}` : step.duration;
        setCurrentDetails(`**${step.key}**: waiting ${state.waitingFor}`);
        await condition(() => goalReached, durationToMs(step.duration), { summary: `${step.key}: wait ${step.duration}` });
        state.waitingFor = null;
        break;
      }
    }
    state.completedSteps.push(step.key);
  }

  for (const step of journey.steps) {
    if (goalReached) break;
    await perform(step);
  }
  if (goalReached) {
    for (const step of journey.goal?.then ?? []) await perform(step);
  }

  const outcome: RunOutcome = goalReached ? 'goal_reached' : 'completed';
  state.currentStep = null;
  state.outcome = outcome;
  upsertSearchAttributes([{ key: Outcome, value: outcome }]);
  setCurrentDetails(`finished: **${outcome}**`);
  await acts.recordRun.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `run finished: ${outcome}` }, [
    { ...run, status: 'finished', outcome, trigger },
  ]);
  return outcome;
}
