import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpProblem } from './problem.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** `Authorization: Bearer <key>` with any of the configured keys; compared in constant time. */
export function requireApiKey(apiKeys: readonly string[]): RequestHandler {
  const allowed = apiKeys.map(digest);
  return (req, _res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const presented = match?.[1] ? digest(match[1]) : undefined;
    if (!presented || !allowed.some((key) => timingSafeEqual(key, presented))) {
      next(new HttpProblem(401, 'Unauthorized', 'Send a valid API key as "Authorization: Bearer <key>".'));
      return;
    }
    next();
  };
}
