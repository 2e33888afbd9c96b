import type { Request } from 'express';

type Described = { name?: unknown; code?: unknown; stack?: unknown; cause?: unknown };

/** The error's kind: its name and code, and its cause's (`MongoBulkWriteError(11000) ← MongoServerError`). */
function kind(error: unknown, hops = 3): string {
  if (error === null || typeof error !== 'object') return typeof error;
  const { name, code, cause } = error as Described;
  const own = `${typeof name === 'string' ? name : (error.constructor?.name ?? 'Object')}${typeof code === 'string' || typeof code === 'number' ? `(${code})` : ''}`;
  return cause !== undefined && hops > 1 ? `${own} ← ${kind(cause, hops - 1)}` : own;
}

/** Where it was thrown: the first stack frame, and the first in Tideway's own code when that is another. */
function where(error: unknown): string {
  const stack = (error as Described | null)?.stack;
  const frames = typeof stack === 'string' ? stack.split('\n').flatMap((line) => (/^\s+at /.test(line) ? [line.trim().slice(3)] : [])) : [];
  const own = frames.find((frame) => !frame.includes('node_modules') && !frame.includes('node:'));
  return [...new Set([frames[0], own])].filter(Boolean).join(' … ') || 'no stack';
}

/**
 * The log line of an unexpected error (a 500): the route, the error's kind and where it was thrown.
 * Never its message, which may quote the values that were refused (names, emails, phones), nor the
 * request's body, query or path, which hold them too.
 */
export function describeUnexpected(error: unknown, req: Request): string {
  const route = typeof req.route?.path === 'string' ? req.route.path : '(no route)';
  return `unexpected error on ${req.method} ${route}: ${kind(error)} at ${where(error)}`;
}
