import {
  ActivityFailure,
  condition,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { StepRef } from '../activities/refs.js';
import { type BranchContext, describeCondition, evaluate } from '../domain/conditions.js';
import { durationToMs } from '../domain/durations.js';
import type { CustomerEvent } from '../domain/events.js';
import type { Journey, Step } from '../domain/journey.js';
import { msUntilWindow } from '../domain/local-time.js';
import { channelTaskQueue } from '../domain/task-queues.js';
import { stickyArm } from '../domain/split.js';
import {
  approvalDecidedSignal,
  customerEventSignal,
  endRunSignal,
  type RunOutcome,
  type RunState,
  runStateQuery,
  taskCompletedSignal,
} from './messages.js';
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

/** Thrown inside the run to stop it where it is: an `end` step, or a goal or exit event. */
class StopRun {
  constructor(
    readonly outcome: RunOutcome,
    readonly reason: string,
  ) {}
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
    arms: {},
    outcome: null,
    reason: null,
  };
  const seenEvents = new Set<string>();
  const events: CustomerEvent[] = [];
  const completedTasks = new Map<string, string>();
  const decisions = new Map<string, 'approved' | 'rejected'>();
  let interrupt: StopRun | null = null;
  let ending = false;

  setHandler(runStateQuery, () => state);
  setHandler(customerEventSignal, (event) => {
    if (seenEvents.has(event.eventId) || interrupt || ending) return;
    seenEvents.add(event.eventId);
    events.push(event);
    if (journey.goal?.events.includes(event.type)) interrupt = new StopRun('goal_reached', event.type);
    else if (journey.exit?.events.includes(event.type)) interrupt = new StopRun('exited', event.type);
  });
  setHandler(taskCompletedSignal, ({ taskKey, outcome }) => void completedTasks.set(taskKey, outcome));
  setHandler(approvalDecidedSignal, ({ approvalKey, decision }) => void decisions.set(approvalKey, decision));
  // Stops the run like an exit event: at the wait it is in, or before its next step.
  setHandler(endRunSignal, ({ reason }) => {
    if (!interrupt && !ending) interrupt = new StopRun('exited', reason);
  });

  const { workflowId, runId } = workflowInfo();
  const run = { workflowId, runId, journeyId: journey.id, journeyVersion: journey.version, customerId };
  const refFor = (step: Step): StepRef => ({ ...run, stepKey: step.key });
  const keyFor = (step: Step) => `${runId}:${step.key}`;

  /** Waits until `done()` or the timeout; a goal or exit event stops the run instead. Returns whether done() came true. */
  async function waitFor(what: string, done: () => boolean, timeoutMs: number, summary: string): Promise<boolean> {
    state.waitingFor = what;
    setCurrentDetails(`**${state.currentStep}**: waiting for ${what}`);
    const met = await condition(() => interrupt !== null || done(), timeoutMs, { summary });
    state.waitingFor = null;
    if (interrupt) throw interrupt;
    return met;
  }

  async function branchContext(): Promise<BranchContext> {
    const customer = await acts.customerSnapshot.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: 'read customer' }, [{ customerId }]);
    const last = events.at(-1);
    return { ...customer, lastEvent: last && { type: last.type, properties: last.properties } };
  }

  async function perform(step: Step): Promise<void> {
    if (interrupt) throw interrupt;
    state.currentStep = step.key;
    upsertSearchAttributes([{ key: JourneyStep, value: step.key }]);
    setCurrentDetails(`**${step.key}** (${step.kind})`);
    const ref = refFor(step);
    switch (step.kind) {
      case 'send': {
        const send = step.channel === 'sms' ? acts.sendSms : acts.sendEmail;
        const { purpose, whenCapped } = step;
        const input = { ...ref, sendKey: keyFor(step), template: step.template, ...(purpose ? { purpose } : {}), ...(whenCapped ? { whenCapped } : {}) };
        // Each channel's sends run on its own task queue, rate-limited for its provider (runs started before: the run's queue).
        const channelQueue = patched('sends-on-channel-task-queues') ? { taskQueue: channelTaskQueue(workflowInfo().taskQueue, step.channel) } : {};
        // Quiet hours or a full frequency cap defer the message: wait durably, then send under the same key.
        try {
          for (;;) {
            const result = await send.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `${step.channel} "${step.template}"`, ...channelQueue }, [input]);
            if (result.status !== 'deferred') break;
            await waitFor(`a send slot (${result.reason})`, () => false, Math.max(0, Date.parse(result.until) - Date.now()), `${step.key}: ${result.reason}`);
          }
        } catch (error) {
          // A message refused for good (a malformed address) is in the ledger and the run's history; the journey goes on.
          if (!(error instanceof ActivityFailure)) throw error;
        }
        break;
      }
      case 'wait': {
        if (step.duration) {
          await waitFor(step.duration, () => false, durationToMs(step.duration), `${step.key}: wait ${step.duration}`);
        } else if (step.untilWindow) {
          const { profile } = await branchContext();
          const ms = msUntilWindow(Date.now(), profile.timezone ?? 'UTC', step.untilWindow);
          const window = `${step.untilWindow.from}–${step.untilWindow.to} ${profile.timezone ?? 'UTC'}`;
          if (ms > 0) await waitFor(`the window ${window}`, () => false, ms, `${step.key}: wait for ${window}`);
        }
        break;
      }
      case 'waitForEvent': {
        const start = events.length;
        const arrived = () => events.slice(start).some((e) => step.events.includes(e.type));
        const met = await waitFor(`${step.events.join(' or ')} (up to ${step.timeout})`, arrived, durationToMs(step.timeout), `${step.key}: ${step.events.join('|')} within ${step.timeout}`);
        await performAll(met ? step.onEvent : step.onTimeout);
        break;
      }
      case 'branch': {
        const context = await branchContext();
        const chosen = step.cases.find((c) => evaluate(c.when, context));
        setCurrentDetails(`**${step.key}**: ${chosen ? describeCondition(chosen.when) : 'otherwise'}`);
        await performAll(chosen ? chosen.steps : step.otherwise);
        break;
      }
      case 'split': {
        const arm = stickyArm(step.experiment, customerId, step.arms);
        state.arms[step.experiment] = arm.name;
        await performAll(arm.steps);
        break;
      }
      case 'setStage':
        await acts.setStage.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `stage → ${step.stage}` }, [
          { ...ref, stage: step.stage, reason: step.reason, onlyFrom: step.onlyFrom },
        ]);
        break;
      case 'tag':
        await acts.updateTags.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `tags +[${step.add ?? []}] -[${step.remove ?? []}]` }, [
          { ...ref, add: step.add ?? [], remove: step.remove ?? [] },
        ]);
        break;
      case 'task':
      case 'humanTask': {
        const taskKey = keyFor(step);
        await acts.createTask.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `task "${step.title}" → ${step.queue}` }, [
          { ...ref, taskKey, title: step.title, queue: step.queue, slaMs: durationToMs(step.sla) },
        ]);
        if (step.kind === 'humanTask') {
          const done = await waitFor(`task "${step.title}" (SLA ${step.sla})`, () => completedTasks.has(taskKey), durationToMs(step.sla), `${step.key}: task SLA ${step.sla}`);
          await performAll(done ? (step.onCompleted ?? []) : step.onOverdue);
        }
        break;
      }
      case 'approval': {
        const context = await branchContext();
        if (!evaluate(step.when, context)) break;
        const approvalKey = keyFor(step);
        await acts.createApproval.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `approval: ${step.reason}` }, [
          { ...ref, approvalKey, reason: step.reason },
        ]);
        await waitFor(`approval (${step.reason}, up to ${step.timeout})`, () => decisions.has(approvalKey), durationToMs(step.timeout), `${step.key}: approval within ${step.timeout}`);
        if (decisions.get(approvalKey) !== 'approved') await performAll(step.onRejected);
        break;
      }
      case 'coldPool':
        await acts.moveToColdPool.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `cold pool: ${step.reason}` }, [
          { ...ref, reason: step.reason },
        ]);
        break;
      case 'webhook':
        try {
          await acts.callWebhook.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `webhook ${step.target}: ${step.event}` }, [
            { ...ref, webhookKey: keyFor(step), target: step.target, event: step.event },
          ]);
        } catch (error) {
          // A refused or unconfigured webhook is in the run's history; the customer's journey goes on.
          if (!(error instanceof ActivityFailure)) throw error;
        }
        break;
      case 'end':
        state.completedSteps.push(step.key);
        throw new StopRun(step.outcome, step.reason);
    }
    state.completedSteps.push(step.key);
  }

  async function performAll(steps: Step[]): Promise<void> {
    for (const step of steps) await perform(step);
  }

  await acts.recordRun.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `run started (${trigger})` }, [
    { ...run, status: 'running', trigger },
  ]);

  let end = new StopRun('completed', 'all steps done');
  try {
    await performAll(journey.steps);
  } catch (error) {
    if (!(error instanceof StopRun)) throw error;
    end = error;
  }
  ending = true;
  interrupt = null;
  if (end.outcome === 'goal_reached') await performAll(journey.goal?.then ?? []);

  state.currentStep = null;
  state.outcome = end.outcome;
  state.reason = end.reason;
  upsertSearchAttributes([{ key: Outcome, value: end.outcome }]);
  setCurrentDetails(`finished: **${end.outcome}** (${end.reason})`);
  await acts.recordRun.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `run finished: ${end.outcome}` }, [
    { ...run, status: 'finished', trigger, outcome: end.outcome, reason: end.reason, completedSteps: state.completedSteps, arms: state.arms },
  ]);
  return end.outcome;
}
