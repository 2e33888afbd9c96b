import { ActivityFailure, type ActivityInterfaceFor, patched, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { StepRef } from '../activities/refs.js';
import type { SendStep } from '../domain/journey.js';
import type { TemplateEvent } from '../domain/template-context.js';
import type { TemplateVariants } from '../domain/templates.js';
import { channelTaskQueue } from '../domain/task-queues.js';
import type { CarriedWait } from './run-resume.js';

type Senders = Pick<ActivityInterfaceFor<Activities>, 'sendEmail' | 'sendSms' | 'sendWecom'>;
type WaitFor = (wait: CarriedWait, done: () => boolean, summary: string) => Promise<boolean>;

/**
 * A send step: one message under its send key, rendered from the template copy the run carries.
 * Quiet hours or a full cap defer it: the run waits durably, then asks again under the same key (as it
 * does when resumed in such a wait after continue-as-new: the ledger keeps it to one message). A message
 * refused for good (a malformed address, a missing template) is in the ledger and the run's history,
 * and the journey goes on.
 */
export async function performSend(
  acts: Senders,
  step: SendStep,
  ref: StepRef & { sendKey: string },
  templateContent: TemplateVariants | undefined,
  waitFor: WaitFor,
  /** The run's latest event, for `event` in the template (a new field of the input: replay-safe). */
  event?: TemplateEvent,
): Promise<void> {
  // A run whose snapshot has no wecom step never takes the new case: replay-safe without a patch.
  const send = step.channel === 'sms' ? acts.sendSms : step.channel === 'wecom' ? acts.sendWecom : acts.sendEmail;
  const { template, purpose, whenCapped } = step;
  const input = { ...ref, template, ...(templateContent ? { templateContent } : {}), ...(purpose ? { purpose } : {}), ...(whenCapped ? { whenCapped } : {}), ...(event ? { event } : {}) };
  // Each channel's sends run on its own task queue, rate-limited for its provider (runs started before: the run's queue).
  const channelQueue = patched('sends-on-channel-task-queues') ? { taskQueue: channelTaskQueue(workflowInfo().taskQueue, step.channel) } : {};
  try {
    for (;;) {
      const result = await send.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `${step.channel} "${template}"`, ...channelQueue }, [input]);
      if (result.status !== 'deferred') break;
      const wait = { what: `a send slot (${result.reason})`, remainingMs: Math.max(0, Date.parse(result.until) - Date.now()) };
      await waitFor(wait, () => false, `${step.key}: ${result.reason}`);
    }
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
  }
}
