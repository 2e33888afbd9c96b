import type { QueryFilter } from 'mongoose';
import { emailSchema, type Identity, identityKey, phoneSchema } from '../domain/identities.js';
import type { Stage } from '../domain/stages.js';
import { type CustomerDoc, CustomerModel } from './models/customer.js';
import { IdentityModel } from './models/identity.js';

export interface CustomerSearch {
  /** An id prefix, an exact email or phone (any usual spelling), or part of a name (any case). */
  q?: string;
  stage?: Stage;
  tag?: string;
  healthMin?: number;
  healthMax?: number;
  limit: number;
  /** The last id of the page before: the page starts after it. */
  after?: string;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The customer an email or phone names, when `q` is one and someone holds it (one `_id` lookup). */
async function identityOwner(q: string): Promise<string | undefined> {
  const candidates: Identity[] = [];
  const email = emailSchema.safeParse(q);
  if (email.success) candidates.push({ kind: 'email', value: email.data });
  const phone = phoneSchema.safeParse(q);
  if (phone.success) candidates.push({ kind: 'phone', value: phone.data });
  if (candidates.length === 0) return undefined;
  const held = await IdentityModel.find({ _id: { $in: candidates.map(identityKey) } }, { customerId: 1 }).lean();
  return held[0]?.customerId;
}

async function filterFor({ q, stage, tag, healthMin, healthMax }: CustomerSearch): Promise<QueryFilter<CustomerDoc>> {
  // Merged customers stay for audit; the survivor is the one to find.
  const and: QueryFilter<CustomerDoc>[] = [{ mergedInto: null }];
  if (q) {
    const owner = await identityOwner(q);
    const pattern = escapeRegex(q);
    and.push({ $or: [{ _id: { $regex: `^${pattern}` } }, { name: { $regex: pattern, $options: 'i' } }, ...(owner ? [{ _id: owner }] : [])] });
  }
  if (stage) and.push({ stage });
  if (tag) and.push({ tags: tag });
  if (healthMin !== undefined || healthMax !== undefined) {
    and.push({ 'health.score': { ...(healthMin !== undefined ? { $gte: healthMin } : {}), ...(healthMax !== undefined ? { $lte: healthMax } : {}) } });
  }
  return { $and: and };
}

type Listed = Pick<CustomerDoc, 'name' | 'email' | 'phone' | 'stage' | 'tags' | 'lastInteractionAt'> & { _id: string; health?: { score?: number | null } | null; updatedAt?: Date };
const LISTED = { name: 1, email: 1, phone: 1, stage: 1, 'health.score': 1, tags: 1, lastInteractionAt: 1, updatedAt: 1 } as const;

/**
 * One page of customers by id, and how many match in all. On FerretDB's SQLite backend only `_id`
 * filters are pushed down, so a search by name, stage, tag or health reads the whole collection
 * (twice: the page and the count); the projection keeps what it carries back small.
 */
export async function searchCustomers(search: CustomerSearch) {
  const filter = await filterFor(search);
  const paged = search.after ? { $and: [filter, { _id: { $gt: search.after } }] } : filter;
  const [docs, total] = await Promise.all([
    CustomerModel.find(paged, LISTED).sort({ _id: 1 }).limit(search.limit + 1).lean<Listed[]>(),
    CustomerModel.countDocuments(filter),
  ]);
  const page = docs.slice(0, search.limit);
  return {
    customers: page.map((doc) => ({
      id: doc._id,
      name: doc.name ?? null,
      email: doc.email ?? null,
      phone: doc.phone ?? null,
      stage: doc.stage ?? null,
      health: typeof doc.health?.score === 'number' ? { score: doc.health.score } : null,
      tags: doc.tags ?? [],
      lastInteractionAt: doc.lastInteractionAt ?? null,
      updatedAt: doc.updatedAt ?? null,
    })),
    next: docs.length > search.limit ? (page.at(-1)?._id ?? null) : null,
    total,
  };
}
