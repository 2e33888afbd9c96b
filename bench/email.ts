/**
 * Event → email latency: K customers get an email address and email consent first; then, one at a
 * time, each gets a `customer.registered`, and the latency runs from the request to the moment the
 * welcome email is seen in the mail sink (maildev's REST API, polled every 100 ms, matched by
 * recipient). Once at rest, once while a background load of fresh customers runs.
 */
import { ratePerSecond, waitReached } from './applied.js';
import { assertAlive, type BenchContext, prefixOf } from './context.js';
import { type Drain, waitForQuiet } from './drain.js';
import { closedLoop, openLoop, percentile } from './load.js';
import { pause, progress } from './progress.js';
import { sendFigures, type SendFigures } from './rounds.js';
import { type Api, apiSender, callApi, registered } from './targets.js';

export interface EmailResult {
  label: string;
  customers: number;
  /** Emails seen before their deadline. */
  arrived: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  latencies: number[];
  setupFailures: number;
  eventFailures: number;
  drain: Drain;
  /** The background load, when there was one: its target rate and what it achieved. */
  background?: { targetPerS: number; sent: SendFigures; skipped: number; applied: number; appliedAllMs?: number; appliedPerS: number };
}

const PER_EMAIL_TIMEOUT_MS = 120_000;
const POLL_MS = 100;

async function hasEmailTo(mailUrl: string, address: string): Promise<boolean> {
  const res = await fetch(`${mailUrl}/email`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`mail sink answered ${res.status}`);
  return ((await res.json()) as { to: { address: string }[] }[]).some((email) => email.to.some((to) => to.address === address));
}

/** The address of a bench customer: `<id>@bench.example`. */
export const benchEmail = (customerId: string) => `${customerId}@bench.example`;

/** Customers with an email and email consent, `clients` at a time; returns how many could not be set up. */
export async function createCustomers(api: Api, ids: string[], clients = 4): Promise<number> {
  const load = await closedLoop(ids, clients, async (id) => {
    const profile = await callApi(api, 'PUT', `/v1/customers/${id}`, { email: benchEmail(id), name: 'Bench', locale: 'en' }).catch(() => ({ status: 0 }));
    const consent = await callApi(api, 'PUT', `/v1/customers/${id}/consent`, { channel: 'email', status: 'opted_in', source: 'bench' }).catch(() => ({ status: 0 }));
    const ok = profile.status >= 200 && profile.status < 300 && consent.status === 200;
    return { accepted: ok ? 1 : 0, status: ok ? 200 : Math.max(profile.status, consent.status) };
  });
  return ids.length - load.accepted;
}

/** One email-latency phase; `backgroundPerS` > 0 runs fresh `customer.registered` at that rate meanwhile. */
export async function runEmailPhase(ctx: BenchContext, label: string, backgroundPerS: number): Promise<EmailResult> {
  assertAlive(ctx);
  const k = ctx.opts.emailCustomers;
  const prefix = prefixOf(ctx, label);
  const ids = Array.from({ length: k }, (_, i) => `${prefix}${i}`);
  progress(`email ${label}: ${k} customers with email + consent, one event at a time${backgroundPerS > 0 ? `, background load ${backgroundPerS.toFixed(1)} events/s` : ''}`);
  const setupFailures = await createCustomers(ctx.api, ids);
  const drain = await waitForQuiet(ctx, `email ${label}`);
  const timeoutMs = ctx.opts.applyTimeoutS * 1000;
  const phaseDeadline = Date.now() + timeoutMs;
  const bgPrefix = prefixOf(ctx, `${label}-background`);
  const bgStarted = Date.now();
  if (backgroundPerS > 0) ctx.lastPrefix = bgPrefix;
  const background = backgroundPerS > 0
    ? openLoop(backgroundPerS, Math.ceil(backgroundPerS * ctx.opts.applyTimeoutS), 64, (i) => registered(`${bgPrefix}${i}`), apiSender(ctx.api))
    : undefined;
  if (background) await pause(3_000); // let the load reach its pace before the first measured event

  const send = apiSender(ctx.api);
  const latencies: number[] = [];
  let eventFailures = 0;
  for (const [i, id] of ids.entries()) {
    if (Date.now() > phaseDeadline) break;
    const address = benchEmail(id);
    const sentAt = Date.now();
    const outcome = await send(registered(id));
    if (outcome.accepted === 0) eventFailures += 1;
    const deadline = Math.min(phaseDeadline, sentAt + PER_EMAIL_TIMEOUT_MS);
    for (let poll = 0; poll < 10_000 && Date.now() < deadline; poll++) {
      if (await hasEmailTo(ctx.stack.mailUrl, address).catch(() => false)) {
        latencies.push(Date.now() - sentAt);
        break;
      }
      await pause(POLL_MS);
    }
    if ((i + 1) % 10 === 0) progress(`  email ${label}: ${i + 1}/${k} sent, ${latencies.length} arrived, p50 so far ${percentile(latencies, 50).toFixed(0)} ms`);
  }
  const result: EmailResult = {
    label, customers: k, arrived: latencies.length, latencies,
    p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), maxMs: Math.max(...latencies, NaN),
    setupFailures, eventFailures, drain,
  };
  if (background) {
    const bg = await background.stop();
    progress(`  background: ${bg.accepted} accepted at ${((bg.accepted * 1000) / bg.elapsedMs).toFixed(1)}/s (target ${backgroundPerS.toFixed(1)}/s), ${bg.skipped} skipped (64 in flight); waiting until applied`);
    const applied = await waitReached(ctx.client, ctx.countMode, 'applied', bgPrefix, Math.max(1, bg.accepted), bgStarted, timeoutMs);
    // and their welcome runs past the email, so that the next phase starts on a quiet worker
    await waitReached(ctx.client, ctx.countMode, 'welcome-settled', bgPrefix, Math.max(1, bg.accepted), Date.now(), timeoutMs);
    result.background = { targetPerS: backgroundPerS, sent: sendFigures(bg), skipped: bg.skipped, applied: applied.reached, appliedAllMs: applied.allMs, appliedPerS: ratePerSecond(applied) };
  }
  progress(`  email ${label}: ${latencies.length}/${k} arrived, p50 ${result.p50Ms.toFixed(0)} ms, p99 ${result.p99Ms.toFixed(0)} ms` +
    `${setupFailures ? `, ${setupFailures} customers not set up` : ''}${eventFailures ? `, ${eventFailures} events not accepted` : ''}`);
  return result;
}
