import { randomBytes } from 'node:crypto';
import { isDuplicateKeyError } from './errors.js';
import { SecretModel } from './models/secret.js';

/** The stored secret never changes once made: read once per process, not once per email. */
let stored: Promise<string> | undefined;

/**
 * The key that signs unsubscribe links: TIDEWAY_UNSUBSCRIBE_SECRET when set, otherwise one made on
 * first use and kept in the store, so the worker that writes the link and the API that checks it agree.
 */
export async function unsubscribeSecret(configured: string | undefined): Promise<string> {
  if (configured) return configured;
  stored ??= storedSecret().catch((error: unknown) => {
    stored = undefined; // the store was down: ask again next time
    throw error;
  });
  return stored;
}

async function storedSecret(): Promise<string> {
  const found = await SecretModel.findById('unsubscribe').lean();
  if (found) return found.value;
  try {
    await SecretModel.create({ _id: 'unsubscribe', value: randomBytes(32).toString('base64url'), createdAt: new Date() });
  } catch (error) {
    // Another process made it first: theirs is the one.
    if (!isDuplicateKeyError(error)) throw error;
  }
  return (await SecretModel.findById('unsubscribe').orFail().lean()).value;
}
