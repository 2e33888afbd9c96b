import type { Types } from 'mongoose';

/** A model whose rows are keyed by a unique field (mongoose's typings are too deep to name generically). */
interface KeyedRows {
  findOneAndUpdate(filter: object, update: object, options: { upsert: true; returnDocument: 'after'; lean: true }): { orFail(): PromiseLike<unknown> };
}

/**
 * Inserts the row with this key unless it exists, and returns the row as stored. Keys are made in
 * workflows, so a retried activity finds the row its first attempt made instead of making another.
 */
export async function insertOnce<T>(model: KeyedRows, key: Record<string, string>, fields: Record<string, unknown>): Promise<T & { _id: Types.ObjectId }> {
  const row = await model.findOneAndUpdate({ ...key }, { $setOnInsert: { ...key, ...fields } }, { upsert: true, returnDocument: 'after', lean: true }).orFail();
  return row as T & { _id: Types.ObjectId };
}
