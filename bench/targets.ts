/**
 * The three ways an event is sent: the raw engine (signal-with-start from a Temporal client, the
 * call the API makes), `POST /v1/events`, and `POST /v1/events:batch`. Each returns an Outcome and
 * never throws, so the load generators count failures instead of stopping.
 */
import { Client } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { Outcome } from './load.js';

/** An event as the lifecycle receives it (and as a service sends it, with a customerId). */
export interface BenchEvent {
  eventId: string;
  customerId: string;
  type: string;
  occurredAt: string;
  properties: Record<string, unknown>;
}

export const registered = (customerId: string, eventId = `${customerId}-e`): BenchEvent => ({
  eventId, customerId, type: 'customer.registered', occurredAt: new Date().toISOString(), properties: {},
});

/** Fresh customers `<prefix><i>`, one `customer.registered` each. */
export const freshEvents = (prefix: string, count: number): BenchEvent[] => Array.from({ length: count }, (_, i) => registered(`${prefix}${i}`));

const REQUEST_TIMEOUT_MS = 30_000;
const CustomerId = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);

const failure = (error: unknown): Outcome => ({ accepted: 0, status: 0, error: String((error as Error)?.message ?? error).slice(0, 200) });

/** Signal-with-start of `customer-<id>`, as the API does it (with the CustomerId search attribute). */
export function rawSender(client: Client, taskQueue: string) {
  return async (event: BenchEvent): Promise<Outcome> => {
    try {
      await client.workflow.signalWithStart('customerLifecycle', {
        workflowId: `customer-${event.customerId}`,
        taskQueue,
        args: [{ customerId: event.customerId }],
        signal: 'customerEvent',
        signalArgs: [event],
        typedSearchAttributes: [{ key: CustomerId, value: event.customerId }],
      });
      return { accepted: 1, status: 200 };
    } catch (error) {
      return failure(error);
    }
  };
}

export interface Api {
  url: string;
  key: string;
}

/** A JSON request to the API; the body is parsed when there is one. */
export async function callApi(api: Api, method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${api.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${api.key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}

const describe = (status: number, body: unknown) => `HTTP ${status}: ${(typeof body === 'string' ? body : JSON.stringify(body) ?? '').slice(0, 200)}`;

/** `POST /v1/events` with the event (by customerId). */
export function apiSender(api: Api) {
  return async (event: BenchEvent): Promise<Outcome> => {
    try {
      const { status, body } = await callApi(api, 'POST', '/v1/events', event);
      const verdict = (body as { status?: string } | undefined)?.status;
      const accepted = status >= 200 && status < 300 && verdict !== 'duplicate' && verdict !== 'rejected' ? 1 : 0;
      return accepted ? { accepted, status } : { accepted, status, error: describe(status, body) };
    } catch (error) {
      return failure(error);
    }
  };
}

export const BATCH_ROUTE = '/v1/events:batch';

/** `POST /v1/events:batch` with `{ events }`; accepted = the results with status `accepted`. */
export function batchSender(api: Api) {
  return async (events: BenchEvent[]): Promise<Outcome> => {
    try {
      const { status, body } = await callApi(api, 'POST', BATCH_ROUTE, { events });
      const results = (body as { results?: { status?: string; errors?: unknown }[] } | undefined)?.results ?? [];
      const accepted = status >= 200 && status < 300 ? results.filter((r) => r.status === 'accepted').length : 0;
      const bad = results.find((r) => r.status !== 'accepted');
      const error = status >= 300 ? describe(status, body) : bad ? `item ${JSON.stringify(bad).slice(0, 200)}` : undefined;
      return { accepted, status, ...(error ? { error } : {}) };
    } catch (error) {
      return failure(error);
    }
  };
}

/** Splits `items` into chunks of `size`. */
export const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
