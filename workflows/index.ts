export { customerLifecycle } from './customer-lifecycle.js';
export { journeyRun } from './journey-run.js';
export { stageChangePush } from './stage-change-push.js';
export { stageRulesRollback } from './stage-rules-rollback.js';
export { eventBatchDispatch } from './event-batch-dispatch.js';
export { segmentEnrolment } from './segment-enrolment.js';
export { dateEntries } from './date-entries.js';
