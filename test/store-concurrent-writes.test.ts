import mongoose, { type Connection, Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CustomerModel } from '../store/models/customer.js';

/**
 * The API and the worker are two processes writing to one store at once. SQLite takes one writer at a
 * time and each waits up to 10 s (busy timeout) before it fails with `database is locked`. FerretDB as
 * released found the row of an update or delete by reading the whole table while it held the lock, so
 * with tens of thousands of rows the queue of writers outgrew that wait; our build finds it by the `_id`
 * index (stack/recipes.ts FERRETDB_PATCHES) and opens SQLite with immediate transactions.
 *
 * FerretDB v1 applies an update by reading the document and writing it whole, so concurrent updates of
 * one document may lose each other's changes: this suite checks that every write goes through, not what
 * the shared counters add up to.
 */
const unique = Date.now().toString(36);
const WRITERS = 64;
const HAMMER_MS = 3_000;
/** Rows in the collection written to before the writers start: a store that has been in use. */
const ROWS = 20_000;
const SHARED = [0, 1, 2, 3].map((i) => `cw-${unique}-shared-${i}`);

/** Rows only this suite writes: one per insert, marked later (like an event stored, then marked applied). */
const writeSchema = new Schema({ _id: String, writer: Number, at: Date, markedAt: Date }, { versionKey: false });

let connections: Connection[] = [];

beforeAll(async () => {
  // Two connections with their own pools, like the API's and the worker's.
  connections = await Promise.all([0, 1].map(() => mongoose.createConnection(inject('mongodbUri'), { maxPoolSize: WRITERS }).asPromise()));
  const customers = connections[0]!.model('Customer', CustomerModel.schema, 'customers');
  await customers.insertMany(SHARED.map((_id) => ({ _id })));
  const writes = connections[0]!.model('ConcurrentWrite', writeSchema, 'concurrent_writes');
  for (let start = 0; start < ROWS; start += 5_000) {
    await writes.insertMany(Array.from({ length: 5_000 }, (_, k) => ({ _id: `cw-${unique}-row-${start + k}`, writer: -1, at: new Date() })), { lean: true });
  }
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
});

/** One writer: each kind of write in turn (every kind at least once) on the shared rows, its own row and new rows until the deadline; returns what failed. */
async function writer(connection: Connection, n: number, deadline: number): Promise<{ ops: number; inserts: number; errors: string[] }> {
  const customers = connection.model('Customer', CustomerModel.schema, 'customers');
  const writes = connection.model('ConcurrentWrite', writeSchema, 'concurrent_writes');
  const own = `cw-${unique}-own-${n}`;
  const errors: string[] = [];
  let ops = 0;
  let inserts = 0;
  while (ops < 5 || Date.now() < deadline) {
    const shared = SHARED[ops % SHARED.length]!;
    const now = new Date();
    try {
      switch (ops % 5) {
        case 0:
          await customers.updateOne({ _id: shared }, { $inc: { orders: 1 }, $set: { lastInteractionAt: now } });
          break;
        case 1:
          await customers.updateOne({ _id: own }, { $set: { lastInteractionAt: now }, $inc: { totalValue: 1 } }, { upsert: true });
          break;
        case 2:
          await writes.create({ _id: `cw-${unique}-${n}-${ops}`, writer: n, at: now });
          inserts++;
          break;
        case 3:
          await customers.findOneAndUpdate({ _id: shared }, { $addToSet: { tags: `w${n}` } }, { returnDocument: 'after' });
          break;
        case 4:
          await writes.updateOne({ _id: `cw-${unique}-${n}-${ops - 2}` }, { $set: { markedAt: now } });
          await writes.updateOne({ _id: `cw-${unique}-row-${(n * 997 + ops) % ROWS}` }, { $set: { markedAt: now } });
          break;
      }
    } catch (error) {
      errors.push(String((error as Error).message ?? error));
    }
    ops++;
  }
  return { ops, inserts, errors };
}

describe('the store under concurrent writes', () => {
  it(`${WRITERS} writers on two connections, on the same and on different documents: no write fails`, async () => {
    const deadline = Date.now() + HAMMER_MS;
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, n) => writer(connections[n % 2]!, n, deadline)));
    const ops = results.reduce((sum, r) => sum + r.ops, 0);
    const errors = results.flatMap((r) => r.errors);
    const locked = errors.filter((message) => /database is locked|SQLITE_BUSY/i.test(message));
    console.log(`[store-concurrent-writes] ${ops} writes by ${WRITERS} writers in ${HAMMER_MS} ms: ${errors.length} failed, ${locked.length} with "database is locked"`);
    expect(locked).toEqual([]);
    expect(errors).toEqual([]);
    // Every writer's own row is there, and every insert.
    const customers = connections[1]!.model('Customer', CustomerModel.schema, 'customers');
    expect(await customers.countDocuments({ _id: { $regex: `^cw-${unique}-own-` } })).toBe(WRITERS);
    const inserts = results.reduce((sum, r) => sum + r.inserts, 0);
    expect(await connections[1]!.model('ConcurrentWrite', writeSchema, 'concurrent_writes').countDocuments({ _id: { $regex: `^cw-${unique}-` } })).toBe(ROWS + inserts);
  });
});
