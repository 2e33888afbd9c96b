import type { BranchContext } from '../domain/conditions.js';
import { CustomerModel } from '../store/models/customer.js';
import type { StepRef } from './refs.js';

/** The customer as a branch sees them: stage, tags and profile fields. */
export async function customerSnapshot({ customerId }: { customerId: string }): Promise<Omit<BranchContext, 'lastEvent'>> {
  const customer = await CustomerModel.findById(customerId).lean();
  return {
    stage: customer?.stage ?? null,
    tags: customer?.tags ?? [],
    profile: {
      locale: customer?.locale ?? undefined,
      timezone: customer?.timezone ?? undefined,
      email: customer?.email ?? undefined,
      phone: customer?.phone ?? undefined,
      name: customer?.name ?? undefined,
    },
  };
}

export interface UpdateTagsInput extends StepRef {
  add: string[];
  remove: string[];
}

/** Adds and removes tags; both are idempotent, so a retry changes nothing more. */
export async function updateTags({ customerId, add, remove }: UpdateTagsInput): Promise<{ tags: string[] }> {
  if (add.length) await CustomerModel.updateOne({ _id: customerId }, { $addToSet: { tags: { $each: add } } }, { upsert: true });
  if (remove.length) await CustomerModel.updateOne({ _id: customerId }, { $pull: { tags: { $in: remove } } });
  const customer = await CustomerModel.findById(customerId, { tags: 1 }).lean();
  return { tags: customer?.tags ?? [] };
}
