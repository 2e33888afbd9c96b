import { randomUUID } from 'node:crypto';
import { describeIdentity, type Identity, identityKey } from '../domain/identities.js';
import { isDuplicateKeyError } from './errors.js';
import { CustomerModel } from './models/customer.js';
import { IdentityModel } from './models/identity.js';

/** An identity the customer wanted already belongs to someone else. */
export class IdentityTakenError extends Error {
  override name = 'IdentityTakenError';
  constructor(
    readonly identity: Identity,
    readonly ownerId: string,
  ) {
    super(`The ${describeIdentity(identity)} belongs to customer "${ownerId}".`);
  }
}

const asIdentity = ({ kind, system, value }: { kind: string; system?: string | null; value: string }): Identity =>
  (system ? { kind, system, value } : { kind, value }) as Identity;

/**
 * Gives the customer these identities, keeping the ones they have. All or none: when one belongs to
 * another customer, the ones claimed here are released again and IdentityTakenError names it.
 */
export async function claimIdentities(customerId: string, identities: Identity[], at = new Date()): Promise<void> {
  const wanted = new Map(identities.map((identity) => [identityKey(identity), identity]));
  if (wanted.size === 0) return;
  const held = await IdentityModel.find({ _id: { $in: [...wanted.keys()] } }).lean();
  const taken = held.find((doc) => doc.customerId !== customerId);
  if (taken) throw new IdentityTakenError(asIdentity(taken), taken.customerId);

  const heldKeys = new Set(held.map((doc) => doc._id));
  const claimed: string[] = [];
  for (const [key, identity] of wanted) {
    if (heldKeys.has(key)) continue;
    try {
      await IdentityModel.create({ _id: key, ...identity, customerId, claimedAt: at });
      claimed.push(key);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Claimed by a concurrent request since we looked: fine if it was for this customer.
      const owner = await IdentityModel.findById(key).lean();
      if (owner?.customerId === customerId) continue;
      await IdentityModel.deleteMany({ _id: { $in: claimed }, customerId });
      throw new IdentityTakenError(identity, owner?.customerId ?? 'unknown');
    }
  }
}

/** The customer's identities, by kind and value. */
export async function identitiesOf(customerId: string): Promise<Identity[]> {
  const docs = await IdentityModel.find({ customerId }).sort({ _id: 1 }).lean();
  return docs.map(asIdentity);
}

/**
 * The customer this identity belongs to; an identity never seen before gets a new customer
 * (`c-<uuid>`, with the email or phone as their profile's). Concurrent first sightings agree on one.
 */
export async function customerForIdentity(identity: Identity, at = new Date()): Promise<string> {
  const key = identityKey(identity);
  const held = await IdentityModel.findById(key).lean();
  if (held) return held.customerId;
  const customerId = `c-${randomUUID()}`;
  try {
    await IdentityModel.create({ _id: key, ...identity, customerId, claimedAt: at });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return (await IdentityModel.findById(key).orFail().lean()).customerId;
  }
  const contact = identity.kind === 'email' || identity.kind === 'phone' ? { [identity.kind]: identity.value } : {};
  await CustomerModel.updateOne({ _id: customerId }, { $setOnInsert: { _id: customerId, ...contact } }, { upsert: true });
  return customerId;
}

/** The customer who holds this identity (or whoever they were merged into); undefined when no one does. */
export async function holderOf(identity: Identity): Promise<string | undefined> {
  const held = await IdentityModel.findById(identityKey(identity), { customerId: 1 }).lean();
  return held ? survivorOf(held.customerId) : undefined;
}

/** Where events for this customer go: the customer, or whoever they were merged into. */
export async function survivorOf(customerId: string): Promise<string> {
  let id = customerId;
  // A merged customer cannot be merged into, so chains are short; the bound guards against bad data.
  for (let hop = 0; hop < 10; hop++) {
    const customer = await CustomerModel.findById(id, { mergedInto: 1 }).lean();
    if (!customer?.mergedInto) return id;
    id = customer.mergedInto;
  }
  return id;
}

/** Hands every identity of one customer to another (a merge). */
export async function moveIdentities(fromId: string, toId: string): Promise<void> {
  await IdentityModel.updateMany({ customerId: fromId }, { $set: { customerId: toId } });
}
