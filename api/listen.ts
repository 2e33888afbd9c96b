import type { Express } from 'express';
import { createServer, type Server } from 'node:http';

/** How long a client may take to send a request; a slower one gets 408 and its connection is closed. */
export interface ServerTimeouts {
  /** To send the request's headers. @default 10_000 */
  headersMs: number;
  /** To send the whole request, headers and body (1 MB at most). @default 30_000 */
  requestMs: number;
  /** How often open connections are checked against both. @default 1_000 */
  checkEveryMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = { headersMs: 10_000, requestMs: 30_000, checkEveryMs: 1_000 };

/** Serves the API on `port` and `host`, with the request and header timeouts that stop slow clients holding sockets. */
export function listenApi(app: Express, port: number, host: string, onListening: () => void, timeouts: ServerTimeouts = SERVER_TIMEOUTS): Server {
  const server = createServer({ requestTimeout: timeouts.requestMs, headersTimeout: timeouts.headersMs, connectionsCheckingInterval: timeouts.checkEveryMs }, app);
  return server.listen(port, host, onListening);
}
