/** The HTTP request a piece of work is done for: its id reaches every log line and the workflows it starts. */
import { AsyncLocalStorage } from 'node:async_hooks';

export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** The id of the request being served, or undefined outside one (a sweep, the worker). */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
