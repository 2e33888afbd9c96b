import type { ErrorRequestHandler } from 'express';
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { describeUnexpected } from './error-log.js';

/** An RFC 9457 problem: every API error leaves as `application/problem+json`. */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

/** Each bad field of a zod mismatch, as a 400's `errors[]` lists them. */
export const fieldErrors = (error: z.ZodError) => error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code }));

/** Parses input with a zod schema; a mismatch is a 400 naming each bad field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query' | 'params' = 'body'): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HttpProblem(400, 'Invalid request', `The request ${where} does not match the schema.`, { errors: fieldErrors(parsed.error) });
}

const UNAVAILABLE_NAMES = new Set([
  'MongooseServerSelectionError',
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNotConnectedError',
  'MongoNetworkTimeoutError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoWaitQueueTimeoutError',
  'MongoOperationTimeoutError',
  'StoreDeadlineError',
]);
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

type Wrapping = { name?: string; code?: unknown; cause?: unknown; errorResponse?: unknown; message?: string };
/** What an error wraps: its cause, or the driver error a MongoBulkWriteError carries as its `errorResponse`. */
const wrapped = (e: Wrapping) => (e.cause ?? (e.errorResponse instanceof Error ? e.errorResponse : undefined)) as Wrapping | undefined;

/** True when the error (or one it wraps) says the store or Temporal cannot be reached right now. */
export function isDependencyDown(error: unknown): boolean {
  for (let e = error as Wrapping | undefined; e; e = wrapped(e)) {
    if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
    if (e.code === GRPC_UNAVAILABLE || e.code === GRPC_DEADLINE_EXCEEDED) return true;
    if (e.name === 'MongooseError' && /initial connection|not connected|buffering timed out/i.test(e.message ?? '')) return true;
  }
  return false;
}

/** A body over express.json's limit (body-parser names it). */
const tooLarge = (limit?: number) => new HttpProblem(413, 'Request too large', `A request body may hold at most ${limit ?? 'so many'} bytes.`, { limit });

type ClientError = { status: number; expose: true; message: string };
/**
 * A 4xx that body-parser raised reading the body (http-errors marks its message safe to show): an
 * unsupported charset or content encoding (415), broken gzip/deflate/br data or an aborted body (400).
 */
const isClientError = (error: unknown): error is ClientError => {
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
};

export function problemHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let problem: HttpProblem;
    if (error instanceof HttpProblem) problem = error;
    else if (isDependencyDown(error)) problem = new HttpProblem(503, 'Service unavailable', 'A dependency is unreachable; retry later with the same request.');
    else if ((error as { type?: string } | null)?.type === 'entity.parse.failed') problem = new HttpProblem(400, 'Invalid JSON', 'The request body is not valid JSON.');
    else if ((error as { type?: string } | null)?.type === 'entity.too.large') problem = tooLarge((error as { limit?: number }).limit);
    // The router could not decode a path parameter (`%E0%A4%A`).
    else if (error instanceof URIError) problem = new HttpProblem(400, 'Invalid request', 'The URL holds a malformed percent-encoding.');
    else if (isClientError(error)) problem = new HttpProblem(error.status, STATUS_CODES[error.status] ?? 'Bad request', `The request body cannot be read: ${error.message}.`);
    else {
      log(describeUnexpected(error, req));
      problem = new HttpProblem(500, 'Internal error');
    }
    if (problem.status === 503) res.setHeader('Retry-After', '5');
    res
      .status(problem.status)
      .type('application/problem+json')
      .json({ type: 'about:blank', title: problem.title, status: problem.status, detail: problem.detail, ...problem.extra });
  };
}
