import { type Client, type Workflow, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowStartOptions } from '@temporalio/client';
import { currentRequestId } from '../config/request-context.js';
import type { CustomerEvent } from '../domain/events.js';
import type { Journey } from '../domain/journey.js';
import { journeys } from '../journeys/index.js';
import { journeyWorkflowId, legacyJourneyWorkflowId, lifecycleWorkflowId, stageChangePushWorkflowId, stageRulesRollbackWorkflowId } from '../domain/workflow-ids.js';
import type { stageRulesRollback } from '../workflows/stage-rules-rollback.js';
import type { eventBatchDispatch } from '../workflows/event-batch-dispatch.js';
import { eventBatchDispatchWorkflowId } from '../domain/workflow-ids.js';
import type { StageChangeNotice } from '../activities/crm-stage-push.js';
import type { stageChangePush } from '../workflows/stage-change-push.js';
import type { customerLifecycle } from '../workflows/customer-lifecycle.js';
import type { journeyRun } from '../workflows/journey-run.js';
import type { SignalDefinition } from '@temporalio/common';
import { reentryRefusal } from '../store/journey-reentry.js';
import {
  type ApprovalDecision,
  approvalDecidedSignal,
  customerEventSignal,
  endRunSignal,
  journeyStartedSignal,
  type RunState,
  runStateQuery,
  type TaskCompletion,
  taskCompletedSignal,
} from '../workflows/messages.js';
import { CustomerId, JourneyId, JourneyVersion } from '../workflows/search-attributes.js';

export { journeyWorkflowId } from '../domain/workflow-ids.js';

/** How long any one call to Temporal may take before the API answers 503. */
const TEMPORAL_DEADLINE_MS = 5_000;

export interface StartResult {
  journeyId: string;
  workflowId: string;
  started: boolean;
  /** No run started because one is in progress. */
  alreadyRunning?: boolean;
  /** Why no run started: one is in progress, or the re-entry policy forbids another. */
  reason?: string;
}

/** Starts journey runs and forwards events to them through the Temporal client. */
export class JourneyRunner {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  private withDeadline<T>(fn: () => Promise<T>): Promise<T> {
    return this.client.connection.withDeadline(Date.now() + TEMPORAL_DEADLINE_MS, fn);
  }

  /** Starts a run unless one is running, or the journey's re-entry policy forbids another; `event`: the one it enters on. */
  async start(journey: Journey, customerId: string, trigger: string, event?: CustomerEvent): Promise<StartResult> {
    const workflowId = journeyWorkflowId(journey.id, customerId);
    const refused = (reason: string, alreadyRunning = false): StartResult => ({ journeyId: journey.id, workflowId, started: false, alreadyRunning, reason });
    const refusal = await reentryRefusal(journey, customerId);
    if (refusal) return refused(refusal);
    try {
      await this.withDeadline(() =>
        this.client.workflow.start<typeof journeyRun>('journeyRun', {
          workflowId,
          taskQueue: this.taskQueue,
          args: [{ journey, customerId, trigger, ...(event ? { event } : {}) }],
          workflowIdReusePolicy: journey.reentry === 'never' ? 'REJECT_DUPLICATE' : 'ALLOW_DUPLICATE',
          typedSearchAttributes: [
            { key: CustomerId, value: customerId },
            { key: JourneyId, value: journey.id },
            { key: JourneyVersion, value: journey.version },
          ],
          staticSummary: `${journey.name} for customer ${customerId} (${trigger})`,
          memo: requestMemo(),
        }),
      );
      return { journeyId: journey.id, workflowId, started: true };
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      const { status } = await this.withDeadline(() => this.client.workflow.getHandle(workflowId).describe());
      return status.name === 'RUNNING'
        ? refused('a run of this journey is in progress for this customer', true)
        : refused('re-entry policy "never": the customer already ran this journey');
    }
  }

  /** Starts a run by hand (or for a date or schedule entry) and tells the customer's lifecycle, which hands the run the customer's events from then on. */
  async enroll(journey: Journey, customerId: string, trigger = 'manual enrollment'): Promise<StartResult> {
    const result = await this.start(journey, customerId, trigger);
    if (!result.started) return result;
    await this.withDeadline(() =>
      this.client.workflow.signalWithStart<typeof customerLifecycle, [{ workflowId: string }]>('customerLifecycle', {
        workflowId: lifecycleWorkflowId(customerId),
        taskQueue: this.taskQueue,
        args: [{ customerId }],
        signal: journeyStartedSignal,
        signalArgs: [{ workflowId: result.workflowId }],
        typedSearchAttributes: [{ key: CustomerId, value: customerId }],
        staticSummary: `Lifecycle of customer ${customerId}`,
        memo: requestMemo(),
      }),
    );
    return result;
  }

  /** Hands events to a run, in order; false when it is not running (it ended, or never started). */
  async handEvents(workflowId: string, events: CustomerEvent[]): Promise<boolean> {
    try {
      for (const event of events) await this.withDeadline(() => this.client.workflow.getHandle(workflowId).signal(customerEventSignal, event));
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /** Hands an event to the customer's lifecycle workflow, starting it for a customer's first event. */
  async deliverToLifecycle(event: CustomerEvent): Promise<void> {
    await this.withDeadline(() =>
      this.client.workflow.signalWithStart<typeof customerLifecycle, [CustomerEvent]>('customerLifecycle', {
        workflowId: lifecycleWorkflowId(event.customerId),
        taskQueue: this.taskQueue,
        args: [{ customerId: event.customerId }],
        signal: customerEventSignal,
        signalArgs: [event],
        typedSearchAttributes: [{ key: CustomerId, value: event.customerId }],
        staticSummary: `Lifecycle of customer ${event.customerId}`,
        memo: requestMemo(),
      }),
    );
  }

  /** Starts the push of one stage change to the CRM; starting it again for the same change does nothing. */
  async pushStageChange(notice: StageChangeNotice): Promise<void> {
    await this.startOnce<typeof stageChangePush>('stageChangePush', {
      workflowId: stageChangePushWorkflowId(notice.customerId, notice.seq),
      taskQueue: this.taskQueue,
      args: [notice],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [{ key: CustomerId, value: notice.customerId }],
      staticSummary: `CRM push: customer ${notice.customerId} ${notice.from ?? 'none'} → ${notice.to}`,
    });
  }

  /** Starts re-evaluating the customers a rolled-back stage-rules version moved; once per version. */
  async startStageRulesRollback(rolledBack: string): Promise<{ workflowId: string }> {
    const workflowId = stageRulesRollbackWorkflowId(rolledBack);
    await this.startOnce<typeof stageRulesRollback>('stageRulesRollback', {
      workflowId,
      taskQueue: this.taskQueue,
      args: [{ rolledBack }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: `Re-evaluate the customers ${rolledBack} moved`,
    });
    return { workflowId };
  }

  /** Tells a run that a person completed one of its tasks. */
  async taskCompleted(workflowId: string, completion: TaskCompletion): Promise<void> {
    await this.signalRun(workflowId, taskCompletedSignal, completion);
  }

  /** Tells a run that a person decided on one of its approvals. */
  async approvalDecided(workflowId: string, decision: ApprovalDecision): Promise<void> {
    await this.signalRun(workflowId, approvalDecidedSignal, decision);
  }

  /** Where a customer's run of a journey is, or undefined when there is none (a run started before ids used `:` is found by its old id). */
  async runState(journeyId: string, customerId: string): Promise<{ status: string; state: RunState } | undefined> {
    for (const workflowId of [journeyWorkflowId(journeyId, customerId), legacyJourneyWorkflowId(journeyId, customerId)]) {
      const handle = this.client.workflow.getHandle(workflowId);
      try {
        const [description, state] = await this.withDeadline(() => Promise.all([handle.describe(), handle.query(runStateQuery)]));
        return { status: description.status.name, state };
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    }
    return undefined;
  }

  private async signalRun<T>(workflowId: string, signal: SignalDefinition<[T]>, value: T): Promise<void> {
    try {
      await this.withDeadline(() => this.client.workflow.getHandle(workflowId).signal(signal, value));
    } catch (error) {
      // The run already ended (its SLA passed): the decision is recorded, nothing waits for it.
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }

  /**
   * Ends the customer's running journey runs (outcome `exited`, with the reason), found both by
   * catalogue id and by search attribute (a run of a journey no longer in the catalogue).
   * Returns the workflow ids of the runs that were told to end.
   */
  async endRuns(customerId: string, reason: string): Promise<string[]> {
    const workflowIds = new Set(journeys.flatMap((journey) => [journeyWorkflowId(journey.id, customerId), legacyJourneyWorkflowId(journey.id, customerId)]));
    const query = `CustomerId = "${customerId}" AND WorkflowType = "journeyRun" AND ExecutionStatus = "Running"`;
    await this.withDeadline(async () => {
      for await (const run of this.client.workflow.list({ query })) workflowIds.add(run.workflowId);
    });
    const told = await Promise.all(
      [...workflowIds].map(async (workflowId) => {
        try {
          await this.withDeadline(() => this.client.workflow.getHandle(workflowId).signal(endRunSignal, { reason }));
          return [workflowId];
        } catch (error) {
          if (error instanceof WorkflowNotFoundError) return []; // never ran, or already finished
          throw error;
        }
      }),
    );
    return told.flat();
  }

  /**
   * Ends the customer's running run of one journey by hand (outcome `exited`, with the reason): the
   * signal is in the run's history and the run records its own end. Undefined when none is running.
   */
  async endRun(journeyId: string, customerId: string, reason: string): Promise<{ workflowId: string; runId: string } | undefined> {
    for (const workflowId of [journeyWorkflowId(journeyId, customerId), legacyJourneyWorkflowId(journeyId, customerId)]) {
      const handle = this.client.workflow.getHandle(workflowId);
      try {
        const { status, runId } = await this.withDeadline(() => handle.describe());
        if (status.name !== 'RUNNING') continue;
        await this.withDeadline(() => this.client.workflow.getHandle(workflowId, runId).signal(endRunSignal, { reason }));
        return { workflowId, runId };
      } catch (error) {
        // Never ran, or finished between the look and the signal.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    }
    return undefined;
  }

  /** Terminates the customer's lifecycle workflow with the reason; false when none was running. */
  async endLifecycle(customerId: string, reason: string): Promise<boolean> {
    try {
      await this.withDeadline(() => this.client.workflow.getHandle(lifecycleWorkflowId(customerId)).terminate(reason));
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /** Starts handing a batch's stored events to their lifecycles; the same batch again, while it runs, starts nothing. */
  async startEventBatchDispatch(eventIds: string[]): Promise<{ workflowId: string }> {
    const workflowId = eventBatchDispatchWorkflowId(eventIds);
    await this.startOnce<typeof eventBatchDispatch>('eventBatchDispatch', {
      workflowId,
      taskQueue: this.taskQueue,
      args: [{ eventIds }],
      staticSummary: `Hand ${eventIds.length} events (${eventIds[0]}, …) to their customers' lifecycles`,
    });
    return { workflowId };
  }

  /** Starts a workflow; one already there under that id (a retried start) is fine. */
  private async startOnce<T extends Workflow>(workflowType: string, options: WorkflowStartOptions<T>): Promise<void> {
    try {
      await this.withDeadline(() => this.client.workflow.start<T>(workflowType, options));
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}

/** The HTTP request that started a run, in its memo (shown in the Temporal UI): a run found from an API log line, and back. */
function requestMemo(): { requestId: string } | undefined {
  const requestId = currentRequestId();
  return requestId ? { requestId } : undefined;
}
