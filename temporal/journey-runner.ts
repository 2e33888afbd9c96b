import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { CustomerEvent } from '../domain/events.js';
import type { Journey } from '../domain/journey.js';
import type { Stage } from '../domain/stages.js';
import { journeys } from '../journeys/index.js';
import { journeyWorkflowId, lifecycleWorkflowId, stageChangePushWorkflowId, stageRulesRollbackWorkflowId } from '../domain/workflow-ids.js';
import type { stageRulesRollback } from '../workflows/stage-rules-rollback.js';
import type { StageChangeNotice } from '../activities/crm-stage-push.js';
import type { stageChangePush } from '../workflows/stage-change-push.js';
import type { customerLifecycle } from '../workflows/customer-lifecycle.js';
import type { journeyRun } from '../workflows/journey-run.js';
import type { SignalDefinition } from '@temporalio/common';
import { durationToMs } from '../domain/durations.js';
import { JourneyRunModel } from '../store/models/journey-run.js';
import {
  type ApprovalDecision,
  approvalDecidedSignal,
  customerEventSignal,
  endRunSignal,
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

  /** Starts a run unless one is running, or the journey's re-entry policy forbids another. */
  async start(journey: Journey, customerId: string, trigger: string): Promise<StartResult> {
    const workflowId = journeyWorkflowId(journey.id, customerId);
    const refused = (reason: string): StartResult => ({ journeyId: journey.id, workflowId, started: false, reason });
    if (typeof journey.reentry === 'object') {
      const last = await lastFinishedRun(journey.id, customerId);
      const until = last?.finishedAt && last.finishedAt.getTime() + durationToMs(journey.reentry.after);
      if (until && until > Date.now()) {
        return refused(`re-entry policy: not again within ${journey.reentry.after} of the last run (until ${new Date(until).toISOString()})`);
      }
    }
    try {
      await this.withDeadline(() =>
        this.client.workflow.start<typeof journeyRun>('journeyRun', {
          workflowId,
          taskQueue: this.taskQueue,
          args: [{ journey, customerId, trigger }],
          workflowIdReusePolicy: journey.reentry === 'never' ? 'REJECT_DUPLICATE' : 'ALLOW_DUPLICATE',
          typedSearchAttributes: [
            { key: CustomerId, value: customerId },
            { key: JourneyId, value: journey.id },
            { key: JourneyVersion, value: journey.version },
          ],
          staticSummary: `${journey.name} for customer ${customerId} (${trigger})`,
        }),
      );
      return { journeyId: journey.id, workflowId, started: true };
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      const { status } = await this.withDeadline(() => this.client.workflow.getHandle(workflowId).describe());
      return refused(status.name === 'RUNNING' ? 'a run of this journey is in progress for this customer' : 're-entry policy "never": the customer already ran this journey');
    }
  }

  /** Starts every journey whose entry is this stage. */
  async onStageEntered(customerId: string, stage: Stage): Promise<StartResult[]> {
    const entering = journeys.filter((journey) => 'stage' in journey.entry && journey.entry.stage === stage);
    return Promise.all(entering.map((journey) => this.start(journey, customerId, `stage:${stage}`)));
  }

  /** Starts every journey whose entry is this event, and hands the event to the customer's running journeys. */
  async onEvent(event: CustomerEvent): Promise<StartResult[]> {
    const entering = journeys.filter((journey) => 'event' in journey.entry && journey.entry.event === event.type);
    const started = await Promise.all(entering.map((journey) => this.start(journey, event.customerId, `event:${event.type}`)));
    const startedIds = new Set(started.filter((s) => s.started).map((s) => s.journeyId));
    await Promise.all(
      journeys.filter((journey) => !startedIds.has(journey.id)).map((journey) => this.signal(journey.id, event)),
    );
    return started;
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
      }),
    );
  }

  /** Starts the push of one stage change to the CRM; starting it again for the same change does nothing. */
  async pushStageChange(notice: StageChangeNotice): Promise<void> {
    try {
      await this.withDeadline(() =>
        this.client.workflow.start<typeof stageChangePush>('stageChangePush', {
          workflowId: stageChangePushWorkflowId(notice.customerId, notice.seq),
          taskQueue: this.taskQueue,
          args: [notice],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [{ key: CustomerId, value: notice.customerId }],
          staticSummary: `CRM push: customer ${notice.customerId} ${notice.from ?? 'none'} → ${notice.to}`,
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** Starts re-evaluating the customers a rolled-back stage-rules version moved; once per version. */
  async startStageRulesRollback(rolledBack: string): Promise<{ workflowId: string }> {
    const workflowId = stageRulesRollbackWorkflowId(rolledBack);
    try {
      await this.withDeadline(() =>
        this.client.workflow.start<typeof stageRulesRollback>('stageRulesRollback', {
          workflowId,
          taskQueue: this.taskQueue,
          args: [{ rolledBack }],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          staticSummary: `Re-evaluate the customers ${rolledBack} moved`,
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
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

  /** Where a customer's run of a journey is, or undefined when there is none. */
  async runState(journeyId: string, customerId: string): Promise<{ status: string; state: RunState } | undefined> {
    const handle = this.client.workflow.getHandle(journeyWorkflowId(journeyId, customerId));
    try {
      const [description, state] = await this.withDeadline(() => Promise.all([handle.describe(), handle.query(runStateQuery)]));
      return { status: description.status.name, state };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  private async signalRun<T>(workflowId: string, signal: SignalDefinition<[T]>, value: T): Promise<void> {
    try {
      await this.withDeadline(() => this.client.workflow.getHandle(workflowId).signal(signal, value));
    } catch (error) {
      // The run already ended (its SLA passed): the decision is recorded, nothing waits for it.
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }

  private async signal(journeyId: string, event: CustomerEvent): Promise<void> {
    try {
      await this.withDeadline(() =>
        this.client.workflow.getHandle(journeyWorkflowId(journeyId, event.customerId)).signal(customerEventSignal, event),
      );
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }

  /**
   * Ends the customer's running journey runs (outcome `exited`, with the reason), found both by
   * catalogue id and by search attribute (a run of a journey no longer in the catalogue).
   * Returns the workflow ids of the runs that were told to end.
   */
  async endRuns(customerId: string, reason: string): Promise<string[]> {
    const workflowIds = new Set(journeys.map((journey) => journeyWorkflowId(journey.id, customerId)));
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
}

async function lastFinishedRun(journeyId: string, customerId: string) {
  return JourneyRunModel.findOne({ journeyId, customerId, status: 'finished' }, { finishedAt: 1 }).sort({ finishedAt: -1 }).lean();
}
