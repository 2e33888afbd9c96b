import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { CustomerEvent } from '../domain/events.js';
import type { Journey } from '../domain/journey.js';
import type { Stage } from '../domain/stages.js';
import { journeys } from '../journeys/index.js';
import type { journeyRun } from '../workflows/journey-run.js';
import { customerEventSignal } from '../workflows/messages.js';
import { CustomerId, JourneyId, JourneyVersion } from '../workflows/search-attributes.js';

/** One run per journey and customer at a time: the workflow id names both. */
export const journeyWorkflowId = (journeyId: string, customerId: string) => `journey-${journeyId}-${customerId}`;

/** How long any one call to Temporal may take before the API answers 503. */
const TEMPORAL_DEADLINE_MS = 5_000;

export interface StartResult {
  journeyId: string;
  workflowId: string;
  started: boolean;
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
      if (error instanceof WorkflowExecutionAlreadyStartedError) return { journeyId: journey.id, workflowId, started: false };
      throw error;
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

  private async signal(journeyId: string, event: CustomerEvent): Promise<void> {
    try {
      await this.withDeadline(() =>
        this.client.workflow.getHandle(journeyWorkflowId(journeyId, event.customerId)).signal(customerEventSignal, event),
      );
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
}
