/**
 * Steady `order.placed` traffic to `POST /v1/events` from a few clients that behave as a good service
 * does: an event answered 503, or not answered at all, is sent again with the same eventId (after
 * Retry-After) until it is answered 202. Every request is recorded, for latencies while something is down.
 */
import { API_KEY } from './api-harness.js';

export interface Attempt {
  startedAt: number;
  ms: number;
  /** The HTTP status, or `network` (refused, reset) or `timeout` (no answer within the client's limit). */
  status: number | 'network' | 'timeout';
  retryAfter: string | null;
}

export interface TrafficOptions {
  baseUrl: string;
  clients: number;
  /** Each client sends at most one event this often. */
  everyMs: number;
  /** The customer of the n-th event sent (over all clients). */
  customerFor: (n: number) => string;
  eventIdPrefix: string;
  /** A client gives up waiting for one answer after this long, and sends again. @default 30_000 */
  requestTimeoutMs?: number;
  /** Once stopped, a client gives up an event not answered 202 after this long (counted in `abandoned`). @default 60_000 */
  giveUpAfterStopMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class EventTraffic {
  readonly attempts: Attempt[] = [];
  /** eventId → customerId of every event answered 202 (`accepted` or `duplicate`). */
  readonly accepted = new Map<string, string>();
  /** Events answered 4xx, or 202 for another customer: none should be. */
  readonly refused: string[] = [];
  /** Events a client gave up on after the traffic was stopped: the API never answered them 202. */
  readonly abandoned: string[] = [];
  sent = 0;
  duplicates = 0;
  private stoppedAt: number | undefined;
  private readonly running: Promise<unknown>;

  constructor(private readonly opts: TrafficOptions) {
    this.running = Promise.all(Array.from({ length: opts.clients }, (_, lane) => this.client(lane)));
  }

  /** Stops sending new events; resolves once each client's last event was answered 202. */
  async stop(): Promise<void> {
    this.stoppedAt ??= Date.now();
    await this.running;
  }

  /** Requests sent between `from` and `to`: how many, their statuses, p50 and max latency. */
  between(from: number, to: number) {
    const inside = this.attempts.filter((a) => a.startedAt >= from && a.startedAt < to);
    const ms = inside.map((a) => a.ms).sort((x, y) => x - y);
    const statuses = new Map<string, number>();
    for (const a of inside) statuses.set(String(a.status), (statuses.get(String(a.status)) ?? 0) + 1);
    return {
      requests: inside.length,
      p50: percentile(ms, 0.5),
      max: ms.at(-1) ?? NaN,
      statuses: [...statuses].map(([status, n]) => `${status}×${n}`).join(' '),
      retryAfter: [...new Set(inside.map((a) => a.retryAfter).filter(Boolean))].join(','),
    };
  }

  private async client(lane: number): Promise<void> {
    for (let n = 0; this.stoppedAt === undefined; n += 1) {
      const started = Date.now();
      await this.deliver(`${this.opts.eventIdPrefix}-${lane}-${n}`, this.opts.customerFor(this.sent++));
      await sleep(Math.max(0, this.opts.everyMs - (Date.now() - started)));
    }
  }

  private async deliver(eventId: string, customerId: string): Promise<void> {
    const event = { eventId, customerId, type: 'order.placed', properties: { orderTotal: 1 } };
    for (;;) {
      const { attempt, body } = await this.post(event);
      this.attempts.push(attempt);
      if (attempt.status === 202) {
        if (body?.status === 'duplicate') this.duplicates += 1;
        if (body?.customerId !== customerId) this.refused.push(`${eventId}: 202 for customer ${body?.customerId}`);
        this.accepted.set(eventId, customerId);
        return;
      }
      if (typeof attempt.status === 'number' && attempt.status < 500) {
        this.refused.push(`${eventId}: ${attempt.status} ${JSON.stringify(body)}`);
        return;
      }
      if (this.stoppedAt !== undefined && Date.now() - this.stoppedAt > (this.opts.giveUpAfterStopMs ?? 60_000)) {
        this.abandoned.push(`${eventId}: last answer ${attempt.status}`);
        return;
      }
      await sleep(attempt.status === 503 ? Number(attempt.retryAfter ?? 1) * 1000 : 1_000);
    }
  }

  private async post(event: object): Promise<{ attempt: Attempt; body?: { status?: string; customerId?: string } }> {
    const startedAt = Date.now();
    try {
      const response = await fetch(`${this.opts.baseUrl}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 30_000),
      });
      const text = await response.text();
      const attempt = { startedAt, ms: Date.now() - startedAt, status: response.status, retryAfter: response.headers.get('retry-after') };
      return { attempt, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
    } catch (error) {
      const status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
      return { attempt: { startedAt, ms: Date.now() - startedAt, status, retryAfter: null } };
    }
  }
}

export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN);
