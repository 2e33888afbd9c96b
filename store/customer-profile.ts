import { attributeDates } from '../domain/attribute-dates.js';
import { type AttributeChanges, type AttributeDeclarations, applyAttributeChanges } from '../domain/customer-attributes.js';
import { isDuplicateKeyError } from './errors.js';
import { CustomerModel } from './models/customer.js';

/** Thrown when other writes to the customer kept overtaking a change of its attributes. */
export class CustomerBusyError extends Error {
  override name = 'CustomerBusy' as const;
  constructor(readonly customerId: string) {
    super(`customer "${customerId}" kept changing while its attributes were written`);
  }
}

const ATTEMPTS = 5;

/**
 * The attribute write of each customer in progress in this process. FerretDB v1 applies an update by
 * reading the document and writing it whole (test/store-concurrent-writes.test.ts), so its conditional
 * update does not stop two concurrent writers: one process writes one customer's attributes at a time.
 */
const writing = new Map<string, Promise<unknown>>();

function oneAtATime<T>(customerId: string, write: () => Promise<T>): Promise<T> {
  const previous = writing.get(customerId) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(write);
  writing.set(customerId, next);
  const forget = () => {
    if (writing.get(customerId) === next) writing.delete(customerId);
  };
  next.then(forget, forget);
  return next;
}

/**
 * Writes profile fields (replacing what was stored) and attribute changes (merged into the stored
 * attributes), creating the customer when unknown. The derived `anniversaries` and `dates` are rewritten
 * in the same write, which is conditional on the attributes being as read (on MongoDB, two processes'
 * concurrent changes both land), and the derived fields always match the attributes.
 */
export async function writeProfile(customerId: string, profile: Record<string, unknown>, changes: AttributeChanges | undefined, declared: AttributeDeclarations): Promise<void> {
  if (!changes) {
    await CustomerModel.updateOne({ _id: customerId }, { $set: profile }, { upsert: true });
    return;
  }
  await oneAtATime(customerId, () => writeAttributes(customerId, profile, changes, declared));
}

async function writeAttributes(customerId: string, profile: Record<string, unknown>, changes: AttributeChanges, declared: AttributeDeclarations): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await CustomerModel.findById(customerId, { attributes: 1 }).lean();
    const attributes = applyAttributeChanges(current?.attributes as Record<string, unknown> | undefined, changes);
    const update = { $set: { ...profile, attributes, ...attributeDates(attributes, declared) } };
    try {
      // A new customer: inserted unless another request created it meanwhile (then a duplicate key, and another round).
      const result = current
        ? await CustomerModel.updateOne({ _id: customerId, attributes: current.attributes ?? { $exists: false } }, update)
        : await CustomerModel.updateOne({ _id: customerId, attributes: { $exists: false } }, update, { upsert: true });
      if (result.matchedCount + result.upsertedCount === 1) return;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  throw new CustomerBusyError(customerId);
}
