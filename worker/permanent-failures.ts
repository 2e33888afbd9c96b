import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInboundCallsInterceptor } from '@temporalio/worker';
import { isRefusedValue } from '../store/errors.js';

/**
 * Makes an activity fail for good when the store refuses the data itself: retried, it would fail the
 * same way forever (a customer's lifecycle stalled on one absurd value). The workflow sees a
 * non-retryable `StoreRefusedValue` failure and parks the event or ends the run with the reason.
 * Every other error keeps its retry policy: a store that is down heals.
 */
export const permanentFailures = (): { inbound: ActivityInboundCallsInterceptor } => ({
  inbound: {
    async execute(input, next) {
      try {
        return await next(input);
      } catch (error) {
        if (error instanceof ApplicationFailure || !isRefusedValue(error)) throw error;
        const { name, message } = error as Error;
        throw ApplicationFailure.create({ type: 'StoreRefusedValue', message: `the store refused the data (${name}): ${message}`, nonRetryable: true, cause: error as Error });
      }
    },
  },
});
