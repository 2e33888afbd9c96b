import { isDuplicateKeyError } from './errors.js';

/** A model whose rows are keyed by their key as `_id` (mongoose's typings are too deep to name generically). */
interface KeyedRows {
  findOneAndUpdate(filter: object, update: object, options: { upsert: true; returnDocument: 'after'; lean: true }): { orFail(): PromiseLike<unknown> };
  findById(id: string, projection: null, options: { lean: true }): { orFail(): PromiseLike<unknown> };
}

/**
 * Inserts the row with this key unless it exists, and returns the row as stored. Keys are made in
 * workflows, so a retried activity finds the row its first attempt made instead of making another.
 * `key` names the key's field and value (`{ taskKey }`); the value is the row's `_id` too, so the row is
 * found by the `_id` index (FerretDB's SQLite backend reads the whole collection for a filter without `_id`).
 */
export async function insertOnce<T>(model: KeyedRows, key: Record<string, string>, fields: Record<string, unknown>): Promise<T & { _id: string }> {
  const [_id, ...others] = Object.values(key);
  if (_id === undefined || others.length) throw new TypeError(`insertOnce takes one key field, got ${Object.keys(key).join(', ') || 'none'}`);
  try {
    return (await model.findOneAndUpdate({ _id }, { $setOnInsert: { ...key, ...fields } }, { upsert: true, returnDocument: 'after', lean: true }).orFail()) as T & { _id: string };
  } catch (error) {
    // Two first attempts at once: MongoDB retries such an upsert itself, FerretDB answers that the other one won.
    if (!isDuplicateKeyError(error)) throw error;
    return (await model.findById(_id, null, { lean: true }).orFail()) as T & { _id: string };
  }
}
