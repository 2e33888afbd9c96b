import { z } from 'zod';
import type { Identity } from './identities.js';

/** A WeCom external_userid (`wm…`/`wo…`): opaque, case-sensitive, letters, digits, _ and -. */
export const wecomExternalUserIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a WeCom external_userid like "wmqfasd1e1927831123109rBAAAA" (letters, digits, _ and -)');

/** A staff member's WeCom userid: 1–64 letters, digits and `_-@.`, starting with a letter or digit. */
export const wecomUserIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/, 'a WeCom member userid like "zhangsan" (letters, digits and _-@., up to 64)');

/**
 * The customer as a WeCom external contact: who they are, and the staff member whose contact they are
 * (who sends to them); without `sender`, the configured default (WECOM_SENDER).
 */
export const wecomContactSchema = z.strictObject({
  externalUserId: wecomExternalUserIdSchema,
  sender: wecomUserIdSchema.optional(),
});
export type WecomContact = z.infer<typeof wecomContactSchema>;

/** The identity a WeCom external_userid gives its customer: events may name them by it. */
export const wecomIdentity = (externalUserId: string): Identity => ({ kind: 'external', system: 'wecom', value: externalUserId });
