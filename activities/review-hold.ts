import { ApplicationFailure } from '@temporalio/activity';
import { TaskModel } from '../store/models/task.js';
import { URGENT_REVIEW_QUEUE } from './lifecycle.js';

/**
 * Marketing sends to a customer with an open urgent review wait until it is closed: the send fails
 * retryably, Temporal retries it with backoff, and the Temporal UI shows why it waits.
 */
export async function holdWhileUnderReview(customerId: string): Promise<void> {
  // Routing may move a review to a team's queue (requestedQueue keeps what was asked); older rows only have queue.
  const review = { $or: [{ requestedQueue: URGENT_REVIEW_QUEUE }, { queue: URGENT_REVIEW_QUEUE }] };
  if (await TaskModel.exists({ customerId, status: 'open', ...review })) {
    throw ApplicationFailure.retryable(`customer ${customerId} has an open urgent review: marketing sends wait until it is closed`, 'CustomerUnderReview');
  }
}
