import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/**
 * The reason an activity failed for good (its error was marked non-retryable: the store can never hold
 * the value, a template is missing, a provider refused), or undefined for any other error: those are
 * retried by Temporal until they heal, or end the workflow task so a fixed worker can replay it.
 * A local activity's failure reaches the workflow as its ApplicationFailure, a regular one wrapped.
 */
export function permanentFailureReason(error: unknown): string | undefined {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  if (!(failure instanceof ApplicationFailure) || !failure.nonRetryable) return undefined;
  const what = error instanceof ActivityFailure ? error.activityType : 'a step';
  return `${what} failed for good${failure.type ? ` (${failure.type})` : ''}: ${failure.message}`;
}
