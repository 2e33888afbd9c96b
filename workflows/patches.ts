/**
 * Patch ids (`patched()`): each marks a change of workflow code that runs recorded before it must
 * not see. A recorded history without the marker replays the old path.
 */

/** The lifecycle as the one writer of the stage, each effect its own step (workflows/customer-lifecycle.ts). */
export const LIFECYCLE_V2 = 'lifecycle-v2';

/** A first-version lifecycle, past the end of its recorded history, continues as new into the current one. */
export const LIFECYCLE_HANDOVER = 'lifecycle-v2-handover';

/** The lifecycle parks an event it cannot apply (and one whose effect failed for good) instead of stalling on it. */
export const LIFECYCLE_PARKS_EVENTS = 'lifecycle-parks-events';

/** A journey run whose step failed for good ends as `failed` with the reason, instead of failing the workflow. */
export const JOURNEY_RUN_ENDS_ON_PERMANENT_FAILURE = 'journey-run-ends-on-permanent-failure';

/** The lifecycle keeps its silence timer across events instead of restarting it at each one. */
export const LIFECYCLE_STEADY_SILENCE_TIMER = 'lifecycle-steady-silence-timer';

/**
 * A lifecycle's first run reads the stored customer with a regular activity before applying anything:
 * read as a local activity in the same workflow task, a retried task found its own saved facts and
 * counted its first events twice.
 */
export const LIFECYCLE_READS_STORED_CUSTOMER_FIRST = 'lifecycle-reads-stored-customer-first';

/** A split notes the arm in the run's report row as it is taken, so reports count a run in its arm before it ends. */
export const JOURNEY_RUN_RECORDS_ARM_AT_SPLIT = 'journey-run-records-arm-at-split';

/** A reply that refuses (domain/refusal.ts) does not bring a silent or cold customer back as `returning`. */
export const LIFECYCLE_REFUSAL_IS_NOT_A_RETURN = 'lifecycle-refusal-is-not-a-return';
