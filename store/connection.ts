import mongoose from 'mongoose';
import { ApprovalModel } from './models/approval.js';
import { AuditEntryModel } from './models/audit-entry.js';
import { CustomerModel } from './models/customer.js';
import { EventModel } from './models/event.js';
import { JourneyRunModel } from './models/journey-run.js';
import { IdentityModel } from './models/identity.js';
import { MessageModel } from './models/message.js';
import { SendBudgetModel } from './models/send-budget.js';
import { SessionModel } from './models/session.js';
import { StageRuleVersionModel } from './models/stage-rule-version.js';
import { TaskModel } from './models/task.js';
import { UserModel } from './models/user.js';

/** Connects mongoose and makes sure every unique index exists before anything relies on it. */
export async function connectStore(uri: string): Promise<typeof mongoose> {
  // Fail fast when the store is down: the API answers 503 instead of queueing writes in memory.
  mongoose.set('bufferCommands', false);
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 3_000 });
  await Promise.all([CustomerModel, EventModel, MessageModel, TaskModel, JourneyRunModel, ApprovalModel, StageRuleVersionModel, IdentityModel, SendBudgetModel, UserModel, SessionModel, AuditEntryModel].map((m) => m.init()));
  return mongoose;
}

export async function disconnectStore(): Promise<void> {
  await mongoose.disconnect();
}

/** How long one store call on the event intake may take before the API answers 503. */
export const STORE_DEADLINE_MS = 3_000;

/** Thrown when a store call did not answer within its deadline: the store is paused, overloaded or cut off. */
export class StoreDeadlineError extends Error {
  override name = 'StoreDeadlineError';
  constructor(readonly deadlineMs: number) {
    super(`the store did not answer within ${deadlineMs} ms`);
  }
}

/**
 * Runs one store call, failing with StoreDeadlineError after `deadlineMs`. The driver's own timeouts do
 * not bound a store that accepts connections and then never answers (a paused process: ~40 s until its
 * monitor gives up). The call itself goes on, so what it writes must be found again by its key on a retry.
 */
export async function withStoreDeadline<T>(call: () => PromiseLike<T>, deadlineMs = STORE_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreDeadlineError(deadlineMs)), deadlineMs);
  });
  try {
    return await Promise.race([call(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Store calls one request or activity makes at a time: past a few, FerretDB only queues them, and each waits out its deadline. */
export const STORE_CALLS_AT_ONCE = 16;

/** Runs `work` on every item, `lanes` at a time, and resolves when all are done (rejects at the first failure). */
export async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}
