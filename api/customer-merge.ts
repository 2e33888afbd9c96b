import { CONSENT_CHANNELS, consentRecord, mergedConsent } from '../domain/consent.js';
import { MERGED_EVENT_TYPE } from '../domain/events.js';
import { recordConsent } from '../store/consent.js';
import { moveIdentities } from '../store/identities.js';
import { CustomerModel } from '../store/models/customer.js';
import { EventModel } from '../store/models/event.js';
import { TaskModel } from '../store/models/task.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';
import { acceptEvent } from './event-intake.js';
import { HttpProblem } from './problem.js';

const notFound = (id: string) => new HttpProblem(404, 'Customer not found', `No customer "${id}".`);
const alreadyMerged = (id: string, into: string) =>
  new HttpProblem(409, 'Customer already merged', `Customer "${id}" was merged into "${into}".`, { customerId: id, mergedInto: into });

/**
 * Folds `otherId` into `survivorId`. Refusals (404, 409) change nothing. The other is marked first,
 * so events for it go to the survivor from then on; every later step is idempotent, and a merge
 * that failed half-way (a 503) is finished by sending the same request again.
 */
export async function mergeCustomers(survivorId: string, otherId: string, runner: JourneyRunner, now = new Date()): Promise<void> {
  const [survivor, other] = await Promise.all([CustomerModel.findById(survivorId).lean(), CustomerModel.findById(otherId).lean()]);
  if (!survivor) throw notFound(survivorId);
  if (!other) throw notFound(otherId);
  if (survivor.mergedInto) throw alreadyMerged(survivorId, survivor.mergedInto);
  const resuming = other.mergedInto === survivorId && !other.mergedAt;
  if (other.mergedInto && !resuming) throw alreadyMerged(otherId, other.mergedInto);
  if (!resuming) {
    const marked = await CustomerModel.updateOne({ _id: otherId, mergedInto: null }, { $set: { mergedInto: survivorId } });
    if (marked.modifiedCount !== 1) throw alreadyMerged(otherId, (await CustomerModel.findById(otherId).orFail().lean()).mergedInto ?? 'another customer');
  }

  const reason = `merged into customer ${survivorId}`;
  // The lifecycle first, so it starts no journey for the other while their runs are being ended.
  await runner.endLifecycle(otherId, reason);
  await runner.endRuns(otherId, reason);
  await moveIdentities(otherId, survivorId);
  await foldConsent(survivor.consent, other.consent, survivorId, otherId);
  // Urgent reviews belong to the person, not to a run: they go on holding the survivor's marketing.
  await TaskModel.updateMany({ customerId: otherId, status: 'open', workflowId: null }, { $set: { customerId: survivorId } });
  await EventModel.updateMany({ customerId: otherId }, { $set: { customerId: survivorId } });
  // The survivor's lifecycle folds in what the other's knew; the fixed eventId makes a retried merge act once.
  await acceptEvent(
    {
      eventId: `merge:${otherId}`,
      customerId: survivorId,
      type: MERGED_EVENT_TYPE,
      properties: { otherId, orders: other.orders ?? 0, totalValue: other.totalValue ?? 0, lastInteractionAt: other.lastInteractionAt?.toISOString() ?? null },
    },
    runner,
    { now },
  );
  await CustomerModel.updateOne({ _id: otherId }, { $set: { mergedAt: now } });
}

/** Per channel, the customer's most recent word wins: an opt-out given as the other customer still holds. */
async function foldConsent(survivorConsent: unknown, otherConsent: unknown, survivorId: string, otherId: string): Promise<void> {
  for (const channel of CONSENT_CHANNELS) {
    const other = consentRecord(otherConsent, channel);
    const kept = mergedConsent(consentRecord(survivorConsent, channel), other);
    if (kept && kept === other) await recordConsent(survivorId, { channel, status: other.status, source: `merge:${otherId}` }, other.at ?? new Date());
  }
}
