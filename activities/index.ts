import { createApproval } from './approvals.js';
import { createCrmPushActivities, type CrmPushDeps } from './crm-stage-push.js';
import { customerSnapshot, updateTags } from './customers.js';
import { recordRun, recordStep } from './journey-runs.js';
import { createLifecycleActivities, type LifecycleDeps } from './lifecycle.js';
import { createEmailActivities, type EmailDeps } from './email.js';
import type { StepRef } from './refs.js';
import { createSmsActivities, type SmsDeps } from './sms.js';
import { createStageActivities } from './stages.js';
import { createStageRulesRollbackActivities } from './stage-rules-rollback.js';
import { createTaskActivities, type TaskDeps } from './tasks.js';
import { createWebhookActivities, type WebhookDeps } from './webhooks.js';

export type ActivityDeps = EmailDeps & SmsDeps & WebhookDeps & LifecycleDeps & CrmPushDeps & TaskDeps;

/** Wraps a step activity so its success is noted in the run's report row. */
function recordingStep<I extends StepRef, O>(activity: (input: I) => Promise<O>): (input: I) => Promise<O> {
  return async (input) => {
    const result = await activity(input);
    await recordStep(input);
    return result;
  };
}

/** Every activity the worker registers, built from its dependencies (the same seam serves tests). */
export function createActivities(deps: ActivityDeps) {
  const { sendEmail } = createEmailActivities(deps);
  const { sendSms } = createSmsActivities(deps);
  const { callWebhook } = createWebhookActivities(deps);
  const { applyCustomerEvent, applySilence, loadCustomerEvents } = createLifecycleActivities(deps);
  const { setStage, moveToColdPool } = createStageActivities(deps);
  const { pushStageChange } = createCrmPushActivities(deps);
  const { reevaluateStages } = createStageRulesRollbackActivities(deps);
  const { createTask } = createTaskActivities(deps);
  return {
    recordRun,
    applyCustomerEvent,
    applySilence,
    loadCustomerEvents,
    pushStageChange,
    reevaluateStages,
    customerSnapshot,
    sendEmail: recordingStep(sendEmail),
    sendSms: recordingStep(sendSms),
    createTask: recordingStep(createTask),
    setStage: recordingStep(setStage),
    updateTags: recordingStep(updateTags),
    moveToColdPool: recordingStep(moveToColdPool),
    createApproval: recordingStep(createApproval),
    callWebhook: recordingStep(callWebhook),
  };
}

export type Activities = ReturnType<typeof createActivities>;
