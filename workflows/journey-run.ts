import { ActivityFailure, condition, continueAsNew, patched, proxyActivities, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { StepRef } from '../activities/refs.js';
import { type BranchContext, describeCondition, evaluate } from '../domain/conditions.js';
import { durationToMs } from '../domain/durations.js';
import type { CustomerEvent } from '../domain/events.js';
import { assertUnreachable } from '../domain/errors.js';
import { childPaths, type Journey, type Step } from '../domain/journey.js';
import { type LocalWindow, msUntilWindow } from '../domain/local-time.js';
import { stickyArm } from '../domain/split.js';
import { hasOutwardEffect, tookHoldoutArm } from '../domain/holdout.js';
import { type RunOutcome, type RunState, runStateQuery } from './messages.js';
import { RunInbox, StopRun } from './run-inbox.js';
import { type CarriedWait, type CursorFrame, historyIsLong, JOURNEY_RUN_CONTINUES_AS_NEW, RunCursor, type RunResume } from './run-resume.js';
import { JOURNEY_RUN_ENDS_ON_PERMANENT_FAILURE, JOURNEY_RUN_RECORDS_ARM_AT_SPLIT } from './patches.js';
import { passInHoldout } from './holdout-step.js';
import { JourneyStep, Outcome } from './search-attributes.js';
import { countRunOutcome, countTaskOverdue } from './run-metrics.js';
import { performSend } from './send-step.js';
import { optOutAfterRefusal } from './refusal-step.js';
import { permanentFailureReason } from './permanent-failure.js';

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
  /** Set when the run continued as new: where the run before it was, and what it knew. */
  resume?: RunResume;
  /** The event the run entered on (an event entry): known to the run as its first event. */
  event?: CustomerEvent;
}

/** One run of one journey for one customer: interprets the definition it was started with. */
export async function journeyRun({ journey, customerId, trigger, resume, event }: JourneyRunInput): Promise<RunOutcome> {
  const state: RunState = {
    journeyId: journey.id,
    journeyVersion: journey.version,
    customerId,
    currentStep: null,
    completedSteps: [...(resume?.completedSteps ?? [])],
    waitingFor: null,
    arms: { ...resume?.arms },
    outcome: null,
    reason: null,
  };
  setHandler(runStateQuery, () => state);
  const inbox = new RunInbox(journey, resume, event);
  const cursor = new RunCursor();
  const mayContinueAsNew = patched(JOURNEY_RUN_CONTINUES_AS_NEW);
  const continueAsNewDue = () => mayContinueAsNew && !inbox.ending && historyIsLong();

  const { workflowId } = workflowInfo();
  const runId = resume?.runId ?? workflowInfo().runId;
  const run = { workflowId, runId, journeyId: journey.id, journeyVersion: journey.version, customerId };
  const refFor = (step: Step): StepRef => ({ ...run, stepKey: step.key });
  const keyFor = (step: Step) => `${runId}:${step.key}`;

  /**
   * Waits until `done()` or the timeout; a goal or exit event stops the run instead. A history grown
   * long continues the run as new here, carrying the time the wait has left. Returns whether done() came true.
   */
  async function waitFor({ what, remainingMs }: CarriedWait, done: () => boolean, summary: string): Promise<boolean> {
    state.waitingFor = what;
    setCurrentDetails(`**${state.currentStep}**: waiting for ${what}`);
    const deadline = Date.now() + remainingMs;
    const met = await condition(() => inbox.interrupt !== null || done() || continueAsNewDue(), remainingMs, { summary });
    state.waitingFor = null;
    if (inbox.interrupt) throw inbox.interrupt;
    if (met && !done()) await continueAsNewHere({ what, remainingMs: deadline - Date.now() });
    return met;
  }

  async function continueAsNewHere(wait: CarriedWait): Promise<never> {
    const { completedSteps, arms } = state;
    const generation = (resume?.generation ?? 0) + 1;
    return continueAsNew<typeof journeyRun>({ journey, customerId, trigger, resume: { runId, cursor: cursor.carry(wait), completedSteps, arms, ...inbox.carry(), generation } });
  }

  async function branchContext(): Promise<BranchContext> {
    const customer = await acts.customerSnapshot.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: 'read customer' }, [{ customerId }]);
    const last = inbox.events.at(-1);
    return { ...customer, lastEvent: last && { type: last.type, properties: last.properties } };
  }

  async function windowWait(window: LocalWindow): Promise<CarriedWait> {
    const timezone = (await branchContext()).profile.timezone ?? 'UTC';
    return { what: `the window ${window.from}–${window.to} ${timezone}`, remainingMs: msUntilWindow(Date.now(), timezone, window) };
  }

  /** Goes down the step's path `path` (an index into `childPaths(step)`), from `resumeAt` in it when given. */
  async function performPath(step: Step, path: number, resumeAt?: CursorFrame[]): Promise<void> {
    cursor.takePath(path);
    await performAll(childPaths(step)[path]!, resumeAt);
  }

  /** `at`: where an earlier run was in this step (its frame first) when it continued as new. */
  async function perform(step: Step, at?: CursorFrame[]): Promise<void> {
    if (inbox.interrupt) throw inbox.interrupt;
    state.currentStep = step.key;
    upsertSearchAttributes([{ key: JourneyStep, value: step.key }]);
    setCurrentDetails(`**${step.key}** (${step.kind})`);
    const ref = refFor(step);
    // Resumed, the step's work before its wait is done: it goes on in its wait or down the path it took.
    const { path: resumedPath, wait: carriedWait } = at?.[0] ?? {};
    const deeper = at?.slice(1);
    if (hasOutwardEffect(step) && tookHoldoutArm(journey, state.arms)) {
      await passInHoldout(step, ref, at?.[0], { acts, waitFor, performPath: (inner, path) => performPath(inner, path, deeper) });
      state.completedSteps.push(step.key);
      return;
    }
    switch (step.kind) {
      case 'send':
        await performSend(acts, step, { ...ref, sendKey: keyFor(step) }, journey.templates?.[step.template], waitFor, inbox.latest());
        break;
      case 'wait': {
        const wait = carriedWait ?? (step.duration ? { what: step.duration, remainingMs: durationToMs(step.duration) } : await windowWait(step.untilWindow!));
        if (wait.remainingMs > 0) await waitFor(wait, () => false, `${step.key}: wait for ${wait.what}`);
        break;
      }
      case 'waitForEvent': {
        let path = resumedPath;
        if (path === undefined) {
          const start = inbox.events.length;
          const arrived = () => inbox.events.slice(start).some((e) => step.events.includes(e.type));
          const wait = carriedWait ?? { what: `${step.events.join(' or ')} (up to ${step.timeout})`, remainingMs: durationToMs(step.timeout) };
          path = (await waitFor(wait, arrived, `${step.key}: ${step.events.join('|')} within ${step.timeout}`)) ? 0 : 1;
        }
        await performPath(step, path, deeper);
        break;
      }
      case 'branch': {
        let path = resumedPath;
        if (path === undefined) {
          const context = await branchContext();
          const chosen = step.cases.findIndex((c) => evaluate(c.when, context));
          setCurrentDetails(`**${step.key}**: ${chosen >= 0 ? describeCondition(step.cases[chosen]!.when) : 'otherwise'}`);
          path = chosen >= 0 ? chosen : step.cases.length;
        }
        await performPath(step, path, deeper);
        break;
      }
      case 'split': {
        const arm = stickyArm(step.experiment, customerId, step.arms);
        state.arms[step.experiment] = arm.name;
        if (!at && patched(JOURNEY_RUN_RECORDS_ARM_AT_SPLIT)) {
          await acts.recordArm.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `${step.experiment}: arm ${arm.name}${arm.holdout ? ' (holdout)' : ''}` }, [
            { ...ref, experiment: step.experiment, arm: arm.name },
          ]);
        }
        await performPath(step, step.arms.indexOf(arm), deeper);
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
        // Resumed (`at`), the task was opened by the run before.
        if (!at) {
          await acts.createTask.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `task "${step.title}" → ${step.queue}` }, [
            { ...ref, taskKey, title: step.title, queue: step.queue, slaMs: durationToMs(step.sla), ...(step.outcomes ? { outcomes: step.outcomes } : {}) },
          ]);
        }
        if (step.kind === 'humanTask') {
          let path = resumedPath;
          if (path === undefined) {
            const wait = carriedWait ?? { what: `task "${step.title}" (SLA ${step.sla})`, remainingMs: durationToMs(step.sla) };
            path = (await waitFor(wait, () => inbox.completedTasks.has(taskKey), `${step.key}: task SLA ${step.sla}`)) ? 0 : 1;
            if (path === 1) countTaskOverdue(step.queue);
          }
          await performPath(step, path, deeper);
        }
        break;
      }
      case 'approval': {
        const approvalKey = keyFor(step);
        if (resumedPath === undefined) {
          // Resumed (`at`), the approval was asked for by the run before.
          if (!at) {
            const context = await branchContext();
            if (!evaluate(step.when, context)) break;
            await acts.createApproval.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `approval: ${step.reason}` }, [
              { ...ref, approvalKey, reason: step.reason },
            ]);
          }
          const wait = carriedWait ?? { what: `approval (${step.reason}, up to ${step.timeout})`, remainingMs: durationToMs(step.timeout) };
          await waitFor(wait, () => inbox.decisions.has(approvalKey), `${step.key}: approval within ${step.timeout}`);
          if (inbox.decisions.get(approvalKey) === 'approved') break;
        }
        await performPath(step, 0, deeper);
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
      default:
        assertUnreachable(step, 'step kind');
    }
    state.completedSteps.push(step.key);
  }

  /** Performs the steps in order, from where `resumeAt` says an earlier run was when given. */
  async function performAll(steps: Step[], resumeAt?: CursorFrame[]): Promise<void> {
    const first = resumeAt?.[0]?.index ?? 0;
    cursor.enter();
    try {
      for (let index = first; index < steps.length; index++) {
        cursor.at(index);
        await perform(steps[index]!, index === first && resumeAt?.length ? resumeAt : undefined);
      }
    } finally {
      cursor.leave();
    }
  }

  if (!resume) {
    await acts.recordRun.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `run started (${trigger})` }, [
      { ...run, status: 'running', trigger },
    ]);
  }

  let end = new StopRun('completed', 'all steps done');
  try {
    await performAll(journey.steps, resume?.cursor);
  } catch (error) {
    if (error instanceof StopRun) end = error;
    else {
      // A step that failed for good (the store refuses its data, a provider refused it): the run ends as
      // failed with the reason, recorded, instead of the workflow failing without a report row.
      const reason = permanentFailureReason(error);
      if (reason === undefined || !patched(JOURNEY_RUN_ENDS_ON_PERMANENT_FAILURE)) throw error;
      end = new StopRun('failed', reason);
    }
  }
  inbox.finish();
  if (end.outcome === 'goal_reached') await performAll(journey.goal?.then ?? []);
  if (end.outcome === 'refused' && inbox.refusal) {
    await optOutAfterRefusal(acts, inbox.refusal, customerId, journey.id);
    await performAll(journey.refusal?.then ?? []);
  }

  state.currentStep = null;
  state.outcome = end.outcome;
  state.reason = end.reason;
  upsertSearchAttributes([{ key: Outcome, value: end.outcome }]);
  setCurrentDetails(`finished: **${end.outcome}** (${end.reason})`);
  await acts.recordRun.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `run finished: ${end.outcome}` }, [
    { ...run, status: 'finished', trigger, outcome: end.outcome, reason: end.reason, completedSteps: state.completedSteps, arms: state.arms },
  ]);
  countRunOutcome(journey.id, end.outcome);
  return end.outcome;
}
