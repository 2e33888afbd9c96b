import { randomBytes } from 'node:crypto';
import { isDuplicateKeyError } from './errors.js';
import { SecretModel } from './models/secret.js';

/**
 * The key that signs unsubscribe links: TIDEWAY_UNSUBSCRIBE_SECRET when set, otherwise one made on
 * first use and kept in the store, so the worker that writes the link and the API that checks it agree.
 */
export async function unsubscribeSecret(configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const stored = await SecretModel.findById('unsubscribe').lean();
  if (stored) return stored.value;
  try {
    await SecretModel.create({ _id: 'unsubscribe', value: randomBytes(32).toString('base64url'), createdAt: new Date() });
  } catch (error) {
    // Another process made it first: theirs is the one.
    if (!isDuplicateKeyError(error)) throw error;
  }
  return (await SecretModel.findById('unsubscribe').orFail().lean()).value;
}
