/**
 * The burst: one `customer.registered` per fresh customer (each starts a welcome run that sends one
 * email), kill -9 of one worker once a share of the emails is in the mail sink, then the wait until
 * every email is settled: the ledger has a final row for each, and each one it calls sent is in the sink.
 */
import { benchEmail } from './email.js';
import { closedLoop, type LoadResult } from './load.js';
import { receivedEmails } from './mail-sink.js';
import { pause, progress } from './progress.js';
import type { ScaleOutOptions } from './scale-out-args.js';
import type { ScaleOutStack } from './scale-out-stack.js';
import { unsettled, welcomeLedger } from './send-ledger.js';
import { apiSender, type BenchEvent, registered } from './targets.js';

export interface BurstResult {
  load: LoadResult;
  /** The customers whose event the API accepted: only they are owed an email. */
  acceptedIds: string[];
  acceptedPerS: number;
  startedAt: number;
  killed?: { worker: string; identity: string; atMs: number; emailsInSink: number };
  /** From the first event until every email was settled; undefined if that did not happen in time. */
  settledMs?: number;
  /** From the kill until every email was settled. */
  drainAfterKillMs?: number;
}

const POLL_MS = 1_000;

export async function runBurst(stack: ScaleOutStack, customerIds: string[], opts: ScaleOutOptions): Promise<BurstResult> {
  const { servers } = stack;
  const acceptedIds: string[] = [];
  const expected = new Set<string>();
  const send = apiSender({ url: servers.apiUrl, key: servers.apiKey });
  const sendAndNote = async (event: BenchEvent) => {
    const outcome = await send(event);
    if (outcome.accepted) {
      acceptedIds.push(event.customerId);
      expected.add(benchEmail(event.customerId));
    }
    return outcome;
  };
  const killAt = Math.ceil((customerIds.length * opts.killAtPercent) / 100);
  const victim = stack.workers.at(-1)!;
  const startedAt = Date.now();
  let loadDone = false;
  const loading = closedLoop(customerIds.map((id) => registered(id)), opts.clients, sendAndNote, startedAt + opts.timeoutS * 1000)
    .then((load) => {
      loadDone = true;
      progress(`  events: ${load.accepted}/${customerIds.length} accepted in ${(load.elapsedMs / 1000).toFixed(1)} s`);
      return load;
    });
  const result: Partial<BurstResult> = { startedAt };
  let deadline = Infinity;
  let lastReport = 0;
  let lastCount = 0;
  for (let poll = 0; poll < 100_000; poll++) {
    await pause(POLL_MS);
    const crashed = stack.crashed();
    if (crashed) throw new Error(crashed);
    const arrived = new Set((await receivedEmails(servers.mailUrl, (to) => expected.has(to)).catch(() => [])).map((e) => e.to)).size;
    if (killAt > 0 && !result.killed && arrived >= killAt) {
      stack.killHard(victim);
      result.killed = { worker: victim.name, identity: victim.identity, atMs: Date.now() - startedAt, emailsInSink: arrived };
      progress(`  kill -9 ${victim.name} (${victim.identity}) with ${arrived}/${expected.size} emails in the sink`);
    }
    if (loadDone && deadline === Infinity) deadline = Date.now() + opts.timeoutS * 1000;
    if (Date.now() - lastReport >= 5_000) {
      progress(`  ${arrived}/${expected.size} emails in the sink, ${((arrived - lastCount) / ((Date.now() - (lastReport || startedAt)) / 1000)).toFixed(1)}/s since the last line`);
      [lastReport, lastCount] = [Date.now(), arrived];
    }
    if (loadDone && (arrived === expected.size || poll % 5 === 0) && (await settled(servers.mailUrl, acceptedIds, expected))) {
      result.settledMs = Date.now() - startedAt;
      break;
    }
    if (Date.now() > deadline) {
      progress(`  not settled ${opts.timeoutS} s after the last event: reporting what arrived`);
      break;
    }
  }
  const load = await loading;
  if (result.killed && result.settledMs !== undefined) result.drainAfterKillMs = result.settledMs - result.killed.atMs;
  return { ...result, load, acceptedIds, acceptedPerS: (load.accepted * 1000) / load.elapsedMs } as BurstResult;
}

/** Every ledger row final, and every message it calls sent in the sink. */
async function settled(mailUrl: string, customerIds: string[], expected: Set<string>): Promise<boolean> {
  const ledger = await welcomeLedger(customerIds);
  if (unsettled(customerIds, ledger).length > 0) return false;
  const arrived = new Set((await receivedEmails(mailUrl, (to) => expected.has(to))).map((e) => e.to));
  return customerIds.every((id) => !['sent', 'delivered'].includes(ledger.get(id)!.status) || arrived.has(benchEmail(id)));
}
