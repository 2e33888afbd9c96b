import mongoose from 'mongoose';
import { ApprovalModel } from './models/approval.js';
import { CustomerModel } from './models/customer.js';
import { EventModel } from './models/event.js';
import { JourneyRunModel } from './models/journey-run.js';
import { IdentityModel } from './models/identity.js';
import { MessageModel } from './models/message.js';
import { SendBudgetModel } from './models/send-budget.js';
import { StageRuleVersionModel } from './models/stage-rule-version.js';
import { TaskModel } from './models/task.js';

/** Connects mongoose and makes sure every unique index exists before anything relies on it. */
export async function connectStore(uri: string): Promise<typeof mongoose> {
  // Fail fast when the store is down: the API answers 503 instead of queueing writes in memory.
  mongoose.set('bufferCommands', false);
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 3_000 });
  await Promise.all([CustomerModel, EventModel, MessageModel, TaskModel, JourneyRunModel, ApprovalModel, StageRuleVersionModel, IdentityModel, SendBudgetModel].map((m) => m.init()));
  return mongoose;
}

export async function disconnectStore(): Promise<void> {
  await mongoose.disconnect();
}
