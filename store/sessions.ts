import { createHash, randomBytes } from 'node:crypto';
import { SessionModel } from './models/session.js';

/** How long a session lasts from sign-in: a working day and then some. */
export const SESSION_HOURS = 12;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export interface OpenedSession {
  /** The cookie's value: 32 random bytes, base64url. Only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Opens a session for `name`, and removes their sessions that have expired. */
export async function openSession(name: string, now = new Date()): Promise<OpenedSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await SessionModel.create({ _id: digest(token), name, csrfToken, createdAt: now, expiresAt });
  await SessionModel.deleteMany({ name, expiresAt: { $lte: now } });
  return { token, csrfToken, expiresAt };
}

/** The session a cookie's token opens, unless it expired. */
export async function findSession(token: string, now = new Date()): Promise<{ name: string; csrfToken: string; expiresAt: Date } | undefined> {
  const session = await SessionModel.findById(digest(token)).lean();
  if (!session || session.expiresAt <= now) return undefined;
  return { name: session.name, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

export async function closeSession(token: string): Promise<void> {
  await SessionModel.deleteOne({ _id: digest(token) });
}
