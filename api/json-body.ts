import express, { type RequestHandler } from 'express';
import { HttpProblem } from './problem.js';

/** Every JSON body: at most 1 MB (after gzip, deflate or br is undone), UTF-8 (or -16, -32), nested at most 32 deep. */
export const JSON_BODY_LIMITS = { bytes: 1024 * 1024, depth: 32 } as const;

/**
 * Where `body` is nested deeper than the limit (`a.b.0.c`), or undefined. Walked with a queue, never
 * recursively, and no further than the limit: a body nested 10,000 deep cannot overflow the stack here.
 */
function tooDeepAt(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const queue: { value: unknown; path: string[] }[] = [{ value: body, path: [] }];
  for (let next = queue.pop(); next; next = queue.pop()) {
    const { value, path } = next;
    if (path.length >= JSON_BODY_LIMITS.depth) return path.join('.');
    for (const [key, item] of Object.entries(value as object)) {
      if (item !== null && typeof item === 'object') queue.push({ value: item, path: [...path, key] });
    }
  }
  return undefined;
}

const rejectDeepBodies: RequestHandler = (req, _res, next) => {
  const at = tooDeepAt(req.body);
  if (at === undefined) return next();
  next(
    new HttpProblem(400, 'Invalid request', `The request body is nested deeper than ${JSON_BODY_LIMITS.depth} levels.`, {
      errors: [{ path: at, message: `nested deeper than ${JSON_BODY_LIMITS.depth} levels`, code: 'too_big' }],
    }),
  );
};

/** Parses JSON bodies within the limits; what breaks them is a problem (400, 413 or 415) naming why. */
export const jsonBody = (): RequestHandler[] => [express.json({ limit: JSON_BODY_LIMITS.bytes }), rejectDeepBodies];
