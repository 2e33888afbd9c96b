import { createApproval } from './approvals.js';
import { createCrmPushActivities, type CrmPushDeps, type StageChangeNotice } from './crm-stage-push.js';
import { customerSnapshot, updateTags } from './customers.js';
import { recordArm, recordRun, recordStep } from './journey-runs.js';
import { createJourneyEntryActivities, type JourneyStarter } from './journey-entry.js';
import { createEnrolmentActivities, type JourneyEnroller } from './enrolment.js';
import { createDateEntryActivities } from './enrolment-dates.js';
import { createLifecycleActivities, type LifecycleDeps, storedCustomer } from './lifecycle.js';
import { parkEvent } from './parked-events.js';
import { optOutOfMarketing } from './marketing-opt-out.js';
import { createEmailActivities, type EmailDeps } from './email.js';
import { createEventDispatchActivities } from './event-dispatch.js';
import type { StepRef } from './refs.js';
import { createSmsActivities, type SmsDeps } from './sms.js';
import { recordStageChange } from './stage-change.js';
import type { LifecycleMailbox } from './stage-requests.js';
import { createStageActivities } from './stages.js';
import { createStageRulesRollbackActivities } from './stage-rules-rollback.js';
import { createTaskActivities, type TaskDeps } from './tasks.js';
import { createWebhookActivities, type WebhookDeps } from './webhooks.js';
import { createWecomActivities, type WecomDeps } from './wecom.js';

/** What activities ask of Temporal (the worker gives them a JourneyRunner): each activity that uses it does that one thing. */
export interface TemporalHands extends JourneyStarter, JourneyEnroller, LifecycleMailbox {
  pushStageChange(notice: StageChangeNotice): Promise<void>;
}

export type ActivityDeps = EmailDeps & SmsDeps & WecomDeps & WebhookDeps & LifecycleDeps & CrmPushDeps & TaskDeps & { runner: TemporalHands };

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
  const { sendWecom } = createWecomActivities(deps);
  const { callWebhook } = createWebhookActivities(deps);
  const { lifecycleContext, saveLifecycleFacts, openUrgentReview, loadCustomerEvents } = createLifecycleActivities(deps);
  const { startJourneys, handEventsToJourneys } = createJourneyEntryActivities({ journeys: deps.journeys, starter: deps.runner });
  const { setStage, moveToColdPool } = createStageActivities({ lifecycles: deps.runner });
  const { pushStageChange } = createCrmPushActivities(deps);
  const { reevaluateStages } = createStageRulesRollbackActivities({ lifecycles: deps.runner });
  const { dispatchStoredEvents } = createEventDispatchActivities({ lifecycles: deps.runner });
  /** Starts the workflow that pushes one stage change to the CRM (it retries for as long as the CRM is down). */
  const startStageChangePush = (notice: StageChangeNotice) => deps.runner.pushStageChange(notice);
  const { createTask } = createTaskActivities(deps);
  const { enrolSegmentPage, dateEntryJourneys } = createEnrolmentActivities(deps);
  const { enrolDueDates } = createDateEntryActivities(deps);
  return {
    recordRun,
    recordArm,
    /** A step a holdout run passes without its effect: noted like a step that had one. */
    recordStep,
    lifecycleContext,
    saveLifecycleFacts,
    openUrgentReview,
    loadCustomerEvents,
    storedCustomer,
    parkEvent,
    recordStageChange,
    startJourneys,
    handEventsToJourneys,
    startStageChangePush,
    pushStageChange,
    reevaluateStages,
    dispatchStoredEvents,
    customerSnapshot,
    enrolSegmentPage,
    dateEntryJourneys,
    enrolDueDates,
    sendEmail: recordingStep(sendEmail),
    sendSms: recordingStep(sendSms),
    sendWecom: recordingStep(sendWecom),
    createTask: recordingStep(createTask),
    setStage: recordingStep(setStage),
    updateTags: recordingStep(updateTags),
    moveToColdPool: recordingStep(moveToColdPool),
    createApproval: recordingStep(createApproval),
    callWebhook: recordingStep(callWebhook),
    optOutOfMarketing,
  };
}

export type Activities = ReturnType<typeof createActivities>;
