import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../config/logger.js';
import { requestContext } from '../config/request-context.js';
import { CLICK_PATH, OPEN_PATH } from './tracking-token.js';
import { UNSUBSCRIBE_PATH } from './unsubscribe-token.js';

/** A client's `X-Request-Id` is kept when it is a plain token (a UUID, a trace id); anything else gets a new one. */
const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Paths that carry a signed token (it names the customer): logged without it. */
const TOKEN_PATHS = [UNSUBSCRIBE_PATH, CLICK_PATH, OPEN_PATH];

/** The path without its query (search terms are personal data) and without an unsubscribe, click or open token. */
function loggedPath(req: IncomingMessage & { originalUrl?: string }): string {
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0]!;
  const tokenPath = TOKEN_PATHS.find((prefix) => path.startsWith(`${prefix}/`));
  return tokenPath ? `${tokenPath}/[token]` : path;
}

const QUIET = new Set(['/healthz', '/readyz']);
/**
 * The busiest path: services send events by the thousand, and a line for each accepted one cost the
 * intake about a fifth of its rate in the bench. Accepted events log at `debug`; refusals still at `warn`.
 */
const BUSY = new Set(['/v1/events', '/v1/events:batch']);

/**
 * One line per request as it completes (method, path, status, time, request id), never a body, query
 * or header. The request id is taken from `X-Request-Id` or made, sent back, and carried (through
 * {@link requestContext}) onto every line logged while the request is served and into the workflows it starts.
 */
export function httpLog(logger: Logger): RequestHandler[] {
  const log = pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const sent = req.headers['x-request-id'];
      const id = typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: IncomingMessage) => ({ method: req.method, url: loggedPath(req) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    wrapSerializers: false,
    autoLogging: { ignore: (req) => QUIET.has(loggedPath(req)) },
    customLogLevel: (req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : BUSY.has(loggedPath(req)) ? 'debug' : 'info',
    customSuccessObject: (req, _res, value: object) => ({ reqId: req.id, ...value }),
    customErrorObject: (req, _res, _error, value: object) => ({ reqId: req.id, ...value }),
  });
  return [log, (req, _res, next) => requestContext.run({ requestId: String(req.id) }, next)];
}
